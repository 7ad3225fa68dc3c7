"""Agreements and their commitments (terms), as stored and as the API shows them."""

from datetime import date, datetime
from enum import StrEnum
from typing import Annotated, Any, Self

from pydantic import ConfigDict, StrictInt, model_validator
from sqlalchemy import JSON, Column, Date, ForeignKey, Index, Integer, String, Text
from sqlmodel import Field, SQLModel

from app.core.pagination import Page
from app.core.text import LongText, ShortText, Url
from app.core.types import UTCDateTime

FORBID_EXTRA = ConfigDict(extra="forbid")
MAX_QUANTITY = 10_000_000


class Category(StrEnum):
    """Who or what a commitment is about."""

    prisoners_of_war = "prisoners_of_war"
    wounded_and_sick = "wounded_and_sick"
    remains = "remains"
    civilian_detainees = "civilian_detainees"
    children = "children"
    political_prisoners = "political_prisoners"
    journalists = "journalists"
    other = "other"


class Measure(StrEnum):
    """How a commitment is measured: everyone eligible, or a number per receiving party."""

    all_for_all = "all_for_all"
    target = "target"


class TargetQualifier(StrEnum):
    """Whether a target is an exact number or a floor ("at least 1,000")."""

    exact = "exact"
    at_least = "at_least"


class State(StrEnum):
    """Where a commitment or an agreement stands, derived from its updates and the date."""

    not_started = "not_started"
    in_progress = "in_progress"
    fulfilled = "fulfilled"
    stalled = "stalled"
    overdue = "overdue"


class PartyRole(StrEnum):
    """How a party takes part in an agreement."""

    party = "party"
    intermediary = "intermediary"


# ---- tables ---------------------------------------------------------------------------


class Agreement(SQLModel, table=True):
    """What the parties agreed at one moment; its derived columns serve list filters."""

    __tablename__ = "agreement"
    __table_args__ = (Index("ix_agreement_concluded_on", "concluded_on"),)

    id: str = Field(primary_key=True, max_length=40)
    title: str = Field(max_length=500)
    concluded_on: date = Field(sa_column=Column(Date, nullable=False))
    venue: str | None = Field(default=None, max_length=500)
    negotiation_round: str | None = Field(default=None, max_length=500)
    notes: str | None = Field(default=None, max_length=5000)
    sources: list[dict[str, Any]] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    revision: int = Field(default=1, sa_column=Column(Integer, nullable=False))
    created_at: datetime = Field(sa_column=Column(UTCDateTime(), nullable=False))
    updated_at: datetime = Field(sa_column=Column(UTCDateTime(), nullable=False))
    created_by: str | None = Field(default=None, max_length=40)
    # Kept by the status service in the same transaction as every change, for each basis, so that
    # list filters agree with the status whichever basis the server reads and the writer ran under.
    progress_state: str = Field(default=State.not_started.value, sa_column=Column(String(20), nullable=False))
    last_update_on: date | None = Field(default=None, sa_column=Column(Date))
    open_due_on: date | None = Field(default=None, sa_column=Column(Date))
    verified_progress_state: str = Field(
        default=State.not_started.value,
        sa_column=Column(String(20), nullable=False, server_default=State.not_started.value),
    )
    verified_open_due_on: date | None = Field(default=None, sa_column=Column(Date))

    @staticmethod
    def progress_columns(basis: str) -> tuple[str, str]:
        """The names of the columns holding one basis's progress and earliest open due date."""
        return (
            ("progress_state", "open_due_on")
            if basis == "reported"
            else (
                "verified_progress_state",
                "verified_open_due_on",
            )
        )


class AgreementParty(SQLModel, table=True):
    """A party bound by an agreement, or an intermediary of it."""

    __tablename__ = "agreement_party"
    __table_args__ = (Index("ix_agreement_party_party_id", "party_id"),)

    agreement_id: str = Field(sa_column=Column(String(40), ForeignKey("agreement.id"), primary_key=True))
    party_id: str = Field(sa_column=Column(String(40), ForeignKey("party.id"), primary_key=True))
    role: str = Field(sa_column=Column(String(20), nullable=False))
    position: int = Field(sa_column=Column(Integer, nullable=False))


