import datetime
from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.category import Category
from ...models.get_party_summary_lang import GetPartySummaryLang
from ...models.interval import Interval
from ...models.problem import Problem
from ...models.state import State
from ...models.summary import Summary
from ...types import UNSET, Response, Unset


def _get_kwargs(
    party_id: str,
    *,
    interval: Interval | None | Unset = UNSET,
    category: list[Category] | None | Unset = UNSET,
    from_: datetime.date | None | Unset = UNSET,
    to: datetime.date | None | Unset = UNSET,
    counterpart: None | str | Unset = UNSET,
    state: list[State] | None | Unset = UNSET,
    lang: GetPartySummaryLang | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    json_interval: None | str | Unset
    if isinstance(interval, Unset):
        json_interval = UNSET
    elif isinstance(interval, Interval):
        json_interval = interval.value
    else:
        json_interval = interval
    params["interval"] = json_interval

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

    json_from_: None | str | Unset
    if isinstance(from_, Unset):
        json_from_ = UNSET
    elif isinstance(from_, datetime.date):
        json_from_ = from_.isoformat()
    else:
        json_from_ = from_
    params["from"] = json_from_

    json_to: None | str | Unset
    if isinstance(to, Unset):
        json_to = UNSET
    elif isinstance(to, datetime.date):
        json_to = to.isoformat()
    else:
        json_to = to
    params["to"] = json_to

    json_counterpart: None | str | Unset
    if isinstance(counterpart, Unset):
        json_counterpart = UNSET
    else:
        json_counterpart = counterpart
    params["counterpart"] = json_counterpart

    json_state: list[str] | None | Unset
    if isinstance(state, Unset):
        json_state = UNSET
    elif isinstance(state, list):
        json_state = []
        for state_type_0_item_data in state:
            state_type_0_item = state_type_0_item_data.value
            json_state.append(state_type_0_item)

    else:
        json_state = state
    params["state"] = json_state

    json_lang: str | Unset = UNSET
    if not isinstance(lang, Unset):
        json_lang = lang.value

    params["lang"] = json_lang

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/api/v1/parties/{party_id}/summary".format(
            party_id=quote(str(party_id), safe=""),
        ),
        "params": params,
    }

    return _kwargs


def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Problem | Summary | None:
    if response.status_code == 200:
        response_200 = Summary.from_dict(response.json())

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

    if response.status_code == 503:
        response_503 = Problem.from_dict(response.json())

        return response_503

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[Problem | Summary]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    party_id: str,
    *,
    client: AuthenticatedClient,
    interval: Interval | None | Unset = UNSET,
    category: list[Category] | None | Unset = UNSET,
    from_: datetime.date | None | Unset = UNSET,
    to: datetime.date | None | Unset = UNSET,
    counterpart: None | str | Unset = UNSET,
    state: list[State] | None | Unset = UNSET,
    lang: GetPartySummaryLang | Unset = UNSET,
) -> Response[Problem | Summary]:
    """Get Party Summary

     What one party received and handed over, per category, across its agreements and handovers outside
    any.

    Args:
        party_id (str):
        interval (Interval | None | Unset):
        category (list[Category] | None | Unset):
        from_ (datetime.date | None | Unset):
        to (datetime.date | None | Unset):
        counterpart (None | str | Unset):
        state (list[State] | None | Unset):
        lang (GetPartySummaryLang | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | Summary]
    """

    kwargs = _get_kwargs(
        party_id=party_id,
        interval=interval,
        category=category,
        from_=from_,
        to=to,
        counterpart=counterpart,
        state=state,
        lang=lang,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    party_id: str,
    *,
    client: AuthenticatedClient,
    interval: Interval | None | Unset = UNSET,
    category: list[Category] | None | Unset = UNSET,
    from_: datetime.date | None | Unset = UNSET,
    to: datetime.date | None | Unset = UNSET,
    counterpart: None | str | Unset = UNSET,
    state: list[State] | None | Unset = UNSET,
    lang: GetPartySummaryLang | Unset = UNSET,
) -> Problem | Summary | None:
    """Get Party Summary

     What one party received and handed over, per category, across its agreements and handovers outside
    any.

    Args:
        party_id (str):
        interval (Interval | None | Unset):
        category (list[Category] | None | Unset):
        from_ (datetime.date | None | Unset):
        to (datetime.date | None | Unset):
        counterpart (None | str | Unset):
        state (list[State] | None | Unset):
        lang (GetPartySummaryLang | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | Summary
    """

    return sync_detailed(
        party_id=party_id,
        client=client,
        interval=interval,
        category=category,
        from_=from_,
        to=to,
        counterpart=counterpart,
        state=state,
        lang=lang,
    ).parsed


async def asyncio_detailed(
    party_id: str,
    *,
    client: AuthenticatedClient,
    interval: Interval | None | Unset = UNSET,
    category: list[Category] | None | Unset = UNSET,
    from_: datetime.date | None | Unset = UNSET,
    to: datetime.date | None | Unset = UNSET,
    counterpart: None | str | Unset = UNSET,
    state: list[State] | None | Unset = UNSET,
    lang: GetPartySummaryLang | Unset = UNSET,
) -> Response[Problem | Summary]:
    """Get Party Summary

     What one party received and handed over, per category, across its agreements and handovers outside
    any.

    Args:
        party_id (str):
        interval (Interval | None | Unset):
        category (list[Category] | None | Unset):
        from_ (datetime.date | None | Unset):
        to (datetime.date | None | Unset):
        counterpart (None | str | Unset):
        state (list[State] | None | Unset):
        lang (GetPartySummaryLang | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | Summary]
    """

    kwargs = _get_kwargs(
        party_id=party_id,
        interval=interval,
        category=category,
        from_=from_,
        to=to,
        counterpart=counterpart,
        state=state,
        lang=lang,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    party_id: str,
    *,
    client: AuthenticatedClient,
    interval: Interval | None | Unset = UNSET,
    category: list[Category] | None | Unset = UNSET,
    from_: datetime.date | None | Unset = UNSET,
    to: datetime.date | None | Unset = UNSET,
    counterpart: None | str | Unset = UNSET,
    state: list[State] | None | Unset = UNSET,
    lang: GetPartySummaryLang | Unset = UNSET,
) -> Problem | Summary | None:
    """Get Party Summary

     What one party received and handed over, per category, across its agreements and handovers outside
    any.

    Args:
        party_id (str):
        interval (Interval | None | Unset):
        category (list[Category] | None | Unset):
        from_ (datetime.date | None | Unset):
        to (datetime.date | None | Unset):
        counterpart (None | str | Unset):
        state (list[State] | None | Unset):
        lang (GetPartySummaryLang | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | Summary
    """

    return (
        await asyncio_detailed(
            party_id=party_id,
            client=client,
            interval=interval,
            category=category,
            from_=from_,
            to=to,
            counterpart=counterpart,
            state=state,
            lang=lang,
        )
    ).parsed
