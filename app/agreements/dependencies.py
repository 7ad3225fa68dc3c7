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
            description="Only agreements in this state today (repeat the parameter for any of several).",
        ),
    ] = None,
    party_id: Annotated[
        str | None,
        Query(max_length=40, description="Only agreements binding or mediated by this party."),
    ] = None,
    categories: Annotated[
        list[Category] | None,
        Query(
            alias="category",
            max_length=len(Category),
            description="Only agreements with a term of this category (repeat the parameter for any of several).",
        ),
    ] = None,
    concluded_from: Annotated[Day | None, Query(description="Concluded on or after this day.")] = None,
    concluded_to: Annotated[Day | None, Query(description="Concluded on or before this day.")] = None,
    q: Annotated[
        str | None,
        Query(
            min_length=1,
            max_length=200,
            description="Words in the title, venue, round or notes, a term's description or condition, or a "
            "party's name; in any case and any script.",
        ),
    ] = None,
    changed_since: Annotated[
        Moment | None,
        Query(
            description="Only agreements that changed at or after this time (with its offset): an edit, a term, a "
            "handover, a review. For pull sync: pass the server's Date of your previous pass's first answer.",
        ),
    ] = None,
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
