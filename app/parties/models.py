"""Parties: the sides bound by agreements, and the intermediaries between them."""

from datetime import datetime
from enum import StrEnum
from typing import Self

from pydantic import ConfigDict, model_validator
from sqlmodel import Field, SQLModel

from app.core.languages import DEFAULT_LANGUAGE, SUPPORTED_LANGUAGES, LanguageTag
from app.core.pagination import Page
from app.core.text import Name
from app.parties.countries import CountryCode

MAX_ALIASES = 20


class PartyKind(StrEnum):
    """What kind of actor a party is."""

    state = "state"
    armed_group = "armed_group"
    intermediary = "intermediary"
    organisation = "organisation"


class PartyCreate(SQLModel):
    """A new party: its English name (`name`, or `names.en`), its names in other languages, and aliases."""

    model_config = ConfigDict(extra="forbid")  # type: ignore[assignment]

    name: Name | None = Field(
        default=None,
        schema_extra={"examples": ["Ukraine"]},
    )
    names: dict[LanguageTag, Name] = Field(
        default_factory=dict,
        max_length=len(SUPPORTED_LANGUAGES),
        schema_extra={"examples": [{"en": "Ukraine", "uk": "Україна", "ru": "Украина"}]},
    )
    aliases: list[Name] = Field(
        default_factory=list,
        max_length=MAX_ALIASES,
    )
    kind: PartyKind
    country_code: CountryCode | None = Field(default=None)

    @model_validator(mode="after")
    def _one_english_name(self) -> Self:
        english = self.names.get(DEFAULT_LANGUAGE)
        if self.name is None and english is None:
            raise ValueError("a party needs its English name, as `name` or `names.en`")
        if self.name is not None and english is not None and english != self.name:
            raise ValueError("`names.en` must be the same as `name`")
        self.name = self.name or english
        self.names = {**self.names, DEFAULT_LANGUAGE: self.name or ""}
        return self

    @property
    def english_name(self) -> str:
        """The party's English name, which the validation above makes sure of."""
        return self.names[DEFAULT_LANGUAGE]


class PartyPublic(SQLModel):
    """A party as the API shows it: `name` in the language asked, every language's in `names`."""

    id: str
    name: str
    names: dict[str, str]
    aliases: list[str]
    kind: PartyKind
    country_code: str | None
    country_code_alpha3: str | None
    created_at: datetime


class PartyPage(Page[PartyPublic]):
    """A page of parties."""
