"""Reviews of claims and disputes over whether a handover belongs to an agreement."""

from datetime import datetime
from typing import Literal, Self

from pydantic import model_validator
from sqlmodel import SQLModel

from app.core.text import RequiredLongText
from app.models.values import FORBID_EXTRA, AttributionPosition, PartyId, ReviewState, Source, SourcePublic

# ---- API shapes -----------------------------------------------------------------------


class ReviewCreate(SQLModel):
    """A reviewer's decision on one claim, always with a reason."""

    model_config = FORBID_EXTRA  # type: ignore[assignment]

    state: Literal[ReviewState.verified, ReviewState.disputed, ReviewState.rejected]
    reason: RequiredLongText

    @model_validator(mode="after")
    def _is_a_decision(self) -> Self:
        if not self.reason.strip():
            raise ValueError("a review needs a reason")
        return self


class ReviewPublic(SQLModel):
    """A change of review state as shown."""

    update_id: str
    from_state: ReviewState
    to_state: ReviewState
    reason: str
    reviewed_by: str | None
    reviewed_at: datetime
    log_entry: int | None = None


class AttributionDisputeCreate(SQLModel):
    """A party's statement on whether a handover belongs to the agreement."""

    model_config = FORBID_EXTRA  # type: ignore[assignment]

    party_id: PartyId
    position: AttributionPosition
    statement: RequiredLongText
    source: Source


class AttributionDisputePublic(SQLModel):
    """A party's statement on attribution, as shown."""

    handover_id: str
    update_id: str
    party_id: str
    position: AttributionPosition
    statement: str
    source: SourcePublic
    recorded_by: str | None
    recorded_at: datetime
