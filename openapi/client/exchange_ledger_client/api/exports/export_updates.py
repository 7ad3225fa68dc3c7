import datetime
from http import HTTPStatus
from io import BytesIO
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.export_format import ExportFormat
from ...models.problem import Problem
from ...models.review_state import ReviewState
from ...types import UNSET, File, Response, Unset


def _get_kwargs(
    *,
    format_: ExportFormat | None | Unset = UNSET,
    bom: bool | Unset = False,
    agreement_id: None | str | Unset = UNSET,
    recipient_id: None | str | Unset = UNSET,
    commitment_id: None | str | Unset = UNSET,
    occurred_from: datetime.date | None | Unset = UNSET,
    occurred_to: datetime.date | None | Unset = UNSET,
    recorded_from: datetime.datetime | None | Unset = UNSET,
    recorded_to: datetime.datetime | None | Unset = UNSET,
    review_state: list[ReviewState] | None | Unset = UNSET,
    counted: bool | Unset = False,
    accept: None | str | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(accept, Unset):
        headers["accept"] = accept

    params: dict[str, Any] = {}

    json_format_: None | str | Unset
    if isinstance(format_, Unset):
        json_format_ = UNSET
    elif isinstance(format_, ExportFormat):
        json_format_ = format_.value
    else:
        json_format_ = format_
    params["format"] = json_format_

    params["bom"] = bom

    json_agreement_id: None | str | Unset
    if isinstance(agreement_id, Unset):
        json_agreement_id = UNSET
    else:
        json_agreement_id = agreement_id
    params["agreement_id"] = json_agreement_id

    json_recipient_id: None | str | Unset
    if isinstance(recipient_id, Unset):
        json_recipient_id = UNSET
    else:
        json_recipient_id = recipient_id
    params["recipient_id"] = json_recipient_id

    json_commitment_id: None | str | Unset
    if isinstance(commitment_id, Unset):
        json_commitment_id = UNSET
    else:
        json_commitment_id = commitment_id
    params["commitment_id"] = json_commitment_id

    json_occurred_from: None | str | Unset
    if isinstance(occurred_from, Unset):
        json_occurred_from = UNSET
    elif isinstance(occurred_from, datetime.date):
        json_occurred_from = occurred_from.isoformat()
    else:
        json_occurred_from = occurred_from
    params["occurred_from"] = json_occurred_from

    json_occurred_to: None | str | Unset
    if isinstance(occurred_to, Unset):
        json_occurred_to = UNSET
    elif isinstance(occurred_to, datetime.date):
        json_occurred_to = occurred_to.isoformat()
    else:
        json_occurred_to = occurred_to
    params["occurred_to"] = json_occurred_to

    json_recorded_from: None | str | Unset
    if isinstance(recorded_from, Unset):
        json_recorded_from = UNSET
    elif isinstance(recorded_from, datetime.datetime):
        json_recorded_from = recorded_from.isoformat()
    else:
        json_recorded_from = recorded_from
    params["recorded_from"] = json_recorded_from

    json_recorded_to: None | str | Unset
    if isinstance(recorded_to, Unset):
        json_recorded_to = UNSET
    elif isinstance(recorded_to, datetime.datetime):
        json_recorded_to = recorded_to.isoformat()
    else:
        json_recorded_to = recorded_to
    params["recorded_to"] = json_recorded_to

    json_review_state: list[str] | None | Unset
    if isinstance(review_state, Unset):
        json_review_state = UNSET
    elif isinstance(review_state, list):
        json_review_state = []
        for review_state_type_0_item_data in review_state:
            review_state_type_0_item = review_state_type_0_item_data.value
            json_review_state.append(review_state_type_0_item)

    else:
        json_review_state = review_state
    params["review_state"] = json_review_state

    params["counted"] = counted

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/api/v1/exports/updates",
        "params": params,
    }

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> File | Problem | None:
    if response.status_code == 200:
        response_200 = File(payload=BytesIO(response.content))

        return response_200

    if response.status_code == 401:
        response_401 = Problem.from_dict(response.json())

        return response_401

    if response.status_code == 404:
        response_404 = Problem.from_dict(response.json())

        return response_404

    if response.status_code == 406:
        response_406 = Problem.from_dict(response.json())

        return response_406

    if response.status_code == 414:
        response_414 = Problem.from_dict(response.json())

        return response_414

    if response.status_code == 422:
        response_422 = Problem.from_dict(response.json())

        return response_422

    if response.status_code == 429:
        response_429 = Problem.from_dict(response.json())

        return response_429

    if response.status_code == 503:
        response_503 = Problem.from_dict(response.json())

        return response_503

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[File | Problem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    format_: ExportFormat | None | Unset = UNSET,
    bom: bool | Unset = False,
    agreement_id: None | str | Unset = UNSET,
    recipient_id: None | str | Unset = UNSET,
    commitment_id: None | str | Unset = UNSET,
    occurred_from: datetime.date | None | Unset = UNSET,
    occurred_to: datetime.date | None | Unset = UNSET,
    recorded_from: datetime.datetime | None | Unset = UNSET,
    recorded_to: datetime.datetime | None | Unset = UNSET,
    review_state: list[ReviewState] | None | Unset = UNSET,
    counted: bool | Unset = False,
    accept: None | str | Unset = UNSET,
) -> Response[File | Problem]:
    """Export Updates

     Every fulfilment update, one row per line, each saying whether the status counts it; the same
    columns
    `POST /imports` takes back.

    Args:
        format_ (ExportFormat | None | Unset):
        bom (bool | Unset):  Default: False.
        agreement_id (None | str | Unset):
        recipient_id (None | str | Unset):
        commitment_id (None | str | Unset):
        occurred_from (datetime.date | None | Unset):
        occurred_to (datetime.date | None | Unset):
        recorded_from (datetime.datetime | None | Unset):
        recorded_to (datetime.datetime | None | Unset):
        review_state (list[ReviewState] | None | Unset):
        counted (bool | Unset):  Default: False.
        accept (None | str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[File | Problem]
    """

    kwargs = _get_kwargs(
        format_=format_,
        bom=bom,
        agreement_id=agreement_id,
        recipient_id=recipient_id,
        commitment_id=commitment_id,
        occurred_from=occurred_from,
        occurred_to=occurred_to,
        recorded_from=recorded_from,
        recorded_to=recorded_to,
        review_state=review_state,
        counted=counted,
        accept=accept,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient,
    format_: ExportFormat | None | Unset = UNSET,
    bom: bool | Unset = False,
    agreement_id: None | str | Unset = UNSET,
    recipient_id: None | str | Unset = UNSET,
    commitment_id: None | str | Unset = UNSET,
    occurred_from: datetime.date | None | Unset = UNSET,
    occurred_to: datetime.date | None | Unset = UNSET,
    recorded_from: datetime.datetime | None | Unset = UNSET,
    recorded_to: datetime.datetime | None | Unset = UNSET,
    review_state: list[ReviewState] | None | Unset = UNSET,
    counted: bool | Unset = False,
    accept: None | str | Unset = UNSET,
) -> File | Problem | None:
    """Export Updates

     Every fulfilment update, one row per line, each saying whether the status counts it; the same
    columns
    `POST /imports` takes back.

    Args:
        format_ (ExportFormat | None | Unset):
        bom (bool | Unset):  Default: False.
        agreement_id (None | str | Unset):
        recipient_id (None | str | Unset):
        commitment_id (None | str | Unset):
        occurred_from (datetime.date | None | Unset):
        occurred_to (datetime.date | None | Unset):
        recorded_from (datetime.datetime | None | Unset):
        recorded_to (datetime.datetime | None | Unset):
        review_state (list[ReviewState] | None | Unset):
        counted (bool | Unset):  Default: False.
        accept (None | str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        File | Problem
    """

    return sync_detailed(
        client=client,
        format_=format_,
        bom=bom,
        agreement_id=agreement_id,
        recipient_id=recipient_id,
        commitment_id=commitment_id,
        occurred_from=occurred_from,
        occurred_to=occurred_to,
        recorded_from=recorded_from,
        recorded_to=recorded_to,
        review_state=review_state,
        counted=counted,
        accept=accept,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    format_: ExportFormat | None | Unset = UNSET,
    bom: bool | Unset = False,
    agreement_id: None | str | Unset = UNSET,
    recipient_id: None | str | Unset = UNSET,
    commitment_id: None | str | Unset = UNSET,
    occurred_from: datetime.date | None | Unset = UNSET,
    occurred_to: datetime.date | None | Unset = UNSET,
    recorded_from: datetime.datetime | None | Unset = UNSET,
    recorded_to: datetime.datetime | None | Unset = UNSET,
    review_state: list[ReviewState] | None | Unset = UNSET,
    counted: bool | Unset = False,
    accept: None | str | Unset = UNSET,
) -> Response[File | Problem]:
    """Export Updates

     Every fulfilment update, one row per line, each saying whether the status counts it; the same
    columns
    `POST /imports` takes back.

    Args:
        format_ (ExportFormat | None | Unset):
        bom (bool | Unset):  Default: False.
        agreement_id (None | str | Unset):
        recipient_id (None | str | Unset):
        commitment_id (None | str | Unset):
        occurred_from (datetime.date | None | Unset):
        occurred_to (datetime.date | None | Unset):
        recorded_from (datetime.datetime | None | Unset):
        recorded_to (datetime.datetime | None | Unset):
        review_state (list[ReviewState] | None | Unset):
        counted (bool | Unset):  Default: False.
        accept (None | str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[File | Problem]
    """

    kwargs = _get_kwargs(
        format_=format_,
        bom=bom,
        agreement_id=agreement_id,
        recipient_id=recipient_id,
        commitment_id=commitment_id,
        occurred_from=occurred_from,
        occurred_to=occurred_to,
        recorded_from=recorded_from,
        recorded_to=recorded_to,
        review_state=review_state,
        counted=counted,
        accept=accept,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    format_: ExportFormat | None | Unset = UNSET,
    bom: bool | Unset = False,
    agreement_id: None | str | Unset = UNSET,
    recipient_id: None | str | Unset = UNSET,
    commitment_id: None | str | Unset = UNSET,
    occurred_from: datetime.date | None | Unset = UNSET,
    occurred_to: datetime.date | None | Unset = UNSET,
    recorded_from: datetime.datetime | None | Unset = UNSET,
    recorded_to: datetime.datetime | None | Unset = UNSET,
    review_state: list[ReviewState] | None | Unset = UNSET,
    counted: bool | Unset = False,
    accept: None | str | Unset = UNSET,
) -> File | Problem | None:
    """Export Updates

     Every fulfilment update, one row per line, each saying whether the status counts it; the same
    columns
    `POST /imports` takes back.

    Args:
        format_ (ExportFormat | None | Unset):
        bom (bool | Unset):  Default: False.
        agreement_id (None | str | Unset):
        recipient_id (None | str | Unset):
        commitment_id (None | str | Unset):
        occurred_from (datetime.date | None | Unset):
        occurred_to (datetime.date | None | Unset):
        recorded_from (datetime.datetime | None | Unset):
        recorded_to (datetime.datetime | None | Unset):
        review_state (list[ReviewState] | None | Unset):
        counted (bool | Unset):  Default: False.
        accept (None | str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        File | Problem
    """

    return (
        await asyncio_detailed(
            client=client,
            format_=format_,
            bom=bom,
            agreement_id=agreement_id,
            recipient_id=recipient_id,
            commitment_id=commitment_id,
            occurred_from=occurred_from,
            occurred_to=occurred_to,
            recorded_from=recorded_from,
            recorded_to=recorded_to,
            review_state=review_state,
            counted=counted,
            accept=accept,
        )
    ).parsed
