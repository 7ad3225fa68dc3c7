"""Parties: the sides bound by agreements, and the intermediaries between them."""

from datetime import datetime
from enum import StrEnum

from pydantic import ConfigDict
from sqlmodel import Field, SQLModel

from app.core.pagination import Page
from app.core.text import Name
from app.models.party import Party
from app.parties.countries import CountryCode, alpha_3


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
    country_code: CountryCode | None = Field(default=None)


class PartyPublic(SQLModel):
    """A party as the API shows it."""

    id: str
    name: str
    kind: PartyKind
    country_code: str | None
    country_code_alpha3: str | None
    created_at: datetime

    @classmethod
    def of(cls, party: Party) -> "PartyPublic":
        """A recorded party as shown, with its country's codes."""
        return cls(
            id=party.id,
            name=party.name,
            kind=PartyKind(party.kind),
            country_code=party.country_code,
            country_code_alpha3=alpha_3(party.country_code),
            created_at=party.created_at,
        )


class PartyPage(Page[PartyPublic]):
    """A page of parties."""
