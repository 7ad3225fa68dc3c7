"""Fulfilment updates: a monitor's report of a handover, line by line; never edited in place."""

from datetime import date, datetime
from enum import StrEnum
from typing import Annotated, Self

from pydantic import StrictInt, model_validator
from sqlalchemy import Column, Date, ForeignKey, Index, Integer, String, Text
from sqlmodel import Field, SQLModel

from app.agreements.models import FORBID_EXTRA, MAX_QUANTITY, PartyId, Source, SourcePublic
from app.core.pagination import Page
from app.core.text import LongText, ShortText
from app.core.types import UTCDateTime

UNATTRIBUTED = "unattributed"
MAX_LINES_PER_UPDATE = 200


class ReviewState(StrEnum):
    """Where a claim stands in review: every update starts reported."""

    reported = "reported"
    verified = "verified"
    disputed = "disputed"
    rejected = "rejected"


class Qualifier(StrEnum):
    """How exact a reported number is."""

    exact = "exact"
    approximate = "approximate"
    at_least = "at_least"


class FulfilmentUpdate(SQLModel, table=True):
    """One handover as a monitor reported it."""

    __tablename__ = "fulfilment_update"
    __table_args__ = (
        Index("ix_fulfilment_update_agreement_id_id", "agreement_id", "id"),
        # Lists and feeds run in recorded order: an imported id is the file's choice, the recorded time never is.
        Index("ix_fulfilment_update_created_at_id", "created_at", "id"),
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


# ---- API shapes -----------------------------------------------------------------------


class LineIn(SQLModel):
    """One party's receipt in a handover; `quantity` null means the number was withheld."""

    model_config = FORBID_EXTRA  # type: ignore[assignment]

    commitment_id: PartyId | None = Field(
        default=None, description="The term the handover served; null when the source does not say."
    )
    recipient_id: PartyId
    quantity: Annotated[StrictInt, Field(ge=0, le=MAX_QUANTITY)] | None = Field(
        description="How many were received; null when the number was withheld.",
        schema_extra={"examples": [1212]},
    )
    qualifier: Qualifier = Qualifier.exact

    @model_validator(mode="after")
    def _withheld_is_not_qualified(self) -> Self:
        if self.quantity is None and self.qualifier is not Qualifier.exact:
            raise ValueError("a withheld quantity (null) takes no qualifier")
        return self


class HandoverReport(SQLModel):
    """What every account of a handover says: when, where, from which source, and the lines."""

    model_config = FORBID_EXTRA  # type: ignore[assignment]

    occurred_on: date = Field(description="The day of the handover (not of the report).")
    stage: ShortText | None = Field(default=None, schema_extra={"examples": ["1"]})
    location: ShortText | None = None
    source: Source
    note: LongText | None = None
    lines: list[LineIn] = Field(min_length=1, max_length=MAX_LINES_PER_UPDATE)

    @model_validator(mode="after")
    def _one_line_per_term_and_recipient(self) -> Self:
        seen = [(line.commitment_id, line.recipient_id) for line in self.lines]
        if len(set(seen)) != len(seen):
            raise ValueError("each (commitment_id, recipient_id) pair may appear only once in an update")
        return self


class UpdateCreate(HandoverReport):
    """A monitor's report of one handover."""

    claim_of: PartyId | None = Field(
        default=None,
        description="Another update about the same handover: this one is then a further claim, counted once with it.",
    )


class CorrectionCreate(HandoverReport):
    """A corrected account of a handover that replaces an earlier update."""

    reason: LongText = Field(min_length=1, description="Why the earlier figures are corrected.")


class LinePublic(SQLModel):
    """A line as shown."""

    commitment_id: str | None
    recipient_id: str
    quantity: int | None
    qualifier: Qualifier


class UpdatePublic(SQLModel):
    """An update as shown, with who posted it and when."""

    id: str
    agreement_id: str
    occurred_on: date
    stage: str | None
    location: str | None
    note: str | None
    source: SourcePublic
    lines: list[LinePublic]
    created_at: datetime
    created_by: str | None
    handover_id: str = Field(description="The handover this update reports; shared by every claim about it.")
    claim_of: str | None
    supersedes: str | None
    superseded_by: str | None
    correction_reason: str | None
    review_state: ReviewState
    reviewed_at: datetime | None


class UpdatePage(Page[UpdatePublic]):
    """A page of fulfilment updates."""
