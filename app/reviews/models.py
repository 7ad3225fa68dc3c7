"""Reviews of claims and disputes over whether a handover belongs to an agreement."""

from datetime import datetime
from enum import StrEnum
from typing import Self

from pydantic import model_validator
from sqlalchemy import Column, ForeignKey, Index, Integer, String, Text
from sqlmodel import Field, SQLModel

from app.agreements.models import FORBID_EXTRA, PartyId, Source, SourcePublic
from app.core.text import LongText
from app.core.types import UTCDateTime
from app.updates.models import ReviewState


class UpdateReview(SQLModel, table=True):
    """One change of an update's review state, with its reason, reviewer and time."""

    __tablename__ = "update_review"
    __table_args__ = (Index("ix_update_review_update_id", "update_id"),)

    id: int | None = Field(default=None, sa_column=Column(Integer, primary_key=True, autoincrement=True))
    update_id: str = Field(sa_column=Column(String(40), ForeignKey("fulfilment_update.id"), nullable=False))
    from_state: str = Field(sa_column=Column(String(20), nullable=False))
    to_state: str = Field(sa_column=Column(String(20), nullable=False))
    reason: str = Field(sa_column=Column(Text, nullable=False))
    reviewed_by: str | None = Field(default=None, max_length=40)
    reviewed_at: datetime = Field(sa_column=Column(UTCDateTime(), nullable=False))


class AttributionDispute(SQLModel, table=True):
    """One party's statement that a handover does (or does not) belong to the agreement."""

    __tablename__ = "attribution_dispute"
    __table_args__ = (Index("ix_attribution_dispute_handover_id", "handover_id"),)

    id: int | None = Field(default=None, sa_column=Column(Integer, primary_key=True, autoincrement=True))
    handover_id: str = Field(sa_column=Column(String(40), nullable=False))
    update_id: str = Field(sa_column=Column(String(40), ForeignKey("fulfilment_update.id"), nullable=False))
    party_id: str = Field(sa_column=Column(String(40), ForeignKey("party.id"), nullable=False))
    position: str = Field(sa_column=Column(String(20), nullable=False))
    statement: str = Field(sa_column=Column(Text, nullable=False))
    source_url: str | None = Field(default=None, max_length=2000)
    source_title: str | None = Field(default=None, max_length=500)
    source_publisher: str | None = Field(default=None, max_length=500)
    recorded_by: str | None = Field(default=None, max_length=40)
    recorded_at: datetime = Field(sa_column=Column(UTCDateTime(), nullable=False))


# ---- API shapes -----------------------------------------------------------------------


class AttributionPosition(StrEnum):
    """What a party says about a handover's attribution to the agreement."""

    belongs = "belongs"
    does_not_belong = "does_not_belong"


DECISIONS = (ReviewState.verified, ReviewState.disputed, ReviewState.rejected)


class ReviewCreate(SQLModel):
    """A reviewer's decision on one claim, always with a reason."""

    model_config = FORBID_EXTRA  # type: ignore[assignment]

    state: ReviewState = Field(description="verified, disputed or rejected.")
    reason: LongText = Field(min_length=1, description="Why; shown beside the figure.")

    @model_validator(mode="after")
    def _is_a_decision(self) -> Self:
        if self.state not in DECISIONS:
            raise ValueError("state must be verified, disputed or rejected")
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


class AttributionDisputeCreate(SQLModel):
    """A party's statement on whether a handover belongs to the agreement."""

    model_config = FORBID_EXTRA  # type: ignore[assignment]

    party_id: PartyId
    position: AttributionPosition = Field(
        description="`belongs`: the party counts the handover under the agreement; `does_not_belong`: it denies it."
    )
    statement: LongText = Field(min_length=1)
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
