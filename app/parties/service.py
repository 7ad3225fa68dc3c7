"""Rules for parties: names are unique whatever their case."""

from collections.abc import Iterable
from datetime import UTC, datetime

from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col, select

from app.core.db import count_of
from app.core.errors import Conflict, NotFound
from app.core.ids import new_id
from app.models.party import Party
from app.parties.models import PartyCreate


def name_key(name: str) -> str:
    """The form of a name used to find duplicates: case- and space-insensitive."""
    return " ".join(name.casefold().split())


def create_party(session: Session, *, party_in: PartyCreate) -> Party:
    """Record a party; a name already taken (in any case) is a Conflict."""
    key = name_key(party_in.name)
    if session.exec(select(Party.id).where(Party.name_key == key)).first() is not None:
        raise Conflict(f"A party named {party_in.name!r} already exists.")
    party = Party(
        id=new_id("pty"),
        name=party_in.name,
        name_key=key,
        kind=party_in.kind.value,
        country_code=party_in.country_code,
        created_at=datetime.now(UTC),
    )
    session.add(party)
    try:
        session.flush()
    except IntegrityError as exc:  # a concurrent request took the name first
        raise Conflict(f"A party named {party_in.name!r} already exists.") from exc
    return party


def get_party(session: Session, *, party_id: str) -> Party:
    """One party, or NotFound."""
    party = session.get(Party, party_id)
    if party is None:
        raise NotFound(f"No party with id {party_id!r}.")
    return party


def list_parties(session: Session, *, after: str | None, limit: int) -> list[Party]:
    """A page of parties in the order they were recorded."""
    query = select(Party).order_by(col(Party.id)).limit(limit + 1)
    if after is not None:
        query = query.where(col(Party.id) > after)
    return list(session.exec(query))


def count_parties(session: Session) -> int:
    """How many parties are recorded."""
    return count_of(session, select(Party))


def get_parties(session: Session, *, party_ids: Iterable[str]) -> dict[str, Party]:
    """The parties with these ids, by id; missing ids are simply absent."""
    ids = set(party_ids)
    if not ids:
        return {}
    return {p.id: p for p in session.exec(select(Party).where(col(Party.id).in_(ids)))}
