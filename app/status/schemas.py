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
    differs: bool | None = Field(description="True when the announced total and the stages disagree; null if withheld.")


class Claimed(BaseModel):
    """One claim's figure about what one party received in a handover."""

    update_id: str
    quantity: int | None = Field(description="What the claim says the party received, over the terms it names.")
    qualifier: str
    review_state: str
    publisher: str | None
    url: str | None
    terms: list[str] = Field(
        default_factory=list,
        description="The terms the claim counts it under (`unattributed` when it names none): claims about one "
        "handover may disagree on the term too; the standing claim's terms count, once.",
    )


class Discrepancy(BaseModel):
    """A handover whose claims disagree and that no verifier has settled yet."""

    handover_id: str
    recipient_id: str
    occurred_on: date
    standing_update_id: str = Field(description="The claim counted until a verifier settles it: the earliest.")
    claims: list[Claimed]


class RecipientStatus(BaseModel):
    """What one receiving party has received under one commitment, against its target."""

    recipient_id: str
    recipient_name: str
    target: int | None = Field(description="Null for all-for-all terms and for unattributed handovers.")
    target_qualifier: TargetQualifier | None
    received: int = Field(description="Sum of the known quantities; see the flags for how exact it is.")
    percent: float | None = Field(description="received / target * 100, one decimal; may pass 100.")
    remaining: int | None = Field(description="How many are still to be received to reach the target.")
    exceeds_target: bool
    handovers: int = Field(description="Handovers recorded for this party under this term.")
    withheld_handovers: int = Field(description="Handovers whose number was withheld.")
    approximate_lines: int
    at_least_lines: int
    received_is_exact: bool
    received_is_lower_bound: bool = Field(
        description="True when withheld or 'at least' figures mean the true total is higher."
    )
    reported_received: int = Field(description="Sum of the standing figures of every handover not rejected.")
    verified_received: int = Field(description="Sum of the figures a verifier verified.")
    verified_handovers: int
    verified_is_lower_bound: bool
    received_excluding_disputed_attribution: int | None = Field(
        description="Reported received, leaving out handovers a party says do not belong to the agreement."
    )
    disputed_attribution_handovers: int
    discrepancies: int = Field(description="Handovers whose claims disagree, not yet settled by a verifier.")
    last_update_on: date | None
    announced: Announced | None


class Imbalance(BaseModel):
    """How far apart the receiving parties are under one term."""

    most_received_id: str
    least_received_id: str
    difference: int = Field(description="Received by the first minus received by the second.")
    ratio: float | None = Field(description="Most over least, two decimals; null when the least is 0.")


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
    as_of: date = Field(description="The day the states were evaluated for.")
    basis: str = Field(
        description="`reported` (rejected claims left out) or `verified`: where states and percents come from."
    )
    revision: int = Field(description="Grows with every change to the agreement or its updates.")
    stall_days: int
    concluded_on: date
    last_update_on: date | None
    days_since_last_update: int | None
    commitments: list[CommitmentStatus]
    unattributed: list[RecipientStatus] = Field(
        description="Handovers whose source did not say which term they served, per receiving party."
    )
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
