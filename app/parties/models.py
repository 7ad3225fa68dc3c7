"""Parties: the sides bound by agreements, and the intermediaries between them."""

from datetime import datetime
from enum import StrEnum
from typing import Annotated

from pydantic import ConfigDict, StringConstraints
from sqlmodel import Field, SQLModel

from app.core.pagination import Page
from app.core.text import Name


class PartyKind(StrEnum):
    """What kind of actor a party is."""

    state = "state"
    armed_group = "armed_group"
    intermediary = "intermediary"
    organisation = "organisation"


class PartyCreate(SQLModel):
    """A new party."""

    model_config = ConfigDict(extra="forbid")  # type: ignore[assignment]

    name: Name = Field(schema_extra={"examples": ["Ukraine"]})
    kind: PartyKind
    country_code: Annotated[str, StringConstraints(pattern=r"^[A-Z]{2}$")] | None = Field(
        default=None,
        description="ISO 3166-1 alpha-2 code, upper case.",
        schema_extra={"examples": ["UA"]},
    )


class PartyPublic(SQLModel):
    """A party as the API shows it."""

    id: str
    name: str
    kind: PartyKind
    country_code: str | None
    created_at: datetime


class PartyPage(Page[PartyPublic]):
    """A page of parties."""
