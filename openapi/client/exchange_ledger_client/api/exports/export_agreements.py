from http import HTTPStatus
from io import BytesIO
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.export_format import ExportFormat
from ...models.problem import Problem
from ...types import UNSET, File, Response, Unset


def _get_kwargs(
    *,
    format_: ExportFormat | None | Unset = UNSET,
    bom: bool | Unset = False,
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

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/api/v1/exports/agreements",
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
    accept: None | str | Unset = UNSET,
) -> Response[File | Problem]:
    """Export Agreements

     Every agreement with its status today: one row per agreement, term and receiving party.

    Args:
        format_ (ExportFormat | None | Unset): csv, hxl (CSV with an HXL hashtag row) or ndjson;
            overrides Accept.
        bom (bool | Unset): Open a CSV with a UTF-8 byte-order mark, so that Excel reads non-Latin
            names rightly; ignored for NDJSON. Default: False.
        accept (None | str | Unset): text/csv, text/csv;hxl=present or application/x-ndjson, when
            `format` is not given.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[File | Problem]
    """

    kwargs = _get_kwargs(
        format_=format_,
        bom=bom,
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
    accept: None | str | Unset = UNSET,
) -> File | Problem | None:
    """Export Agreements

     Every agreement with its status today: one row per agreement, term and receiving party.

    Args:
        format_ (ExportFormat | None | Unset): csv, hxl (CSV with an HXL hashtag row) or ndjson;
            overrides Accept.
        bom (bool | Unset): Open a CSV with a UTF-8 byte-order mark, so that Excel reads non-Latin
            names rightly; ignored for NDJSON. Default: False.
        accept (None | str | Unset): text/csv, text/csv;hxl=present or application/x-ndjson, when
            `format` is not given.

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
        accept=accept,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    format_: ExportFormat | None | Unset = UNSET,
    bom: bool | Unset = False,
    accept: None | str | Unset = UNSET,
) -> Response[File | Problem]:
    """Export Agreements

     Every agreement with its status today: one row per agreement, term and receiving party.

    Args:
        format_ (ExportFormat | None | Unset): csv, hxl (CSV with an HXL hashtag row) or ndjson;
            overrides Accept.
        bom (bool | Unset): Open a CSV with a UTF-8 byte-order mark, so that Excel reads non-Latin
            names rightly; ignored for NDJSON. Default: False.
        accept (None | str | Unset): text/csv, text/csv;hxl=present or application/x-ndjson, when
            `format` is not given.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[File | Problem]
    """

    kwargs = _get_kwargs(
        format_=format_,
        bom=bom,
        accept=accept,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    format_: ExportFormat | None | Unset = UNSET,
    bom: bool | Unset = False,
    accept: None | str | Unset = UNSET,
) -> File | Problem | None:
    """Export Agreements

     Every agreement with its status today: one row per agreement, term and receiving party.

    Args:
        format_ (ExportFormat | None | Unset): csv, hxl (CSV with an HXL hashtag row) or ndjson;
            overrides Accept.
        bom (bool | Unset): Open a CSV with a UTF-8 byte-order mark, so that Excel reads non-Latin
            names rightly; ignored for NDJSON. Default: False.
        accept (None | str | Unset): text/csv, text/csv;hxl=present or application/x-ndjson, when
            `format` is not given.

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
            accept=accept,
        )
    ).parsed