class Commitment(SQLModel, table=True):
    """One term of an agreement."""

    __tablename__ = "commitment"
    __table_args__ = (Index("ix_commitment_agreement_id", "agreement_id"),)

    id: str = Field(primary_key=True, max_length=40)
    agreement_id: str = Field(sa_column=Column(String(40), ForeignKey("agreement.id"), nullable=False))
    position: int = Field(sa_column=Column(Integer, nullable=False))
    category: str = Field(sa_column=Column(String(30), nullable=False))
    measure: str = Field(sa_column=Column(String(20), nullable=False))
    description: str | None = Field(default=None, max_length=5000)
    age_min: int | None = None
    age_max: int | None = None
    condition: str | None = Field(default=None, max_length=500)
    due_on: date | None = Field(default=None, sa_column=Column(Date))
    created_at: datetime = Field(sa_column=Column(UTCDateTime(), nullable=False))
    # Set by an editor's declaration: all-for-all terms are fulfilled only this way.
    completed_on: date | None = Field(default=None, sa_column=Column(Date))


class CommitmentDeclaration(SQLModel, table=True):
    """An editor's declaration that an all-for-all term is complete, or its reopening."""

    __tablename__ = "commitment_declaration"
    __table_args__ = (Index("ix_commitment_declaration_commitment_id", "commitment_id"),)

    id: int | None = Field(default=None, sa_column=Column(Integer, primary_key=True, autoincrement=True))
    commitment_id: str = Field(sa_column=Column(String(40), ForeignKey("commitment.id"), nullable=False))
    action: str = Field(sa_column=Column(String(20), nullable=False))
    effective_on: date | None = Field(default=None, sa_column=Column(Date))
    reason: str = Field(sa_column=Column(Text, nullable=False))
    source_url: str | None = Field(default=None, max_length=2000)
    source_title: str | None = Field(default=None, max_length=500)
    source_publisher: str | None = Field(default=None, max_length=500)
    declared_by: str | None = Field(default=None, max_length=40)
    declared_at: datetime = Field(sa_column=Column(UTCDateTime(), nullable=False))


class CommitmentTarget(SQLModel, table=True):
    """How many one receiving party is to receive under a commitment."""

    __tablename__ = "commitment_target"

    commitment_id: str = Field(sa_column=Column(String(40), ForeignKey("commitment.id"), primary_key=True))
    recipient_id: str = Field(sa_column=Column(String(40), ForeignKey("party.id"), primary_key=True))
    quantity: int
    qualifier: str = Field(sa_column=Column(String(20), nullable=False))


# ---- API shapes -----------------------------------------------------------------------

Quantity = Annotated[StrictInt, Field(ge=0, le=MAX_QUANTITY)]
PartyId = Annotated[str, Field(min_length=1, max_length=40)]


class Source(SQLModel):
    """Where a statement was published."""

    model_config = FORBID_EXTRA  # type: ignore[assignment]

    url: Url | None = Field(default=None, schema_extra={"examples": ["https://example.org/report"]})
    title: ShortText | None = None
    publisher: ShortText | None = Field(default=None, schema_extra={"examples": ["UNN"]})
    published_on: date | None = None

    @model_validator(mode="after")
    def _names_something(self) -> Self:
        if self.url is None and self.publisher is None and self.title is None:
            raise ValueError("a source needs at least a url, a title or a publisher")
        return self


class Criteria(SQLModel):
    """Who is eligible under a commitment."""

    model_config = FORBID_EXTRA  # type: ignore[assignment]

    age_min: int | None = Field(default=None, ge=0, le=120)
    age_max: int | None = Field(default=None, ge=0, le=120)
    condition: ShortText | None = Field(default=None, schema_extra={"examples": ["seriously wounded or seriously ill"]})

    @model_validator(mode="after")
    def _ages_in_order(self) -> Self:
        if self.age_min is not None and self.age_max is not None and self.age_min > self.age_max:
            raise ValueError("age_min must not be greater than age_max")
        return self


class TargetIn(SQLModel):
    """The number one receiving party is to receive."""

    model_config = FORBID_EXTRA  # type: ignore[assignment]

    recipient_id: PartyId
    quantity: Quantity = Field(schema_extra={"examples": [6000]})
    qualifier: TargetQualifier = TargetQualifier.exact


