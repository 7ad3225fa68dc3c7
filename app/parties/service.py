"""Rules for parties: every name a party goes by, in any language and any case, is its alone."""

from collections.abc import Iterable
from datetime import UTC, datetime

from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col, select

from app.core.db import count_of
from app.core.errors import AlreadyRecorded, Conflict, InvalidInput, NotFound
from app.core.ids import new_id
from app.core.languages import DEFAULT_LANGUAGE, in_language
from app.models.party import Party, PartyNameKey
from app.parties.countries import alpha_3, country_names, names_of_country
from app.parties.models import PartyCreate, PartyKind, PartyPublic


def name_key(name: str) -> str:
    """The form of a name used to find duplicates: case-insensitive in every script, and space-insensitive."""
    return " ".join(name.casefold().split())


def is_the_country(*, english_name: str, kind: str, country_code: str | None) -> bool:
    """Whether a party is the country of its code, and so goes by the country's names in every language."""
    # A state is its country; an organisation based there (an ombudsperson's office) is not, unless so named.
    if country_code is None:
        return False
    return kind == PartyKind.state.value or name_key(english_name) in {
        name_key(n) for n in names_of_country(country_code)
    }


def party_names(party: Party) -> dict[str, str]:
    """A party's name in every language known: as recorded, else, for a country, from ISO 3166-1's translations."""
    derived = (
        country_names(party.country_code)
        if is_the_country(english_name=party.name, kind=party.kind, country_code=party.country_code)
        else {}
    )
    return {**derived, **party.names, DEFAULT_LANGUAGE: party.name}


def party_public(party: Party, *, language: str) -> PartyPublic:
    """A recorded party as shown in a language, with every language's names and its country's codes."""
    names = party_names(party)
    return PartyPublic(
        id=party.id,
        name=in_language(names, language, fallback=party.name),
        names=names,
        aliases=list(party.aliases),
        kind=PartyKind(party.kind),
        country_code=party.country_code,
        country_code_alpha3=alpha_3(party.country_code),
        created_at=party.created_at,
    )


def _labels(party_in: PartyCreate) -> dict[str, str]:
    """Every distinct name the new party goes by, by key; two aliases (or an alias and a name) alike are refused."""
    labels: dict[str, str] = {}
    for name in party_in.names.values():
        labels.setdefault(name_key(name), name)
    for position, alias in enumerate(party_in.aliases):
        key = name_key(alias)
        if key in labels:
            message = f"alias {alias!r} is already one of the party's names or aliases"
            raise InvalidInput(
                f"The {message}.",
                errors=[{"location": ["body", "aliases", position], "message": message, "type": "duplicate_alias"}],
            )
        labels[key] = alias
    if is_the_country(english_name=party_in.english_name, kind=party_in.kind.value, country_code=party_in.country_code):
        # The country's own names, as others may spell it, are the party's too.
        for name in (*names_of_country(party_in.country_code), *country_names(party_in.country_code).values()):
            labels.setdefault(name_key(name), name)
    return labels


def _refuse_taken(session: Session, *, labels: dict[str, str]) -> None:
    taken = session.exec(
        select(PartyNameKey).where(col(PartyNameKey.name_key).in_(list(labels))).order_by(col(PartyNameKey.name_key))
    ).first()
    if taken is not None:
        raise AlreadyRecorded(
            f"{labels[taken.name_key]!r} is already a name of party {taken.party_id!r} ({taken.name!r}); "
            "nothing was recorded.",
            existing_id=taken.party_id,
            existing=f"/api/v1/parties/{taken.party_id}",
        )


def create_party(session: Session, *, party_in: PartyCreate) -> Party:
    """Record a party; a name or alias that is already any party's, in any language or case, is AlreadyRecorded."""
    labels = _labels(party_in)
    _refuse_taken(session, labels=labels)
    english = party_in.english_name
    party = Party(
        id=new_id("pty"),
        name=english,
        name_key=name_key(english),
        kind=party_in.kind.value,
        country_code=party_in.country_code,
        created_at=datetime.now(UTC),
        names=dict(party_in.names),
        aliases=list(party_in.aliases),
    )
    session.add(party)
    session.flush()  # the keys refer to it
    session.add_all(PartyNameKey(name_key=key, party_id=party.id, name=name) for key, name in labels.items())
    try:
        session.flush()
    except IntegrityError as exc:  # a concurrent request took one of the names first; a retry names that party
        raise Conflict(
            f"Another party was recorded meanwhile under one of the names of {english!r}; nothing was recorded."
        ) from exc
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
