"""Fulfilment updates and their lines as stored, and the record of each Idempotency-Key."""

from datetime import date, datetime

from sqlalchemy import Column, Date, ForeignKey, Index, Integer, String, Text
from sqlmodel import Field, SQLModel

from app.core.types import UTCDateTime


class FulfilmentUpdate(SQLModel, table=True):
    """One handover as a monitor reported it."""

    __tablename__ = "fulfilment_update"
    __table_args__ = (
        Index("ix_fulfilment_update_agreement_id_id", "agreement_id", "id"),
        # Lists and feeds run in recorded order: an imported id is the file's choice, the recorded time never is.
        Index("ix_fulfilment_update_created_at_id", "created_at", "id"),
        # Pull sync and the feed follow the last change: recorded, reviewed or corrected.
        Index("ix_fulfilment_update_changed_at_id", "changed_at", "id"),
    )

    id: str = Field(primary_key=True, max_length=40)
    agreement_id: str = Field(sa_column=Column(String(40), ForeignKey("agreement.id"), nullable=False))
    occurred_on: date = Field(sa_column=Column(Date, nullable=False))
    stage: str | None = Field(default=None, max_length=200)
    location: str | None = Field(default=None, max_length=500)
    note: str | None = Field(default=None, sa_column=Column(Text))
    source_url: str | None = Field(default=None, max_length=2000)
    source_title: str | None = Field(default=None, max_length=500)
    source_publisher: str | None = Field(default=None, max_length=500)
    source_published_on: date | None = Field(default=None, sa_column=Column(Date))
    created_at: datetime = Field(sa_column=Column(UTCDateTime(), nullable=False))
    created_by: str | None = Field(default=None, max_length=40)
    # The handover this claim is about: its own id for the first report of a handover.
    handover_id: str = Field(sa_column=Column(String(40), nullable=False, index=True))
    claim_of: str | None = Field(default=None, sa_column=Column(String(40), ForeignKey("fulfilment_update.id")))
    supersedes: str | None = Field(default=None, sa_column=Column(String(40), ForeignKey("fulfilment_update.id")))
    superseded_by: str | None = Field(default=None, sa_column=Column(String(40)))
    correction_reason: str | None = Field(default=None, sa_column=Column(Text))
    review_state: str = Field(
        default="reported", sa_column=Column(String(20), nullable=False, server_default="reported")
    )
    reviewed_at: datetime | None = Field(default=None, sa_column=Column(UTCDateTime()))
    # When it was recorded, reviewed or superseded by a correction, whichever was last.
    changed_at: datetime = Field(sa_column=Column(UTCDateTime(), nullable=False))


class UpdateLine(SQLModel, table=True):
    """How many one party received under one commitment (or under none stated) in a handover."""

    __tablename__ = "update_line"
    __table_args__ = (Index("ix_update_line_update_id", "update_id"),)

    id: int | None = Field(default=None, sa_column=Column(Integer, primary_key=True, autoincrement=True))
    update_id: str = Field(sa_column=Column(String(40), ForeignKey("fulfilment_update.id"), nullable=False))
    commitment_id: str | None = Field(
        default=None, sa_column=Column(String(40), ForeignKey("commitment.id"), nullable=True)
    )
    recipient_id: str = Field(sa_column=Column(String(40), ForeignKey("party.id"), nullable=False))
    quantity: int | None = None
    qualifier: str = Field(sa_column=Column(String(20), nullable=False))


class IdempotencyRecord(SQLModel, table=True):
    """The first answer to a request sent with an Idempotency-Key, replayed to its retries."""

    __tablename__ = "idempotency_record"

    key_owner: str = Field(sa_column=Column(String(40), primary_key=True))
    idempotency_key: str = Field(sa_column=Column(String(200), primary_key=True))
    request_hash: str = Field(max_length=64)
    status_code: int
    response_body: str = Field(sa_column=Column(Text, nullable=False))
    resource_id: str = Field(max_length=40)
    created_at: datetime = Field(sa_column=Column(UTCDateTime(), nullable=False))
