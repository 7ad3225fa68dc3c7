"""The status document: what the updates add up to, per commitment and receiving party."""

from datetime import date

from pydantic import BaseModel, Field

from app.agreements.models import Category, CriteriaPublic, Measure, State, TargetQualifier


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
    last_update_on: date | None


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
    state: State
    last_update_on: date | None
    days_since_last_update: int | None
    imbalance: Imbalance | None
    recipients: list[RecipientStatus]


class AgreementStatus(BaseModel):
    """Where an agreement stands, as of a date."""

    agreement_id: str
    title: str
    state: State
    as_of: date = Field(description="The day the states were evaluated for.")
    revision: int = Field(description="Grows with every change to the agreement or its updates.")
    stall_days: int
    concluded_on: date
    last_update_on: date | None
    days_since_last_update: int | None
    commitments: list[CommitmentStatus]
    unattributed: list[RecipientStatus] = Field(
        description="Handovers whose source did not say which term they served, per receiving party."
    )
