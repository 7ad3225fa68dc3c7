from http import HTTPStatus
from typing import Any, cast

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.data_dictionary import DataDictionary
from ...models.dictionary_format import DictionaryFormat
from ...models.problem import Problem
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    format_: DictionaryFormat | Unset = UNSET,
    if_none_match: None | str | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(if_none_match, Unset):
        headers["if-none-match"] = if_none_match

    params: dict[str, Any] = {}

    json_format_: str | Unset = UNSET
    if not isinstance(format_, Unset):
        json_format_ = format_.value

    params["format"] = json_format_

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/api/v1/dictionary",
        "params": params,
    }

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Any | DataDictionary | Problem | None:
    if response.status_code == 200:
        response_200 = DataDictionary.from_dict(response.json())

        return response_200

    if response.status_code == 304:
        response_304 = cast(Any, None)
        return response_304

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
) -> Response[Any | DataDictionary | Problem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
    format_: DictionaryFormat | Unset = UNSET,
    if_none_match: None | str | Unset = UNSET,
) -> Response[Any | DataDictionary | Problem]:
    """Get Data Dictionary

     Every schema field, parameter and export column with its type, its description and where it appears.

    Open to everyone, as the OpenAPI document is: it describes the data and holds none.

    Args:
        format_ (DictionaryFormat | Unset): How the dictionary is sent: JSON, or CSV with one row
            per term.
        if_none_match (None | str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | DataDictionary | Problem]
    """

    kwargs = _get_kwargs(
        format_=format_,
        if_none_match=if_none_match,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient | Client,
    format_: DictionaryFormat | Unset = UNSET,
    if_none_match: None | str | Unset = UNSET,
) -> Any | DataDictionary | Problem | None:
    """Get Data Dictionary

     Every schema field, parameter and export column with its type, its description and where it appears.

    Open to everyone, as the OpenAPI document is: it describes the data and holds none.

    Args:
        format_ (DictionaryFormat | Unset): How the dictionary is sent: JSON, or CSV with one row
            per term.
        if_none_match (None | str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | DataDictionary | Problem
    """

    return sync_detailed(
        client=client,
        format_=format_,
        if_none_match=if_none_match,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    format_: DictionaryFormat | Unset = UNSET,
    if_none_match: None | str | Unset = UNSET,
) -> Response[Any | DataDictionary | Problem]:
    """Get Data Dictionary

     Every schema field, parameter and export column with its type, its description and where it appears.

    Open to everyone, as the OpenAPI document is: it describes the data and holds none.

    Args:
        format_ (DictionaryFormat | Unset): How the dictionary is sent: JSON, or CSV with one row
            per term.
        if_none_match (None | str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | DataDictionary | Problem]
    """

    kwargs = _get_kwargs(
        format_=format_,
        if_none_match=if_none_match,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    format_: DictionaryFormat | Unset = UNSET,
    if_none_match: None | str | Unset = UNSET,
) -> Any | DataDictionary | Problem | None:
    """Get Data Dictionary

     Every schema field, parameter and export column with its type, its description and where it appears.

    Open to everyone, as the OpenAPI document is: it describes the data and holds none.

    Args:
        format_ (DictionaryFormat | Unset): How the dictionary is sent: JSON, or CSV with one row
            per term.
        if_none_match (None | str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | DataDictionary | Problem
    """

    return (
        await asyncio_detailed(
            client=client,
            format_=format_,
            if_none_match=if_none_match,
        )
    ).parsed
