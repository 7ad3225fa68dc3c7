"""The agreement filters as query parameters: one definition for the list and the agreements export."""

from typing import Annotated

from fastapi import Depends, Query

from app.agreements.service import AgreementFilter
from app.core.inputs import Day, Moment
from app.models.values import Category, State


def agreement_filter(
    states: Annotated[
        list[State] | None,
        Query(
            alias="status",
            max_length=len(State),
        ),
    ] = None,
    party_id: Annotated[
        str | None,
        Query(max_length=40),
    ] = None,
    categories: Annotated[
        list[Category] | None,
        Query(
            alias="category",
            max_length=len(Category),
        ),
    ] = None,
    concluded_from: Day | None = None,
    concluded_to: Day | None = None,
    q: Annotated[
        str | None,
        Query(
            min_length=1,
            max_length=200,
        ),
    ] = None,
    changed_since: Moment | None = None,
) -> AgreementFilter:
    """The filters a request names."""
    return AgreementFilter(
        states=tuple(dict.fromkeys(states or ())),
        party_id=party_id,
        categories=tuple(dict.fromkeys(categories or ())),
        concluded_from=concluded_from,
        concluded_to=concluded_to,
        q=q,
        changed_since=changed_since,
    )


AgreementFilterDep = Annotated[AgreementFilter, Depends(agreement_filter)]
