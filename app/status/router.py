"""HTTP for status: the hot read path, served from the ready document without the ORM."""

from datetime import date

from fastapi import APIRouter, Request, Response
from starlette.concurrency import run_in_threadpool

from app.core.caching import read_cache_headers
from app.core.db import Database, SessionDep
from app.core.errors import BUSY, READ_ONE, NotFound, problems
from app.core.http import IfNoneMatch, etag_matches
from app.core.inputs import Day
from app.core.languages import DEFAULT_LANGUAGE, Language, LanguageDep
from app.core.limits import ExpensiveRead, read_bulkhead
from app.core.signing import SignedQuery, signed
from app.keys.access import ReaderDep
from app.status import past
from app.status.names import in_language_of
from app.status.policy import get_policy
from app.status.reader import StatusSource, in_language_etag, status_headers
from app.status.schemas import AgreementStatus, Timeline

router = APIRouter(tags=["status"])


def _status_as_of(request: Request, agreement_id: str, as_of: date, language: Language) -> bytes:
    database: Database = request.app.state.database
    with database.session() as session:
        document = past.status_as_of(session, agreement_id=agreement_id, as_of=as_of, policy=get_policy(request))
        return in_language_of(session, content=document.model_dump_json().encode(), language=language.tag)


def _in_language(request: Request, content: bytes, language: Language) -> bytes:
    database: Database = request.app.state.database
    with database.session() as session:
        return in_language_of(session, content=content, language=language.tag)


@router.get(
    "/api/v1/agreements/{agreement_id}/status",
    response_model=AgreementStatus,
    responses=READ_ONE | BUSY | problems(503) | {304: {"description": "Not modified"}},
)
async def get_agreement_status(
    agreement_id: str,
    request: Request,
    _: ReaderDep,
    language: LanguageDep,
    if_none_match: IfNoneMatch = None,
    as_of: Day | None = None,
    signed_answer: SignedQuery = False,
) -> Response:
    """How far each commitment has come, for each receiving party, today or on a past day; names in the language
    asked."""
    caching = {**language.headers(), **read_cache_headers(request)}
    if as_of is not None:
        # A dated status is summed afresh from every handover: an expensive read, unlike today's.
        async with read_bulkhead(request).admit():
            content = await run_in_threadpool(_status_as_of, request, agreement_id, as_of, language)
        # Cached no longer than today's: a past day's figures move with corrections, reviews and late reports.
        answer = Response(content, media_type="application/json", headers=caching)
        return signed(request, answer) if signed_answer else answer
    source: StatusSource = request.app.state.status_source
    rendered = source.read(agreement_id=agreement_id, today=date.today())
    if rendered is None:
        raise NotFound(f"No agreement with id {agreement_id!r}.")
    etag = in_language_etag(rendered.etag, language.tag)
    headers = status_headers(etag, caching=caching)
    if etag_matches(if_none_match, etag):
        return Response(status_code=304, headers=headers)
    content = rendered.content
    if language.tag != DEFAULT_LANGUAGE:
        content = await run_in_threadpool(_in_language, request, content, language)
    answer = Response(content, media_type="application/json", headers=headers)
    return signed(request, answer) if signed_answer else answer


@router.get(
    "/api/v1/agreements/{agreement_id}/timeline",
    response_model=Timeline,
    responses=READ_ONE | BUSY,
    dependencies=[ExpensiveRead],
)
def get_agreement_timeline(agreement_id: str, session: SessionDep, _: ReaderDep) -> Timeline:
    """Cumulative received per term and party by date, reported and verified, with announced running totals."""
    return Timeline.model_validate(past.timeline(session, agreement_id=agreement_id))
