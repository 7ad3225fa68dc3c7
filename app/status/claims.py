"""Weighing the claims about one handover: which figure stands, which is verified, where they disagree.

Pure functions, no database: the rules are read here and nowhere else.
"""

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from app.updates.models import ReviewState

FigureKey = tuple[str, str]  # (bucket: commitment id or "unattributed", recipient_id)


@dataclass(frozen=True)
class Claim:
    """One update's account of a handover."""

    update_id: str
    created_at: datetime
    occurred_on: date
    review_state: str
    reviewed_at: datetime | None
    superseded: bool
    publisher: str | None
    url: str | None
    figures: dict[FigureKey, tuple[int | None, str]] = field(default_factory=dict)

    @property
    def counts(self) -> bool:
        """Superseded and rejected claims are kept but never counted."""
        return not self.superseded and self.review_state != ReviewState.rejected


@dataclass(frozen=True)
class Figure:
    """What a handover counts for one party under one term."""

    occurred_on: date
    quantity: int | None
    qualifier: str
    standing_update_id: str
    verified: bool
    verified_quantity: int | None
    verified_qualifier: str | None
    discrepancy: bool
    attribution_disputed: bool
    claims: list[dict[str, Any]]


def weigh(claims: list[Claim], *, attribution_disputed: bool) -> dict[FigureKey, Figure]:
    """The figures a handover counts for, one per term and receiving party.

    For each term and party, the standing figure is the one a verifier verified (the latest
    verified, if several were), else the earliest counting claim's. Claims are counted once,
    never added up; when counting claims disagree and none is verified, it is a discrepancy.
    """
    counting = sorted((c for c in claims if c.counts), key=lambda c: (c.created_at, c.update_id))
    keys = {key for claim in counting for key in claim.figures}
    figures: dict[FigureKey, Figure] = {}
    for key in sorted(keys):
        covering = [c for c in counting if key in c.figures]
        verified = [c for c in covering if c.review_state == ReviewState.verified]
        standing = (
            max(verified, key=lambda c: (c.reviewed_at or c.created_at, c.update_id)) if verified else covering[0]
        )
        quantity, qualifier = standing.figures[key]
        distinct = {c.figures[key] for c in covering}
        figures[key] = Figure(
            occurred_on=standing.occurred_on,
            quantity=quantity,
            qualifier=qualifier,
            standing_update_id=standing.update_id,
            verified=bool(verified),
            verified_quantity=quantity if verified else None,
            verified_qualifier=qualifier if verified else None,
            discrepancy=len(distinct) > 1 and not verified,
            attribution_disputed=attribution_disputed,
            claims=[
                {
                    "update_id": c.update_id,
                    "quantity": c.figures[key][0],
                    "qualifier": c.figures[key][1],
                    "review_state": c.review_state,
                    "publisher": c.publisher,
                    "url": c.url,
                }
                for c in covering
            ]
            if len(covering) > 1
            else [],
        )
    return figures
