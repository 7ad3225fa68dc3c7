"""Agreements, their parties and their terms, as stored."""

from datetime import date, datetime
from typing import Any

from sqlalchemy import JSON, Column, Date, ForeignKey, Index, Integer, String, Text
from sqlmodel import Field, SQLModel

from app.core.types import UTCDateTime
from app.models.values import AgreementKind, State


class Agreement(SQLModel, table=True):
    """What the parties agreed at one moment; its derived columns serve list filters."""

    __tablename__ = "agreement"
    __table_args__ = (
        Index("ix_agreement_concluded_on", "concluded_on"),
        Index("ix_agreement_changed_at_id", "changed_at", "id"),
    )

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
    # When anything an agreement shows last changed (its revision): an edit, a term, a handover, a review.
    changed_at: datetime = Field(sa_column=Column(UTCDateTime(), nullable=False))
    created_by: str | None = Field(default=None, max_length=40)
    kind: str = Field(
        default=AgreementKind.agreement.value,
        sa_column=Column(String(20), nullable=False, server_default=AgreementKind.agreement.value),
    )
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


class AgreementTitle(SQLModel, table=True):
    """An agreement's title in a language other than English (English is `Agreement.title`)."""

    __tablename__ = "agreement_title"

    agreement_id: str = Field(sa_column=Column(String(40), ForeignKey("agreement.id"), primary_key=True))
    language: str = Field(sa_column=Column(String(35), primary_key=True))
    title: str = Field(sa_column=Column(String(500), nullable=False))


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
