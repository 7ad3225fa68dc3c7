"""Parties as stored."""

from datetime import datetime

from sqlalchemy import JSON, Column, ForeignKey, Index, String
from sqlmodel import Field, SQLModel

from app.core.types import UTCDateTime


class Party(SQLModel, table=True):
    """A party as stored: `name` is its English name, `names` its recorded names by BCP 47 tag (English too)."""

    __tablename__ = "party"

    id: str = Field(primary_key=True, max_length=40)
    name: str = Field(sa_column=Column(String(200), nullable=False))
    name_key: str = Field(sa_column=Column(String(200), nullable=False, unique=True))
    kind: str = Field(sa_column=Column(String(20), nullable=False))
    country_code: str | None = Field(default=None, max_length=2)
    created_at: datetime = Field(sa_column=Column(UTCDateTime(), nullable=False))
    names: dict[str, str] = Field(default_factory=dict, sa_column=Column(JSON, nullable=False, server_default="{}"))
    aliases: list[str] = Field(default_factory=list, sa_column=Column(JSON, nullable=False, server_default="[]"))


class PartyNameKey(SQLModel, table=True):
    """Each distinct name a party goes by (its names in every language, its aliases, its country's names), folded:
    unique across parties, so one party cannot be recorded twice under two spellings; also what search reads."""

    __tablename__ = "party_name_key"
    __table_args__ = (Index("ix_party_name_key_party_id", "party_id"),)

    name_key: str = Field(sa_column=Column(String(200), primary_key=True))
    party_id: str = Field(sa_column=Column(String(40), ForeignKey("party.id"), nullable=False))
    name: str = Field(sa_column=Column(String(200), nullable=False))
