"""Running totals a source announced, as stored."""

from datetime import date, datetime

from sqlalchemy import Column, Date, ForeignKey, Index, Integer, String, Text
from sqlmodel import Field, SQLModel

from app.core.types import UTCDateTime


class AnnouncedTotal(SQLModel, table=True):
    """A statement such as "so far, 6,060 handed over and 78 received", as a claim."""

    __tablename__ = "announced_total"
    __table_args__ = (Index("ix_announced_total_agreement_id", "agreement_id"),)

    id: str = Field(primary_key=True, max_length=40)
    agreement_id: str = Field(sa_column=Column(String(40), ForeignKey("agreement.id"), nullable=False))
    claimant: str = Field(max_length=500)
    stated_on: date = Field(sa_column=Column(Date, nullable=False))
    source_url: str | None = Field(default=None, max_length=2000)
    source_title: str | None = Field(default=None, max_length=500)
    source_publisher: str | None = Field(default=None, max_length=500)
    source_published_on: date | None = Field(default=None, sa_column=Column(Date))
    note: str | None = Field(default=None, sa_column=Column(Text))
    created_at: datetime = Field(sa_column=Column(UTCDateTime(), nullable=False))
    created_by: str | None = Field(default=None, max_length=40)


class AnnouncedFigure(SQLModel, table=True):
    """One cumulative figure of an announcement: received by one party under one term (or none stated)."""

    __tablename__ = "announced_figure"
    __table_args__ = (Index("ix_announced_figure_announcement_id", "announcement_id"),)

    id: int | None = Field(default=None, sa_column=Column(Integer, primary_key=True, autoincrement=True))
    announcement_id: str = Field(sa_column=Column(String(40), ForeignKey("announced_total.id"), nullable=False))
    commitment_id: str | None = Field(default=None, sa_column=Column(String(40), ForeignKey("commitment.id")))
    recipient_id: str = Field(sa_column=Column(String(40), ForeignKey("party.id"), nullable=False))
    quantity: int | None = None
    qualifier: str = Field(sa_column=Column(String(20), nullable=False))
