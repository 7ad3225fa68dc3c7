from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.outside_handover_create import OutsideHandoverCreate
from ...models.problem import Problem
from ...models.update_public import UpdatePublic
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    body: OutsideHandoverCreate,
    idempotency_key: None | str | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(idempotency_key, Unset):
        headers["idempotency-key"] = idempotency_key

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/api/v1/outside-handovers",
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Problem | UpdatePublic | None:
    if response.status_code == 201:
        response_201 = UpdatePublic.from_dict(response.json())

        return response_201

    if response.status_code == 400:
        response_400 = Problem.from_dict(response.json())

        return response_400

    if response.status_code == 401:
        response_401 = Problem.from_dict(response.json())

        return response_401

    if response.status_code == 403:
        response_403 = Problem.from_dict(response.json())

        return response_403

    if response.status_code == 404:
        response_404 = Problem.from_dict(response.json())

        return response_404

    if response.status_code == 409:
        response_409 = Problem.from_dict(response.json())

        return response_409

    if response.status_code == 413:
        response_413 = Problem.from_dict(response.json())

        return response_413

    if response.status_code == 414:
        response_414 = Problem.from_dict(response.json())

        return response_414

    if response.status_code == 415:
        response_415 = Problem.from_dict(response.json())

        return response_415

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
) -> Response[Problem | UpdatePublic]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    body: OutsideHandoverCreate,
    idempotency_key: None | str | Unset = UNSET,
) -> Response[Problem | UpdatePublic]:
    """Create Outside Handover

     Record a handover between two parties that no agreement covers (monitor): it counts in their
    summaries,
    never in an agreement's status; correct and review it as any update.

    Args:
        idempotency_key (None | str | Unset):
        body (OutsideHandoverCreate): A handover between two parties that no agreement covers (a
            mediated exchange announced afterwards, say).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | UpdatePublic]
    """

    kwargs = _get_kwargs(
        body=body,
        idempotency_key=idempotency_key,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient,
    body: OutsideHandoverCreate,
    idempotency_key: None | str | Unset = UNSET,
) -> Problem | UpdatePublic | None:
    """Create Outside Handover

     Record a handover between two parties that no agreement covers (monitor): it counts in their
    summaries,
    never in an agreement's status; correct and review it as any update.

    Args:
        idempotency_key (None | str | Unset):
        body (OutsideHandoverCreate): A handover between two parties that no agreement covers (a
            mediated exchange announced afterwards, say).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | UpdatePublic
    """

    return sync_detailed(
        client=client,
        body=body,
        idempotency_key=idempotency_key,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    body: OutsideHandoverCreate,
    idempotency_key: None | str | Unset = UNSET,
) -> Response[Problem | UpdatePublic]:
    """Create Outside Handover

     Record a handover between two parties that no agreement covers (monitor): it counts in their
    summaries,
    never in an agreement's status; correct and review it as any update.

    Args:
        idempotency_key (None | str | Unset):
        body (OutsideHandoverCreate): A handover between two parties that no agreement covers (a
            mediated exchange announced afterwards, say).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | UpdatePublic]
    """

    kwargs = _get_kwargs(
        body=body,
        idempotency_key=idempotency_key,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    body: OutsideHandoverCreate,
    idempotency_key: None | str | Unset = UNSET,
) -> Problem | UpdatePublic | None:
    """Create Outside Handover

     Record a handover between two parties that no agreement covers (monitor): it counts in their
    summaries,
    never in an agreement's status; correct and review it as any update.

    Args:
        idempotency_key (None | str | Unset):
        body (OutsideHandoverCreate): A handover between two parties that no agreement covers (a
            mediated exchange announced afterwards, say).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | UpdatePublic
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
            idempotency_key=idempotency_key,
        )
    ).parsed
