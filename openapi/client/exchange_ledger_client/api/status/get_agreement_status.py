import datetime
from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.agreement_status import AgreementStatus
from ...models.get_agreement_status_lang import GetAgreementStatusLang
from ...models.problem import Problem
from ...types import UNSET, Response, Unset


def _get_kwargs(
    agreement_id: str,
    *,
    as_of: datetime.date | None | Unset = UNSET,
    signed: bool | Unset = False,
    lang: GetAgreementStatusLang | Unset = UNSET,
    if_none_match: None | str | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(if_none_match, Unset):
        headers["if-none-match"] = if_none_match

    params: dict[str, Any] = {}

    json_as_of: None | str | Unset
    if isinstance(as_of, Unset):
        json_as_of = UNSET
    elif isinstance(as_of, datetime.date):
        json_as_of = as_of.isoformat()
    else:
        json_as_of = as_of
    params["as_of"] = json_as_of

    params["signed"] = signed

    json_lang: str | Unset = UNSET
    if not isinstance(lang, Unset):
        json_lang = lang.value

    params["lang"] = json_lang

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/api/v1/agreements/{agreement_id}/status".format(
            agreement_id=quote(str(agreement_id), safe=""),
        ),
        "params": params,
    }

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> AgreementStatus | Any | Problem | None:
    if response.status_code == 200:
        response_200 = AgreementStatus.from_dict(response.json())

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

    if response.status_code == 503:
        response_503 = Problem.from_dict(response.json())

        return response_503

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[AgreementStatus | Any | Problem]:
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
    as_of: datetime.date | None | Unset = UNSET,
    signed: bool | Unset = False,
    lang: GetAgreementStatusLang | Unset = UNSET,
    if_none_match: None | str | Unset = UNSET,
) -> Response[AgreementStatus | Any | Problem]:
    """Get Agreement Status

     How far each commitment has come, for each receiving party, today or on a past day; names in the
    language
    asked.

    Args:
        agreement_id (str):
        as_of (datetime.date | None | Unset):
        signed (bool | Unset):  Default: False.
        lang (GetAgreementStatusLang | Unset):
        if_none_match (None | str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[AgreementStatus | Any | Problem]
    """

    kwargs = _get_kwargs(
        agreement_id=agreement_id,
        as_of=as_of,
        signed=signed,
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
    as_of: datetime.date | None | Unset = UNSET,
    signed: bool | Unset = False,
    lang: GetAgreementStatusLang | Unset = UNSET,
    if_none_match: None | str | Unset = UNSET,
) -> AgreementStatus | Any | Problem | None:
    """Get Agreement Status

     How far each commitment has come, for each receiving party, today or on a past day; names in the
    language
    asked.

    Args:
        agreement_id (str):
        as_of (datetime.date | None | Unset):
        signed (bool | Unset):  Default: False.
        lang (GetAgreementStatusLang | Unset):
        if_none_match (None | str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        AgreementStatus | Any | Problem
    """

    return sync_detailed(
        agreement_id=agreement_id,
        client=client,
        as_of=as_of,
        signed=signed,
        lang=lang,
        if_none_match=if_none_match,
    ).parsed


async def asyncio_detailed(
    agreement_id: str,
    *,
    client: AuthenticatedClient,
    as_of: datetime.date | None | Unset = UNSET,
    signed: bool | Unset = False,
    lang: GetAgreementStatusLang | Unset = UNSET,
    if_none_match: None | str | Unset = UNSET,
) -> Response[AgreementStatus | Any | Problem]:
    """Get Agreement Status

     How far each commitment has come, for each receiving party, today or on a past day; names in the
    language
    asked.

    Args:
        agreement_id (str):
        as_of (datetime.date | None | Unset):
        signed (bool | Unset):  Default: False.
        lang (GetAgreementStatusLang | Unset):
        if_none_match (None | str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[AgreementStatus | Any | Problem]
    """

    kwargs = _get_kwargs(
        agreement_id=agreement_id,
        as_of=as_of,
        signed=signed,
        lang=lang,
        if_none_match=if_none_match,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    agreement_id: str,
    *,
    client: AuthenticatedClient,
    as_of: datetime.date | None | Unset = UNSET,
    signed: bool | Unset = False,
    lang: GetAgreementStatusLang | Unset = UNSET,
    if_none_match: None | str | Unset = UNSET,
) -> AgreementStatus | Any | Problem | None:
    """Get Agreement Status

     How far each commitment has come, for each receiving party, today or on a past day; names in the
    language
    asked.

    Args:
        agreement_id (str):
        as_of (datetime.date | None | Unset):
        signed (bool | Unset):  Default: False.
        lang (GetAgreementStatusLang | Unset):
        if_none_match (None | str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        AgreementStatus | Any | Problem
    """

    return (
        await asyncio_detailed(
            agreement_id=agreement_id,
            client=client,
            as_of=as_of,
            signed=signed,
            lang=lang,
            if_none_match=if_none_match,
        )
    ).parsed
