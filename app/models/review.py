"""Reviews of claims and statements on a handover's attribution, as stored."""

from datetime import datetime

from sqlalchemy import Column, ForeignKey, Index, Integer, String, Text
from sqlmodel import Field, SQLModel

from app.core.types import UTCDateTime


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
