from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.problem import Problem
from ...models.update_public import UpdatePublic
from ...types import UNSET, Response, Unset


def _get_kwargs(
    update_id: str,
    *,
    signed: bool | Unset = False,
    if_none_match: None | str | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(if_none_match, Unset):
        headers["if-none-match"] = if_none_match

    params: dict[str, Any] = {}

    params["signed"] = signed

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/api/v1/updates/{update_id}".format(
            update_id=quote(str(update_id), safe=""),
        ),
        "params": params,
    }

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Any | Problem | UpdatePublic | None:
    if response.status_code == 200:
        response_200 = UpdatePublic.from_dict(response.json())

        return response_200

    if response.status_code == 304:
        response_304 = cast(Any, None)
        return response_304

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
) -> Response[Any | Problem | UpdatePublic]:
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
    signed: bool | Unset = False,
    if_none_match: None | str | Unset = UNSET,
) -> Response[Any | Problem | UpdatePublic]:
    """Get Update

     One update with its lines, source and who posted it.

    Args:
        update_id (str):
        signed (bool | Unset):  Default: False.
        if_none_match (None | str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | Problem | UpdatePublic]
    """

    kwargs = _get_kwargs(
        update_id=update_id,
        signed=signed,
        if_none_match=if_none_match,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    update_id: str,
    *,
    client: AuthenticatedClient,
    signed: bool | Unset = False,
    if_none_match: None | str | Unset = UNSET,
) -> Any | Problem | UpdatePublic | None:
    """Get Update

     One update with its lines, source and who posted it.

    Args:
        update_id (str):
        signed (bool | Unset):  Default: False.
        if_none_match (None | str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | Problem | UpdatePublic
    """

    return sync_detailed(
        update_id=update_id,
        client=client,
        signed=signed,
        if_none_match=if_none_match,
    ).parsed


async def asyncio_detailed(
    update_id: str,
    *,
    client: AuthenticatedClient,
    signed: bool | Unset = False,
    if_none_match: None | str | Unset = UNSET,
) -> Response[Any | Problem | UpdatePublic]:
    """Get Update

     One update with its lines, source and who posted it.

    Args:
        update_id (str):
        signed (bool | Unset):  Default: False.
        if_none_match (None | str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | Problem | UpdatePublic]
    """

    kwargs = _get_kwargs(
        update_id=update_id,
        signed=signed,
        if_none_match=if_none_match,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    update_id: str,
    *,
    client: AuthenticatedClient,
    signed: bool | Unset = False,
    if_none_match: None | str | Unset = UNSET,
) -> Any | Problem | UpdatePublic | None:
    """Get Update

     One update with its lines, source and who posted it.

    Args:
        update_id (str):
        signed (bool | Unset):  Default: False.
        if_none_match (None | str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | Problem | UpdatePublic
    """

    return (
        await asyncio_detailed(
            update_id=update_id,
            client=client,
            signed=signed,
            if_none_match=if_none_match,
        )
    ).parsed
