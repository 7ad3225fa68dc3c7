"""API keys: stored only as hashes, each with one role."""

from datetime import datetime
from enum import StrEnum

from sqlalchemy import Column, String
from sqlmodel import Field, SQLModel

from app.core.types import UTCDateTime


class Role(StrEnum):
    """What a key may do; each role includes the ones before it."""

    reader = "reader"
    monitor = "monitor"
    verifier = "verifier"
    editor = "editor"
    admin = "admin"

    @property
    def rank(self) -> int:
        return list(Role).index(self)


class ApiKey(SQLModel, table=True):
    """A key's hash and role; the key itself is shown once and never stored."""

    __tablename__ = "api_key"

    id: str = Field(primary_key=True, max_length=40)
    name: str = Field(max_length=200)
    role: str = Field(sa_column=Column(String(20), nullable=False))
    secret_hash: str = Field(max_length=64)
    created_at: datetime = Field(sa_column=Column(UTCDateTime(), nullable=False))
    revoked_at: datetime | None = Field(default=None, sa_column=Column(UTCDateTime()))


class ApiKeyPublic(SQLModel):
    """A key as listed: never its secret."""

    id: str
    name: str
    role: Role
    created_at: datetime
    revoked_at: datetime | None
