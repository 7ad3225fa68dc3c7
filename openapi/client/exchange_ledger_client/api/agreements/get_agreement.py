from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.agreement_public import AgreementPublic
from ...models.get_agreement_lang import GetAgreementLang
from ...models.problem import Problem
from ...types import UNSET, Response, Unset


def _get_kwargs(
    agreement_id: str,
    *,
    lang: GetAgreementLang | Unset = UNSET,
    if_none_match: None | str | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(if_none_match, Unset):
        headers["if-none-match"] = if_none_match

    params: dict[str, Any] = {}

    json_lang: str | Unset = UNSET
    if not isinstance(lang, Unset):
        json_lang = lang.value

    params["lang"] = json_lang

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/api/v1/agreements/{agreement_id}".format(
            agreement_id=quote(str(agreement_id), safe=""),
        ),
        "params": params,
    }

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> AgreementPublic | Any | Problem | None:
    if response.status_code == 200:
        response_200 = AgreementPublic.from_dict(response.json())

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
) -> Response[AgreementPublic | Any | Problem]:
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
    lang: GetAgreementLang | Unset = UNSET,
    if_none_match: None | str | Unset = UNSET,
) -> Response[AgreementPublic | Any | Problem]:
    """Get Agreement

     One agreement with its parties, sources, commitments and state.

    Args:
        agreement_id (str):
        lang (GetAgreementLang | Unset):
        if_none_match (None | str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[AgreementPublic | Any | Problem]
    """

    kwargs = _get_kwargs(
        agreement_id=agreement_id,
        lang=lang,
        if_none_match=if_none_match,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    agreement_id: str,
    *,
    client: AuthenticatedClient,
    lang: GetAgreementLang | Unset = UNSET,
    if_none_match: None | str | Unset = UNSET,
) -> AgreementPublic | Any | Problem | None:
    """Get Agreement

     One agreement with its parties, sources, commitments and state.

    Args:
        agreement_id (str):
        lang (GetAgreementLang | Unset):
        if_none_match (None | str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        AgreementPublic | Any | Problem
    """

    return sync_detailed(
        agreement_id=agreement_id,
        client=client,
        lang=lang,
        if_none_match=if_none_match,
    ).parsed


async def asyncio_detailed(
    agreement_id: str,
    *,
    client: AuthenticatedClient,
    lang: GetAgreementLang | Unset = UNSET,
    if_none_match: None | str | Unset = UNSET,
) -> Response[AgreementPublic | Any | Problem]:
    """Get Agreement

     One agreement with its parties, sources, commitments and state.

    Args:
        agreement_id (str):
        lang (GetAgreementLang | Unset):
        if_none_match (None | str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[AgreementPublic | Any | Problem]
    """

    kwargs = _get_kwargs(
        agreement_id=agreement_id,
        lang=lang,
        if_none_match=if_none_match,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    agreement_id: str,
    *,
    client: AuthenticatedClient,
    lang: GetAgreementLang | Unset = UNSET,
    if_none_match: None | str | Unset = UNSET,
) -> AgreementPublic | Any | Problem | None:
    """Get Agreement

     One agreement with its parties, sources, commitments and state.

    Args:
        agreement_id (str):
        lang (GetAgreementLang | Unset):
        if_none_match (None | str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        AgreementPublic | Any | Problem
    """

    return (
        await asyncio_detailed(
            agreement_id=agreement_id,
            client=client,
            lang=lang,
            if_none_match=if_none_match,
        )
    ).parsed
