"""The summary documents: figures per category and receiving party, across agreements."""

from datetime import date
from enum import StrEnum

from pydantic import BaseModel, Field

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

    received: int = Field(description="Sum of the known quantities on the server's basis; see the flags.")
    handovers: int = Field(description="Handovers counted on the server's basis.")
    withheld_handovers: int = Field(description="Handovers whose number was withheld.")
    approximate_lines: int
    at_least_lines: int
    received_is_exact: bool
    received_is_lower_bound: bool = Field(
        description="True when withheld or 'at least' figures mean the true total is higher."
    )
    reported_received: int = Field(description="Sum of the standing figures of every handover not rejected.")
    reported_handovers: int
    reported_is_lower_bound: bool
    verified_received: int = Field(description="Sum of the figures a verifier verified.")
    verified_handovers: int
    verified_is_lower_bound: bool
    disputed_attribution_handovers: int = Field(
        description="Handovers a party says do not belong to the agreement they were recorded under."
    )
    discrepancies: int = Field(description="Handovers whose claims disagree, not yet settled by a verifier.")


class SummaryLine(SummaryFigures):
    """One category and receiving party: never added to another category's figures."""

    category: Category | None = Field(description="Null for handovers whose source did not say which term.")
    recipient_id: str
    recipient_name: str
    side: Side | None = Field(
        description="In a party's summary: `received` (by the party), `handed_over` (received by another party "
        "bound by the same agreement or record) or `mediated` (where the party is an intermediary); null in the "
        "summary over all parties."
    )


class SummaryPoint(SummaryLine):
    """One line of a series: the handovers of one period only (not cumulative)."""

    period: str = Field(description="`2025-06` for a month, `2025` for a year.")


class Summary(BaseModel):
    """Figures per category and receiving party across agreements (and handovers outside any agreement)."""

    party_id: str | None = Field(description="The party whose summary this is; null over all parties.")
    party_name: str | None
    basis: str = Field(description="`reported` or `verified`: where `received` and its flags come from.")
    as_of: date = Field(description="The day the agreement states of the `state` filter were read for.")
    occurred_from: date | None
    occurred_to: date | None
    categories: list[Category]
    counterpart_id: str | None
    states: list[State]
    interval: Interval | None
    lines: list[SummaryLine] = Field(description="Over the whole period, per category, side and receiving party.")
    series: list[SummaryPoint] = Field(description="Per period, when `interval` is given; else empty.")
