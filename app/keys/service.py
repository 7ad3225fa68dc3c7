"""Creating, listing, revoking and checking API keys."""

import hashlib
import hmac
import secrets
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime

from sqlmodel import Session, col, select

from app.core.errors import NotFound, Unauthenticated
from app.core.ids import new_id
from app.keys.models import ApiKey, Role

KEY_PREFIX = "elk"


@dataclass(frozen=True)
class Caller:
    """Who is making a request: a key's id and role, or nobody."""

    key_id: str | None
    role: Role | None

    @property
    def label(self) -> str:
        return self.key_id or "anonymous"


ANONYMOUS = Caller(key_id=None, role=None)


def _hash_secret(secret: str) -> str:
    # Secrets are 256 random bits, so a fast hash cannot be brute-forced; no salt is needed.
    return hashlib.sha256(secret.encode()).hexdigest()


def create_key(session: Session, *, name: str, role: Role) -> tuple[ApiKey, str]:
    """Record a new key and return it with the only copy of its token."""
    key_id = new_id("key")
    secret = secrets.token_urlsafe(32)
    key = ApiKey(
        id=key_id,
        name=name,
        role=role.value,
        secret_hash=_hash_secret(secret),
        created_at=datetime.now(UTC),
    )
    session.add(key)
    session.flush()
    return key, f"{KEY_PREFIX}.{key_id}.{secret}"


def list_keys(session: Session) -> list[ApiKey]:
    """Every key, oldest first."""
    return list(session.exec(select(ApiKey).order_by(col(ApiKey.id))))


def revoke_key(session: Session, *, key_id: str) -> ApiKey:
    """Revoke a key for good; revoking twice keeps the first date."""
    key = session.get(ApiKey, key_id)
    if key is None:
        raise NotFound(f"No API key with id {key_id!r}.")
    if key.revoked_at is None:
        key.revoked_at = datetime.now(UTC)
        session.add(key)
        session.flush()
    return key


StoredKey = tuple[str, str, object]
"""What a key check reads of a key: its secret's hash, its role and when it was revoked (None if never)."""
KEY_SQL = "SELECT secret_hash, role, revoked_at FROM api_key WHERE id = {}"
"""That read, for a driver connection: format it with the driver's parameter marker."""


def key_id_of(token: str) -> str:
    """The id of the key a bearer token names, or Unauthenticated if it is not a token of ours."""
    parts = token.split(".")
    if len(parts) != 3 or parts[0] != KEY_PREFIX:
        raise Unauthenticated("The API key is malformed.")
    return parts[1]


def caller_of_key(token: str, stored: StoredKey | None) -> Caller:
    """The caller a bearer token names, given what is stored of its key (None: no such key), or Unauthenticated."""
    _, key_id, secret = token.split(".")
    expected = stored[0] if stored is not None else "0" * 64
    matches = hmac.compare_digest(expected, _hash_secret(secret))
    if stored is None or not matches:
        raise Unauthenticated("The API key is not valid.")
    if stored[2] is not None:
        raise Unauthenticated("The API key has been revoked.")
    return Caller(key_id=key_id, role=Role(stored[1]))


def verify_token(token: str, look_up: Callable[[str], StoredKey | None]) -> Caller:
    """The caller a bearer token names, or Unauthenticated; `look_up` reads the key of an id."""
    return caller_of_key(token, look_up(key_id_of(token)))
