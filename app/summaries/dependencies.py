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
            description="Only handovers under a term of this category (repeat the parameter for any of several).",
        ),
    ] = None,
    occurred_from: Annotated[
        Day | None, Query(alias="from", description="Only handovers that occurred on or after this day.")
    ] = None,
    occurred_to: Annotated[
        Day | None, Query(alias="to", description="Only handovers that occurred on or before this day.")
    ] = None,
    counterpart_id: Annotated[
        str | None,
        Query(
            alias="counterpart",
            max_length=40,
            description="Only agreements (and records outside agreements) this party is also part of.",
        ),
    ] = None,
    states: Annotated[
        list[State] | None,
        Query(
            alias="state",
            max_length=len(State),
            description="Only agreements in this state today (repeat the parameter for any of several); leaves out "
            "handovers outside any agreement, which have no state.",
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
    Query(description="Also a series for charts: the figures of each month or year, not cumulative."),
]
