import datetime
from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.agreement_page import AgreementPage
from ...models.category import Category
from ...models.list_agreements_lang import ListAgreementsLang
from ...models.problem import Problem
from ...models.state import State
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    limit: int | Unset = 50,
    cursor: None | str | Unset = UNSET,
    with_total: bool | Unset = False,
    facets: list[str] | None | Unset = UNSET,
    lang: ListAgreementsLang | Unset = UNSET,
    status: list[State] | None | Unset = UNSET,
    party_id: None | str | Unset = UNSET,
    category: list[Category] | None | Unset = UNSET,
    concluded_from: datetime.date | None | Unset = UNSET,
    concluded_to: datetime.date | None | Unset = UNSET,
    q: None | str | Unset = UNSET,
    changed_since: datetime.datetime | None | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    params["limit"] = limit

    json_cursor: None | str | Unset
    if isinstance(cursor, Unset):
        json_cursor = UNSET
    else:
        json_cursor = cursor
    params["cursor"] = json_cursor

    params["with_total"] = with_total

    json_facets: list[str] | None | Unset
    if isinstance(facets, Unset):
        json_facets = UNSET
    elif isinstance(facets, list):
        json_facets = facets

    else:
        json_facets = facets
    params["facets"] = json_facets

    json_lang: str | Unset = UNSET
    if not isinstance(lang, Unset):
        json_lang = lang.value

    params["lang"] = json_lang

    json_status: list[str] | None | Unset
    if isinstance(status, Unset):
        json_status = UNSET
    elif isinstance(status, list):
        json_status = []
        for status_type_0_item_data in status:
            status_type_0_item = status_type_0_item_data.value
            json_status.append(status_type_0_item)

    else:
        json_status = status
    params["status"] = json_status

    json_party_id: None | str | Unset
    if isinstance(party_id, Unset):
        json_party_id = UNSET
    else:
        json_party_id = party_id
    params["party_id"] = json_party_id

    json_category: list[str] | None | Unset
    if isinstance(category, Unset):
        json_category = UNSET
    elif isinstance(category, list):
        json_category = []
        for category_type_0_item_data in category:
            category_type_0_item = category_type_0_item_data.value
            json_category.append(category_type_0_item)

    else:
        json_category = category
    params["category"] = json_category

    json_concluded_from: None | str | Unset
    if isinstance(concluded_from, Unset):
        json_concluded_from = UNSET
    elif isinstance(concluded_from, datetime.date):
        json_concluded_from = concluded_from.isoformat()
    else:
        json_concluded_from = concluded_from
    params["concluded_from"] = json_concluded_from

    json_concluded_to: None | str | Unset
    if isinstance(concluded_to, Unset):
        json_concluded_to = UNSET
    elif isinstance(concluded_to, datetime.date):
        json_concluded_to = concluded_to.isoformat()
    else:
        json_concluded_to = concluded_to
    params["concluded_to"] = json_concluded_to

    json_q: None | str | Unset
    if isinstance(q, Unset):
        json_q = UNSET
    else:
        json_q = q
    params["q"] = json_q

    json_changed_since: None | str | Unset
    if isinstance(changed_since, Unset):
        json_changed_since = UNSET
    elif isinstance(changed_since, datetime.datetime):
        json_changed_since = changed_since.isoformat()
    else:
        json_changed_since = changed_since
    params["changed_since"] = json_changed_since

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/api/v1/agreements",
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> AgreementPage | Problem | None:
    if response.status_code == 200:
        response_200 = AgreementPage.from_dict(response.json())

        return response_200

    if response.status_code == 401:
        response_401 = Problem.from_dict(response.json())

        return response_401

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
) -> Response[AgreementPage | Problem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    limit: int | Unset = 50,
    cursor: None | str | Unset = UNSET,
    with_total: bool | Unset = False,
    facets: list[str] | None | Unset = UNSET,
    lang: ListAgreementsLang | Unset = UNSET,
    status: list[State] | None | Unset = UNSET,
    party_id: None | str | Unset = UNSET,
    category: list[Category] | None | Unset = UNSET,
    concluded_from: datetime.date | None | Unset = UNSET,
    concluded_to: datetime.date | None | Unset = UNSET,
    q: None | str | Unset = UNSET,
    changed_since: datetime.datetime | None | Unset = UNSET,
) -> Response[AgreementPage | Problem]:
    """List Agreements

     List agreements, filtered, a page at a time; with counts by state, category and party if asked.

    Args:
        limit (int | Unset):  Default: 50.
        cursor (None | str | Unset):
        with_total (bool | Unset):  Default: False.
        facets (list[str] | None | Unset):
        lang (ListAgreementsLang | Unset):
        status (list[State] | None | Unset):
        party_id (None | str | Unset):
        category (list[Category] | None | Unset):
        concluded_from (datetime.date | None | Unset):
        concluded_to (datetime.date | None | Unset):
        q (None | str | Unset):
        changed_since (datetime.datetime | None | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[AgreementPage | Problem]
    """

    kwargs = _get_kwargs(
        limit=limit,
        cursor=cursor,
        with_total=with_total,
        facets=facets,
        lang=lang,
        status=status,
        party_id=party_id,
        category=category,
        concluded_from=concluded_from,
        concluded_to=concluded_to,
        q=q,
        changed_since=changed_since,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient,
    limit: int | Unset = 50,
    cursor: None | str | Unset = UNSET,
    with_total: bool | Unset = False,
    facets: list[str] | None | Unset = UNSET,
    lang: ListAgreementsLang | Unset = UNSET,
    status: list[State] | None | Unset = UNSET,
    party_id: None | str | Unset = UNSET,
    category: list[Category] | None | Unset = UNSET,
    concluded_from: datetime.date | None | Unset = UNSET,
    concluded_to: datetime.date | None | Unset = UNSET,
    q: None | str | Unset = UNSET,
    changed_since: datetime.datetime | None | Unset = UNSET,
) -> AgreementPage | Problem | None:
    """List Agreements

     List agreements, filtered, a page at a time; with counts by state, category and party if asked.

    Args:
        limit (int | Unset):  Default: 50.
        cursor (None | str | Unset):
        with_total (bool | Unset):  Default: False.
        facets (list[str] | None | Unset):
        lang (ListAgreementsLang | Unset):
        status (list[State] | None | Unset):
        party_id (None | str | Unset):
        category (list[Category] | None | Unset):
        concluded_from (datetime.date | None | Unset):
        concluded_to (datetime.date | None | Unset):
        q (None | str | Unset):
        changed_since (datetime.datetime | None | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        AgreementPage | Problem
    """

    return sync_detailed(
        client=client,
        limit=limit,
        cursor=cursor,
        with_total=with_total,
        facets=facets,
        lang=lang,
        status=status,
        party_id=party_id,
        category=category,
        concluded_from=concluded_from,
        concluded_to=concluded_to,
        q=q,
        changed_since=changed_since,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    limit: int | Unset = 50,
    cursor: None | str | Unset = UNSET,
    with_total: bool | Unset = False,
    facets: list[str] | None | Unset = UNSET,
    lang: ListAgreementsLang | Unset = UNSET,
    status: list[State] | None | Unset = UNSET,
    party_id: None | str | Unset = UNSET,
    category: list[Category] | None | Unset = UNSET,
    concluded_from: datetime.date | None | Unset = UNSET,
    concluded_to: datetime.date | None | Unset = UNSET,
    q: None | str | Unset = UNSET,
    changed_since: datetime.datetime | None | Unset = UNSET,
) -> Response[AgreementPage | Problem]:
    """List Agreements

     List agreements, filtered, a page at a time; with counts by state, category and party if asked.

    Args:
        limit (int | Unset):  Default: 50.
        cursor (None | str | Unset):
        with_total (bool | Unset):  Default: False.
        facets (list[str] | None | Unset):
        lang (ListAgreementsLang | Unset):
        status (list[State] | None | Unset):
        party_id (None | str | Unset):
        category (list[Category] | None | Unset):
        concluded_from (datetime.date | None | Unset):
        concluded_to (datetime.date | None | Unset):
        q (None | str | Unset):
        changed_since (datetime.datetime | None | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[AgreementPage | Problem]
    """

    kwargs = _get_kwargs(
        limit=limit,
        cursor=cursor,
        with_total=with_total,
        facets=facets,
        lang=lang,
        status=status,
        party_id=party_id,
        category=category,
        concluded_from=concluded_from,
        concluded_to=concluded_to,
        q=q,
        changed_since=changed_since,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    limit: int | Unset = 50,
    cursor: None | str | Unset = UNSET,
    with_total: bool | Unset = False,
    facets: list[str] | None | Unset = UNSET,
    lang: ListAgreementsLang | Unset = UNSET,
    status: list[State] | None | Unset = UNSET,
    party_id: None | str | Unset = UNSET,
    category: list[Category] | None | Unset = UNSET,
    concluded_from: datetime.date | None | Unset = UNSET,
    concluded_to: datetime.date | None | Unset = UNSET,
    q: None | str | Unset = UNSET,
    changed_since: datetime.datetime | None | Unset = UNSET,
) -> AgreementPage | Problem | None:
    """List Agreements

     List agreements, filtered, a page at a time; with counts by state, category and party if asked.

    Args:
        limit (int | Unset):  Default: 50.
        cursor (None | str | Unset):
        with_total (bool | Unset):  Default: False.
        facets (list[str] | None | Unset):
        lang (ListAgreementsLang | Unset):
        status (list[State] | None | Unset):
        party_id (None | str | Unset):
        category (list[Category] | None | Unset):
        concluded_from (datetime.date | None | Unset):
        concluded_to (datetime.date | None | Unset):
        q (None | str | Unset):
        changed_since (datetime.datetime | None | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        AgreementPage | Problem
    """

    return (
        await asyncio_detailed(
            client=client,
            limit=limit,
            cursor=cursor,
            with_total=with_total,
            facets=facets,
            lang=lang,
            status=status,
            party_id=party_id,
            category=category,
            concluded_from=concluded_from,
            concluded_to=concluded_to,
            q=q,
            changed_since=changed_since,
        )
    ).parsed
