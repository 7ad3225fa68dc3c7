"""Parties as stored."""

from datetime import datetime

from sqlalchemy import Column, String
from sqlmodel import Field, SQLModel

from app.core.types import UTCDateTime


class Party(SQLModel, table=True):
    """A party as stored."""

    __tablename__ = "party"

    id: str = Field(primary_key=True, max_length=40)
    name: str = Field(sa_column=Column(String(200), nullable=False))
    name_key: str = Field(sa_column=Column(String(200), nullable=False, unique=True))
    kind: str = Field(sa_column=Column(String(20), nullable=False))
    country_code: str | None = Field(default=None, max_length=2)
    created_at: datetime = Field(sa_column=Column(UTCDateTime(), nullable=False))
