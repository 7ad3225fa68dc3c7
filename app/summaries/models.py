"""The summary documents: figures per category and receiving party, across agreements."""

from datetime import date
from enum import StrEnum

from pydantic import BaseModel

from app.models.values import Category, State


class Interval(StrEnum):
    """The length of a period of a summary's series."""

    month = "month"
    year = "year"


class Side(StrEnum):
    """Which side of a handover the party whose summary it is stood on."""

    received = "received"
    handed_over = "handed_over"
    mediated = "mediated"


class SummaryFigures(BaseModel):
    """What the handovers of a category to one party add up to, with how exact the sum is."""

    received: int
    handovers: int
    withheld_handovers: int
    approximate_lines: int
    at_least_lines: int
    received_is_exact: bool
    received_is_lower_bound: bool
    reported_received: int
    reported_handovers: int
    reported_is_lower_bound: bool
    verified_received: int
    verified_handovers: int
    verified_is_lower_bound: bool
    disputed_attribution_handovers: int
    discrepancies: int


class SummaryLine(SummaryFigures):
    """One category and receiving party: never added to another category's figures."""

    category: Category | None
    recipient_id: str
    recipient_name: str
    side: Side | None


class SummaryPoint(SummaryLine):
    """One line of a series: the handovers of one period only (not cumulative)."""

    period: str


class Summary(BaseModel):
    """Figures per category and receiving party across agreements (and handovers outside any agreement)."""

    party_id: str | None
    party_name: str | None
    basis: str
    as_of: date
    occurred_from: date | None
    occurred_to: date | None
    categories: list[Category]
    counterpart_id: str | None
    states: list[State]
    interval: Interval | None
    lines: list[SummaryLine]
    series: list[SummaryPoint]
