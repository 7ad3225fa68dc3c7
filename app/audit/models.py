"""The audit log: every write, chained by SHA-256 so that no row can change unseen."""

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, BigInteger, Column, Integer, LargeBinary, SmallInteger, String
from sqlmodel import Field, SQLModel

from app.core.pagination import Page
from app.core.types import UTCDateTime

GENESIS_HASH = "0" * 64


class AuditEntry(SQLModel, table=True):
    """One write: who, with which key and role, when, what, and the values before and after."""

    __tablename__ = "audit_entry"

    seq: int = Field(
        sa_column=Column(BigInteger().with_variant(Integer, "sqlite"), primary_key=True, autoincrement=False)
    )
    at: datetime = Field(sa_column=Column(UTCDateTime(), nullable=False))
    actor_key_id: str | None = Field(default=None, max_length=40)
    actor_role: str | None = Field(default=None, max_length=20)
    action: str = Field(sa_column=Column(String(20), nullable=False))
    entity_type: str = Field(sa_column=Column(String(60), nullable=False, index=True))
    entity_id: str = Field(sa_column=Column(String(200), nullable=False, index=True))
    before: dict[str, Any] | None = Field(default=None, sa_column=Column(JSON))
    after: dict[str, Any] | None = Field(default=None, sa_column=Column(JSON))
    prev_hash: str = Field(max_length=64)
    hash: str = Field(max_length=64)


class AuditHead(SQLModel, table=True):
    """The end of the chain: the last sequence number and hash, locked by every appending transaction."""

    __tablename__ = "audit_head"

    id: int = Field(sa_column=Column(Integer, primary_key=True, autoincrement=False))
    seq: int = Field(sa_column=Column(BigInteger().with_variant(Integer, "sqlite"), nullable=False))
    hash: str = Field(max_length=64)


class AuditTreeNode(SQLModel, table=True):
    """One complete subtree of the Merkle tree over the entries (RFC 9162): level 0 holds each entry's leaf."""

    __tablename__ = "audit_tree_node"

    level: int = Field(sa_column=Column(SmallInteger, primary_key=True, autoincrement=False))
    position: int = Field(
        sa_column=Column(BigInteger().with_variant(Integer, "sqlite"), primary_key=True, autoincrement=False)
    )
    hash: bytes = Field(sa_column=Column(LargeBinary(32), nullable=False))


class AuditEntryPublic(SQLModel):
    """An audit entry as shown."""

    seq: int
    at: datetime
    actor_key_id: str | None
    actor_role: str | None
    action: str
    entity_type: str
    entity_id: str
    before: dict[str, Any] | None
    after: dict[str, Any] | None
    prev_hash: str
    hash: str


class AuditPage(Page[AuditEntryPublic]):
    """A page of audit entries, oldest first."""


class ChainHead(SQLModel):
    """The latest entry of the chain: publish it so outsiders can check the log later."""

    seq: int
    hash: str


class ChainVerification(SQLModel):
    """The result of checking the whole chain."""

    ok: bool
    entries: int
    head: ChainHead
    first_broken_seq: int | None
    problem: str | None


class SignedTreeHead(SQLModel):
    """The Merkle tree over the first `tree_size` entries, its root and the time, signed with the service's key."""

    tree_size: int
    root_hash: str
    timestamp: int
    key_id: str
    signature: str


class PublicKey(SQLModel):
    """A key the service signs (or signed) with."""

    key_id: str
    algorithm: str
    public_key_pem: str


class LogKey(PublicKey):
    """The key that signs tree heads and answers now, and those retired by a rotation."""

    generated: bool
    retired: list[PublicKey]


class InclusionProof(SQLModel):
    """The audit path that proves an entry is in the tree of a size (RFC 9162 2.1.3)."""

    entry: int
    leaf_index: int
    tree_size: int
    entry_hash: str
    leaf_hash: str
    audit_path: list[str]


class ConsistencyProof(SQLModel):
    """The nodes that prove the tree of one size extends the tree of a smaller one (RFC 9162 2.1.4)."""

    from_size: int
    to_size: int
    proof: list[str]
