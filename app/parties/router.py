"""HTTP for parties."""

from fastapi import APIRouter, Response, status

from app.core.db import SessionDep, WriteSessionDep
from app.core.errors import READ_MANY, READ_ONE, WRITE, problems
from app.core.http import IfNoneMatch, etag_matches
from app.core.languages import LanguageDep
from app.core.pagination import CursorQuery, LimitQuery, WithTotalQuery, decode_cursor, encode_cursor
from app.keys.access import EditorDep, ReaderDep
from app.parties import service
from app.parties.models import PartyCreate, PartyPage, PartyPublic

router = APIRouter(prefix="/api/v1/parties", tags=["parties"])


@router.post(
    "",
    status_code=status.HTTP_201_CREATED,
    response_model=PartyPublic,
    responses=WRITE | problems(409),
)
def create_party(
    party_in: PartyCreate, _: EditorDep, session: WriteSessionDep, language: LanguageDep, response: Response
) -> PartyPublic:
    """Record a party (editor); a name or alias already another party's, in any language, is a 409 naming it."""
    party = service.create_party(session, party_in=party_in)
    response.headers["Location"] = f"/api/v1/parties/{party.id}"
    return service.party_public(party, language=language.tag)


@router.get("", response_model=PartyPage, responses=READ_MANY)
def list_parties(
    session: SessionDep,
    _: ReaderDep,
    language: LanguageDep,
    limit: LimitQuery = 50,
    cursor: CursorQuery = None,
    with_total: WithTotalQuery = False,
) -> PartyPage:
    """List parties in the order they were recorded."""
    parties = service.list_parties(session, after=decode_cursor(cursor), limit=limit)
    page = parties[:limit]
    return PartyPage(
        items=[service.party_public(p, language=language.tag) for p in page],
        next_cursor=encode_cursor(page[-1].id) if len(parties) > limit else None,
        total=service.count_parties(session) if with_total else None,
    )


@router.get("/{party_id}", response_model=PartyPublic, responses=READ_ONE | {304: {"description": "Not modified"}})
def get_party(
    party_id: str,
    session: SessionDep,
    _: ReaderDep,
    language: LanguageDep,
    response: Response,
    if_none_match: IfNoneMatch = None,
) -> PartyPublic | Response:
    """One party, named in the language asked."""
    party = service.get_party(session, party_id=party_id)
    # A party never changes once recorded, so its id and the language are a sufficient validator.
    etag = f'"{party.id}.{language.tag}"'
    if etag_matches(if_none_match, etag):
        return Response(status_code=304, headers={"ETag": etag, **language.headers()})
    response.headers["ETag"] = etag
    return service.party_public(party, language=language.tag)
