from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.import_rows import ImportRows
from ...models.import_summary import ImportSummary
from ...models.problem import Problem
from ...types import UNSET, File, Response, Unset


def _get_kwargs(
    *,
    body: ImportRows | File | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/api/v1/imports",
    }

    if isinstance(body, ImportRows):
        if not isinstance(body, Unset):
            _kwargs["json"] = body.to_dict()

        headers["Content-Type"] = "application/json"
    if isinstance(body, File):
        if not isinstance(body, Unset):
            _kwargs["content"] = body.payload
        headers["Content-Type"] = "text/csv"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ImportSummary | Problem | None:
    if response.status_code == 201:
        response_201 = ImportSummary.from_dict(response.json())

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
) -> Response[ImportSummary | Problem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    body: ImportRows | File | Unset = UNSET,
) -> Response[ImportSummary | Problem]:
    """Import Updates

     Record many updates at once (monitor): every row is checked first, and one bad row refuses the whole
    file.

    Args:
        body (ImportRows | Unset): A JSON import body: the rows, in the order a file would give
            them.
        body (File | Unset): Rows in the columns of GET /api/v1/exports/updates; NDJSON is taken
            too, sent with Content-Type: application/x-ndjson.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ImportSummary | Problem]
    """

    kwargs = _get_kwargs(
        body=body,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient,
    body: ImportRows | File | Unset = UNSET,
) -> ImportSummary | Problem | None:
    """Import Updates

     Record many updates at once (monitor): every row is checked first, and one bad row refuses the whole
    file.

    Args:
        body (ImportRows | Unset): A JSON import body: the rows, in the order a file would give
            them.
        body (File | Unset): Rows in the columns of GET /api/v1/exports/updates; NDJSON is taken
            too, sent with Content-Type: application/x-ndjson.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ImportSummary | Problem
    """

    return sync_detailed(
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    body: ImportRows | File | Unset = UNSET,
) -> Response[ImportSummary | Problem]:
    """Import Updates

     Record many updates at once (monitor): every row is checked first, and one bad row refuses the whole
    file.

    Args:
        body (ImportRows | Unset): A JSON import body: the rows, in the order a file would give
            them.
        body (File | Unset): Rows in the columns of GET /api/v1/exports/updates; NDJSON is taken
            too, sent with Content-Type: application/x-ndjson.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ImportSummary | Problem]
    """

    kwargs = _get_kwargs(
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    body: ImportRows | File | Unset = UNSET,
) -> ImportSummary | Problem | None:
    """Import Updates

     Record many updates at once (monitor): every row is checked first, and one bad row refuses the whole
    file.

    Args:
        body (ImportRows | Unset): A JSON import body: the rows, in the order a file would give
            them.
        body (File | Unset): Rows in the columns of GET /api/v1/exports/updates; NDJSON is taken
            too, sent with Content-Type: application/x-ndjson.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ImportSummary | Problem
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
        )
    ).parsed
