"""Running totals and ready status documents, kept in the same transaction as every change."""

from datetime import date

from sqlalchemy import Column, Date, ForeignKey, Integer, String, Text
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


class StatusSnapshot(SQLModel, table=True):
    """The date-independent part of an agreement's status, ready to serve by primary key."""

    __tablename__ = "status_snapshot"

    agreement_id: str = Field(sa_column=Column(String(40), ForeignKey("agreement.id"), primary_key=True))
    revision: int = Field(sa_column=Column(Integer, nullable=False))
    body: str = Field(sa_column=Column(Text, nullable=False))
