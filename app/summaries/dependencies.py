"""The summary filters as query parameters: one definition for the summaries, their export and the party page."""

from typing import Annotated

from fastapi import Depends, Query

from app.core.inputs import Day
from app.models.values import Category, State
from app.summaries.models import Interval
from app.summaries.service import SummaryFilter


def summary_filter(
    categories: Annotated[
        list[Category] | None,
        Query(
            alias="category",
            max_length=len(Category),
        ),
    ] = None,
    occurred_from: Annotated[Day | None, Query(alias="from")] = None,
    occurred_to: Annotated[Day | None, Query(alias="to")] = None,
    counterpart_id: Annotated[
        str | None,
        Query(
            alias="counterpart",
            max_length=40,
        ),
    ] = None,
    states: Annotated[
        list[State] | None,
        Query(
            alias="state",
            max_length=len(State),
        ),
    ] = None,
) -> SummaryFilter:
    """The filters a request names."""
    return SummaryFilter(
        categories=tuple(dict.fromkeys(categories or ())),
        occurred_from=occurred_from,
        occurred_to=occurred_to,
        counterpart_id=counterpart_id,
        states=tuple(dict.fromkeys(states or ())),
    )


SummaryFilterDep = Annotated[SummaryFilter, Depends(summary_filter)]
IntervalQuery = Annotated[
    Interval | None,
    Query(),
]
