"""The status document: what the updates add up to, per commitment and receiving party."""

from datetime import date

from pydantic import BaseModel, Field

from app.models.values import Category, CriteriaPublic, Measure, State, TargetQualifier


class Announced(BaseModel):
    """The latest running total a source announced, set beside the sum of the recorded stages up to its date."""

    announcement_id: str
    claimant: str
    stated_on: date
    quantity: int | None
    qualifier: str
    source_url: str | None
    source_publisher: str | None
    sum_of_stages_then: int
    differs: bool | None


class Claimed(BaseModel):
    """One claim's figure about what one party received in a handover."""

    update_id: str
    quantity: int | None
    qualifier: str
    review_state: str
    publisher: str | None
    url: str | None
    terms: list[str] = Field(
        default_factory=list,
    )


class Discrepancy(BaseModel):
    """A handover whose claims disagree and that no verifier has settled yet."""

    handover_id: str
    recipient_id: str
    occurred_on: date
    standing_update_id: str
    claims: list[Claimed]


class RecipientStatus(BaseModel):
    """What one receiving party has received under one commitment, against its target."""

    recipient_id: str
    recipient_name: str
    target: int | None
    target_qualifier: TargetQualifier | None
    received: int
    percent: float | None
    remaining: int | None
    exceeds_target: bool
    handovers: int
    withheld_handovers: int
    approximate_lines: int
    at_least_lines: int
    received_is_exact: bool
    received_is_lower_bound: bool
    reported_received: int
    verified_received: int
    verified_handovers: int
    verified_is_lower_bound: bool
    received_excluding_disputed_attribution: int | None
    disputed_attribution_handovers: int
    discrepancies: int
    last_update_on: date | None
    announced: Announced | None


class Imbalance(BaseModel):
    """How far apart the receiving parties are under one term."""

    most_received_id: str
    least_received_id: str
    difference: int
    ratio: float | None


class CommitmentStatus(BaseModel):
    """Where one term stands."""

    commitment_id: str
    category: Category
    measure: Measure
    description: str | None
    criteria: CriteriaPublic | None
    due_on: date | None
    declared_complete_on: date | None
    state: State
    last_update_on: date | None
    days_since_last_update: int | None
    imbalance: Imbalance | None
    discrepancies: list[Discrepancy]
    recipients: list[RecipientStatus]


class AgreementStatus(BaseModel):
    """Where an agreement stands, as of a date."""

    agreement_id: str
    title: str
    state: State
    as_of: date
    basis: str
    revision: int
    stall_days: int
    concluded_on: date
    last_update_on: date | None
    days_since_last_update: int | None
    commitments: list[CommitmentStatus]
    unattributed: list[RecipientStatus]
    unattributed_discrepancies: list[Discrepancy]


class TimelinePoint(BaseModel):
    """Where a cumulative total stood after the handovers of one day."""

    date: date
    received: int
    verified_received: int
    handovers: int
    received_is_lower_bound: bool
    received_is_approximate: bool


class TimelineSeries(BaseModel):
    """The cumulative series of one receiving party under one term (or under none stated)."""

    commitment_id: str | None
    recipient_id: str
    points: list[TimelinePoint]


class AnnouncedPoint(BaseModel):
    """An announced running total, beside the sum of the stages up to its date."""

    announcement_id: str
    commitment_id: str | None
    recipient_id: str
    stated_on: date
    claimant: str
    quantity: int | None
    qualifier: str
    sum_of_stages_then: int
    differs: bool | None


class Timeline(BaseModel):
    """Everything a cumulative chart needs, per term and party."""

    agreement_id: str
    series: list[TimelineSeries]
    announced: list[AnnouncedPoint]
