from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.attribution_dispute_public import AttributionDisputePublic
from ...models.problem import Problem
from ...types import Response


def _get_kwargs(
    update_id: str,
) -> dict[str, Any]:

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/api/v1/updates/{update_id}/attribution-disputes".format(
            update_id=quote(str(update_id), safe=""),
        ),
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Problem | list[AttributionDisputePublic] | None:
    if response.status_code == 200:
        response_200 = []
        _response_200 = response.json()
        for response_200_item_data in _response_200:
            response_200_item = AttributionDisputePublic.from_dict(response_200_item_data)

            response_200.append(response_200_item)

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
) -> Response[Problem | list[AttributionDisputePublic]]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    update_id: str,
    *,
    client: AuthenticatedClient,
) -> Response[Problem | list[AttributionDisputePublic]]:
    """List Attribution Disputes

     Every statement on whether the handover belongs to the agreement.

    Args:
        update_id (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | list[AttributionDisputePublic]]
    """

    kwargs = _get_kwargs(
        update_id=update_id,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    update_id: str,
    *,
    client: AuthenticatedClient,
) -> Problem | list[AttributionDisputePublic] | None:
    """List Attribution Disputes

     Every statement on whether the handover belongs to the agreement.

    Args:
        update_id (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | list[AttributionDisputePublic]
    """

    return sync_detailed(
        update_id=update_id,
        client=client,
    ).parsed


async def asyncio_detailed(
    update_id: str,
    *,
    client: AuthenticatedClient,
) -> Response[Problem | list[AttributionDisputePublic]]:
    """List Attribution Disputes

     Every statement on whether the handover belongs to the agreement.

    Args:
        update_id (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | list[AttributionDisputePublic]]
    """

    kwargs = _get_kwargs(
        update_id=update_id,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    update_id: str,
    *,
    client: AuthenticatedClient,
) -> Problem | list[AttributionDisputePublic] | None:
    """List Attribution Disputes

     Every statement on whether the handover belongs to the agreement.

    Args:
        update_id (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | list[AttributionDisputePublic]
    """

    return (
        await asyncio_detailed(
            update_id=update_id,
            client=client,
        )
    ).parsed
