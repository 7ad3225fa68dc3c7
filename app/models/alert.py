"""Alerts: each time a term or an agreement was found stalled or overdue, and when that ended."""

from datetime import date, datetime

from sqlalchemy import Column, Date, ForeignKey, Index, String
from sqlmodel import Field, SQLModel

from app.core.types import UTCDateTime


class Alert(SQLModel, table=True):
    """One stall or overdue of a term (or of an agreement, with no `commitment_id`), raised once by a sweep.

    Open while `ended_at` is null; a sweep that finds the state over (or moved to another day) ends it,
    so the next stall raises a new alert.
    """

    __tablename__ = "alert"
    __table_args__ = (
        Index("ix_alert_ended_at", "ended_at"),
        Index("ix_alert_raised_at_id", "raised_at", "id"),
        Index("ix_alert_agreement_id_raised_at", "agreement_id", "raised_at"),
    )

    id: str = Field(primary_key=True, max_length=40)
    agreement_id: str = Field(sa_column=Column(String(40), ForeignKey("agreement.id"), nullable=False))
    commitment_id: str | None = Field(default=None, sa_column=Column(String(40), ForeignKey("commitment.id")))
    state: str = Field(sa_column=Column(String(20), nullable=False))
    # The day the state counts from: the last handover for a stall, the due date for an overdue.
    since: date = Field(sa_column=Column(Date, nullable=False))
    raised_at: datetime = Field(sa_column=Column(UTCDateTime(), nullable=False))
    ended_at: datetime | None = Field(default=None, sa_column=Column(UTCDateTime()))
    # The outbox event that announced it (not a foreign key: delivered events are pruned).
    event_id: str = Field(sa_column=Column(String(40), nullable=False))
