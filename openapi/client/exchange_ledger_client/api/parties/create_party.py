from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.create_party_lang import CreatePartyLang
from ...models.party_create import PartyCreate
from ...models.party_public import PartyPublic
from ...models.problem import Problem
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    body: PartyCreate,
    lang: CreatePartyLang | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    params: dict[str, Any] = {}

    json_lang: str | Unset = UNSET
    if not isinstance(lang, Unset):
        json_lang = lang.value

    params["lang"] = json_lang

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/api/v1/parties",
        "params": params,
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> PartyPublic | Problem | None:
    if response.status_code == 201:
        response_201 = PartyPublic.from_dict(response.json())

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
) -> Response[PartyPublic | Problem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    body: PartyCreate,
    lang: CreatePartyLang | Unset = UNSET,
) -> Response[PartyPublic | Problem]:
    """Create Party

     Record a party (editor); a name or alias already another party's, in any language, is a 409 naming
    it.

    Args:
        lang (CreatePartyLang | Unset):
        body (PartyCreate): A new party: its English name (`name`, or `names.en`), its names in
            other languages, and aliases.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[PartyPublic | Problem]
    """

    kwargs = _get_kwargs(
        body=body,
        lang=lang,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient,
    body: PartyCreate,
    lang: CreatePartyLang | Unset = UNSET,
) -> PartyPublic | Problem | None:
    """Create Party

     Record a party (editor); a name or alias already another party's, in any language, is a 409 naming
    it.

    Args:
        lang (CreatePartyLang | Unset):
        body (PartyCreate): A new party: its English name (`name`, or `names.en`), its names in
            other languages, and aliases.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        PartyPublic | Problem
    """

    return sync_detailed(
        client=client,
        body=body,
        lang=lang,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    body: PartyCreate,
    lang: CreatePartyLang | Unset = UNSET,
) -> Response[PartyPublic | Problem]:
    """Create Party

     Record a party (editor); a name or alias already another party's, in any language, is a 409 naming
    it.

    Args:
        lang (CreatePartyLang | Unset):
        body (PartyCreate): A new party: its English name (`name`, or `names.en`), its names in
            other languages, and aliases.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[PartyPublic | Problem]
    """

    kwargs = _get_kwargs(
        body=body,
        lang=lang,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    body: PartyCreate,
    lang: CreatePartyLang | Unset = UNSET,
) -> PartyPublic | Problem | None:
    """Create Party

     Record a party (editor); a name or alias already another party's, in any language, is a 409 naming
    it.

    Args:
        lang (CreatePartyLang | Unset):
        body (PartyCreate): A new party: its English name (`name`, or `names.en`), its names in
            other languages, and aliases.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        PartyPublic | Problem
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
            lang=lang,
        )
    ).parsed
