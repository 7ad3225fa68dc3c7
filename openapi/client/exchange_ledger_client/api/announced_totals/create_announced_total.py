from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.announced_total_create import AnnouncedTotalCreate
from ...models.announced_total_public import AnnouncedTotalPublic
from ...models.problem import Problem
from ...types import Response


def _get_kwargs(
    agreement_id: str,
    *,
    body: AnnouncedTotalCreate,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/api/v1/agreements/{agreement_id}/announced-totals".format(
            agreement_id=quote(str(agreement_id), safe=""),
        ),
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> AnnouncedTotalPublic | Problem | None:
    if response.status_code == 201:
        response_201 = AnnouncedTotalPublic.from_dict(response.json())

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
) -> Response[AnnouncedTotalPublic | Problem]:
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
    body: AnnouncedTotalCreate,
) -> Response[AnnouncedTotalPublic | Problem]:
    """Create Announced Total

     Record a running total a source announced ("6,060 handed over so far"), beside the stages, never
    added.

    Args:
        agreement_id (str):
        body (AnnouncedTotalCreate): A cumulative figure as a source announced it.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[AnnouncedTotalPublic | Problem]
    """

    kwargs = _get_kwargs(
        agreement_id=agreement_id,
        body=body,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    agreement_id: str,
    *,
    client: AuthenticatedClient,
    body: AnnouncedTotalCreate,
) -> AnnouncedTotalPublic | Problem | None:
    """Create Announced Total

     Record a running total a source announced ("6,060 handed over so far"), beside the stages, never
    added.

    Args:
        agreement_id (str):
        body (AnnouncedTotalCreate): A cumulative figure as a source announced it.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        AnnouncedTotalPublic | Problem
    """

    return sync_detailed(
        agreement_id=agreement_id,
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    agreement_id: str,
    *,
    client: AuthenticatedClient,
    body: AnnouncedTotalCreate,
) -> Response[AnnouncedTotalPublic | Problem]:
    """Create Announced Total

     Record a running total a source announced ("6,060 handed over so far"), beside the stages, never
    added.

    Args:
        agreement_id (str):
        body (AnnouncedTotalCreate): A cumulative figure as a source announced it.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[AnnouncedTotalPublic | Problem]
    """

    kwargs = _get_kwargs(
        agreement_id=agreement_id,
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    agreement_id: str,
    *,
    client: AuthenticatedClient,
    body: AnnouncedTotalCreate,
) -> AnnouncedTotalPublic | Problem | None:
    """Create Announced Total

     Record a running total a source announced ("6,060 handed over so far"), beside the stages, never
    added.

    Args:
        agreement_id (str):
        body (AnnouncedTotalCreate): A cumulative figure as a source announced it.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        AnnouncedTotalPublic | Problem
    """

    return (
        await asyncio_detailed(
            agreement_id=agreement_id,
            client=client,
            body=body,
        )
    ).parsed
