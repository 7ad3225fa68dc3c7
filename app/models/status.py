"""Running totals and ready status documents, kept in the same transaction as every change."""

from datetime import date
from typing import Any

from sqlalchemy import JSON, Boolean, Column, Date, ForeignKey, Index, Integer, String, Text
from sqlmodel import Field, SQLModel


class RunningTotal(SQLModel, table=True):
    """What one party has received under one commitment (or under none stated), so far."""

    __tablename__ = "running_total"

    agreement_id: str = Field(sa_column=Column(String(40), ForeignKey("agreement.id"), primary_key=True))
    bucket: str = Field(
        sa_column=Column(String(40), primary_key=True),
        description="The commitment id, or 'unattributed'.",
    )
    recipient_id: str = Field(sa_column=Column(String(40), ForeignKey("party.id"), primary_key=True))
    received: int = Field(default=0, sa_column=Column(Integer, nullable=False))
    handovers: int = Field(default=0, sa_column=Column(Integer, nullable=False))
    withheld: int = Field(default=0, sa_column=Column(Integer, nullable=False))
    approximate: int = Field(default=0, sa_column=Column(Integer, nullable=False))
    at_least: int = Field(default=0, sa_column=Column(Integer, nullable=False))
    last_update_on: date | None = Field(default=None, sa_column=Column(Date))
    verified_received: int = Field(default=0, sa_column=Column(Integer, nullable=False, server_default="0"))
    verified_handovers: int = Field(default=0, sa_column=Column(Integer, nullable=False, server_default="0"))
    verified_withheld: int = Field(default=0, sa_column=Column(Integer, nullable=False, server_default="0"))
    verified_approximate: int = Field(default=0, sa_column=Column(Integer, nullable=False, server_default="0"))
    verified_at_least: int = Field(default=0, sa_column=Column(Integer, nullable=False, server_default="0"))
    disputed_received: int = Field(default=0, sa_column=Column(Integer, nullable=False, server_default="0"))
    disputed_handovers: int = Field(default=0, sa_column=Column(Integer, nullable=False, server_default="0"))
    discrepancies: int = Field(default=0, sa_column=Column(Integer, nullable=False, server_default="0"))


class HandoverFigure(SQLModel, table=True):
    """What one handover counts for one party under one term, after weighing every claim about it."""

    __tablename__ = "handover_figure"
    __table_args__ = (
        Index("ix_handover_figure_agreement_id_occurred_on", "agreement_id", "occurred_on"),
        Index("ix_handover_figure_agreement_id_bucket_recipient_id", "agreement_id", "bucket", "recipient_id"),
    )

    handover_id: str = Field(sa_column=Column(String(40), primary_key=True))
    bucket: str = Field(sa_column=Column(String(40), primary_key=True))
    recipient_id: str = Field(sa_column=Column(String(40), ForeignKey("party.id"), primary_key=True))
    agreement_id: str = Field(sa_column=Column(String(40), ForeignKey("agreement.id"), nullable=False))
    occurred_on: date = Field(sa_column=Column(Date, nullable=False))
    quantity: int | None = None
    qualifier: str = Field(sa_column=Column(String(20), nullable=False))
    standing_update_id: str = Field(sa_column=Column(String(40), nullable=False))
    verified: bool = Field(default=False, sa_column=Column(Boolean, nullable=False))
    verified_quantity: int | None = None
    verified_qualifier: str | None = Field(default=None, sa_column=Column(String(20)))
    discrepancy: bool = Field(default=False, sa_column=Column(Boolean, nullable=False))
    attribution_disputed: bool = Field(default=False, sa_column=Column(Boolean, nullable=False))
    claims: list[dict[str, Any]] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))


class StatusSnapshot(SQLModel, table=True):
    """The date-independent part of an agreement's status, ready to serve by primary key."""

    __tablename__ = "status_snapshot"

    agreement_id: str = Field(sa_column=Column(String(40), ForeignKey("agreement.id"), primary_key=True))
    revision: int = Field(sa_column=Column(Integer, nullable=False))
    body: str = Field(sa_column=Column(Text, nullable=False))
