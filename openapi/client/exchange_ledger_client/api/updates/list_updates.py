import datetime
from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.problem import Problem
from ...models.review_state import ReviewState
from ...models.update_page import UpdatePage
from ...types import UNSET, Response, Unset


def _get_kwargs(
    agreement_id: str,
    *,
    limit: int | Unset = 50,
    cursor: None | str | Unset = UNSET,
    review_state: None | ReviewState | Unset = UNSET,
    changed_since: datetime.datetime | None | Unset = UNSET,
    with_total: bool | Unset = False,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    params["limit"] = limit

    json_cursor: None | str | Unset
    if isinstance(cursor, Unset):
        json_cursor = UNSET
    else:
        json_cursor = cursor
    params["cursor"] = json_cursor

    json_review_state: None | str | Unset
    if isinstance(review_state, Unset):
        json_review_state = UNSET
    elif isinstance(review_state, ReviewState):
        json_review_state = review_state.value
    else:
        json_review_state = review_state
    params["review_state"] = json_review_state

    json_changed_since: None | str | Unset
    if isinstance(changed_since, Unset):
        json_changed_since = UNSET
    elif isinstance(changed_since, datetime.datetime):
        json_changed_since = changed_since.isoformat()
    else:
        json_changed_since = changed_since
    params["changed_since"] = json_changed_since

    params["with_total"] = with_total

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/api/v1/agreements/{agreement_id}/updates".format(
            agreement_id=quote(str(agreement_id), safe=""),
        ),
        "params": params,
    }

    return _kwargs


def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Problem | UpdatePage | None:
    if response.status_code == 200:
        response_200 = UpdatePage.from_dict(response.json())

        return response_200

    if response.status_code == 401:
        response_401 = Problem.from_dict(response.json())

        return response_401

    if response.status_code == 404:
        response_404 = Problem.from_dict(response.json())

        return response_404

    if response.status_code == 414:
        response_414 = Problem.from_dict(response.json())

        return response_414

    if response.status_code == 422:
        response_422 = Problem.from_dict(response.json())

        return response_422

    if response.status_code == 429:
        response_429 = Problem.from_dict(response.json())

        return response_429

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[Problem | UpdatePage]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    agreement_id: str,
    *,
    client: AuthenticatedClient,
    limit: int | Unset = 50,
    cursor: None | str | Unset = UNSET,
    review_state: None | ReviewState | Unset = UNSET,
    changed_since: datetime.datetime | None | Unset = UNSET,
    with_total: bool | Unset = False,
) -> Response[Problem | UpdatePage]:
    """List Updates

     An agreement's updates in the order they were recorded.

    Args:
        agreement_id (str):
        limit (int | Unset):  Default: 50.
        cursor (None | str | Unset):
        review_state (None | ReviewState | Unset):
        changed_since (datetime.datetime | None | Unset):
        with_total (bool | Unset):  Default: False.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | UpdatePage]
    """

    kwargs = _get_kwargs(
        agreement_id=agreement_id,
        limit=limit,
        cursor=cursor,
        review_state=review_state,
        changed_since=changed_since,
        with_total=with_total,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    agreement_id: str,
    *,
    client: AuthenticatedClient,
    limit: int | Unset = 50,
    cursor: None | str | Unset = UNSET,
    review_state: None | ReviewState | Unset = UNSET,
    changed_since: datetime.datetime | None | Unset = UNSET,
    with_total: bool | Unset = False,
) -> Problem | UpdatePage | None:
    """List Updates

     An agreement's updates in the order they were recorded.

    Args:
        agreement_id (str):
        limit (int | Unset):  Default: 50.
        cursor (None | str | Unset):
        review_state (None | ReviewState | Unset):
        changed_since (datetime.datetime | None | Unset):
        with_total (bool | Unset):  Default: False.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | UpdatePage
    """

    return sync_detailed(
        agreement_id=agreement_id,
        client=client,
        limit=limit,
        cursor=cursor,
        review_state=review_state,
        changed_since=changed_since,
        with_total=with_total,
    ).parsed


async def asyncio_detailed(
    agreement_id: str,
    *,
    client: AuthenticatedClient,
    limit: int | Unset = 50,
    cursor: None | str | Unset = UNSET,
    review_state: None | ReviewState | Unset = UNSET,
    changed_since: datetime.datetime | None | Unset = UNSET,
    with_total: bool | Unset = False,
) -> Response[Problem | UpdatePage]:
    """List Updates

     An agreement's updates in the order they were recorded.

    Args:
        agreement_id (str):
        limit (int | Unset):  Default: 50.
        cursor (None | str | Unset):
        review_state (None | ReviewState | Unset):
        changed_since (datetime.datetime | None | Unset):
        with_total (bool | Unset):  Default: False.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | UpdatePage]
    """

    kwargs = _get_kwargs(
        agreement_id=agreement_id,
        limit=limit,
        cursor=cursor,
        review_state=review_state,
        changed_since=changed_since,
        with_total=with_total,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    agreement_id: str,
    *,
    client: AuthenticatedClient,
    limit: int | Unset = 50,
    cursor: None | str | Unset = UNSET,
    review_state: None | ReviewState | Unset = UNSET,
    changed_since: datetime.datetime | None | Unset = UNSET,
    with_total: bool | Unset = False,
) -> Problem | UpdatePage | None:
    """List Updates

     An agreement's updates in the order they were recorded.

    Args:
        agreement_id (str):
        limit (int | Unset):  Default: 50.
        cursor (None | str | Unset):
        review_state (None | ReviewState | Unset):
        changed_since (datetime.datetime | None | Unset):
        with_total (bool | Unset):  Default: False.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | UpdatePage
    """

    return (
        await asyncio_detailed(
            agreement_id=agreement_id,
            client=client,
            limit=limit,
            cursor=cursor,
            review_state=review_state,
            changed_since=changed_since,
            with_total=with_total,
        )
    ).parsed