class CommitmentCreate(SQLModel):
    """A new term: all-for-all, or a target per receiving party."""

    model_config = FORBID_EXTRA  # type: ignore[assignment]

    category: Category
    measure: Measure
    description: LongText | None = None
    criteria: Criteria | None = None
    due_on: date | None = None
    targets: list[TargetIn] = Field(default_factory=list, max_length=20)

    @model_validator(mode="after")
    def _targets_match_measure(self) -> Self:
        if self.measure is Measure.target and not self.targets:
            raise ValueError("a commitment measured by target needs at least one target")
        if self.measure is Measure.all_for_all and self.targets:
            raise ValueError("an all-for-all commitment has no numeric targets")
        recipients = [t.recipient_id for t in self.targets]
        if len(set(recipients)) != len(recipients):
            raise ValueError("each receiving party may have only one target")
        return self


class AgreementCreate(SQLModel):
    """A whole agreement with its commitments, recorded in one call."""

    model_config = FORBID_EXTRA  # type: ignore[assignment]

    title: ShortText = Field(schema_extra={"examples": ["Istanbul talks, second round: humanitarian exchanges"]})
    concluded_on: date = Field(schema_extra={"examples": ["2025-06-02"]})
    venue: ShortText | None = Field(default=None, schema_extra={"examples": ["Istanbul"]})
    negotiation_round: ShortText | None = Field(default=None, schema_extra={"examples": ["second round"]})
    parties: list[PartyId] = Field(min_length=2, max_length=20, description="Ids of the parties bound.")
    intermediaries: list[PartyId] = Field(default_factory=list, max_length=20)
    sources: list[Source] = Field(default_factory=list, max_length=50)
    notes: LongText | None = None
    commitments: list[CommitmentCreate] = Field(default_factory=list, max_length=50)


class CompletionCreate(SQLModel):
    """An editor's declaration that everyone eligible under an all-for-all term has been returned."""

    model_config = FORBID_EXTRA  # type: ignore[assignment]

    completed_on: date = Field(description="The day the term was completed, as the source says.")
    source: Source
    note: LongText | None = None


class ReopeningCreate(SQLModel):
    """Withdrawing a declaration of completion."""

    model_config = FORBID_EXTRA  # type: ignore[assignment]

    reason: LongText = Field(min_length=1)


class AgreementUpdate(SQLModel):
    """A change to an agreement's description; every field is optional."""

    model_config = FORBID_EXTRA  # type: ignore[assignment]

    title: ShortText | None = None
    concluded_on: date | None = None
    venue: ShortText | None = None
    negotiation_round: ShortText | None = None
    sources: list[Source] | None = Field(default=None, max_length=50)
    notes: LongText | None = None


class PartyRef(SQLModel):
    """A party named in an agreement."""

    id: str
    name: str
    country_code: str | None


class TargetPublic(SQLModel):
    """A target as shown."""

    recipient_id: str
    quantity: int
    qualifier: TargetQualifier


class CriteriaPublic(SQLModel):
    """Eligibility as shown."""

    age_min: int | None
    age_max: int | None
    condition: str | None


class CommitmentPublic(SQLModel):
    """A commitment as shown."""

    id: str
    agreement_id: str
    category: Category
    measure: Measure
    description: str | None
    criteria: CriteriaPublic | None
    due_on: date | None
    targets: list[TargetPublic]
    completed_on: date | None = Field(description="Set when an editor declared an all-for-all term complete.")
    created_at: datetime


class SourcePublic(SQLModel):
    """A source as shown."""

    url: str | None
    title: str | None
    publisher: str | None
    published_on: date | None


class AgreementPublic(SQLModel):
    """An agreement as shown, with its current state."""

    id: str
    title: str
    concluded_on: date
    venue: str | None
    negotiation_round: str | None
    notes: str | None
    parties: list[PartyRef]
    intermediaries: list[PartyRef]
    sources: list[SourcePublic]
    commitments: list[CommitmentPublic]
    state: State
    last_update_on: date | None
    revision: int
    created_at: datetime
    updated_at: datetime


class AgreementPage(Page[AgreementPublic]):
    """A page of agreements."""
