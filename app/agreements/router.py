"""HTTP for agreements and their commitments."""

from datetime import date
from typing import Annotated

from fastapi import APIRouter, Query, Request, Response, status

from app.agreements import service
from app.agreements.dependencies import AgreementFilterDep
from app.agreements.models import (
    AgreementCreate,
    AgreementPage,
    AgreementPublic,
    AgreementUpdate,
    CommitmentCreate,
    CommitmentPublic,
    CompletionCreate,
    FacetName,
    ReopeningCreate,
)
from app.core.caching import read_cache_headers
from app.core.db import SessionDep, WriteSessionDep
from app.core.errors import READ_MANY, READ_ONE, WRITE, problems
from app.core.http import IfMatch, IfNoneMatch, WriteIfNoneMatch, etag_matches
from app.core.languages import DEFAULT_LANGUAGE, Language, LanguageDep
from app.core.pagination import CursorQuery, LimitQuery, WithTotalQuery, decode_cursor, encode_cursor
from app.keys.access import EditorDep, ReaderDep
from app.status.policy import PolicyDep, StatusPolicy

_FACET = "|".join(FacetName)
FACETS_PATTERN = f"^({_FACET})(,({_FACET}))*$"

router = APIRouter(prefix="/api/v1/agreements", tags=["agreements"])


def _etag(agreement: AgreementPublic, policy: StatusPolicy, language: Language) -> str:
    # The state shown depends on the day and the policy, the names on the language: all are part of the validator.
    suffix = "" if language.tag == DEFAULT_LANGUAGE else f".{language.tag}"
    return f'"r{agreement.revision}.{date.today():%Y%m%d}.{policy.tag}{suffix}"'


@router.post("", status_code=status.HTTP_201_CREATED, response_model=AgreementPublic, responses=WRITE)
def create_agreement(
    agreement_in: AgreementCreate,
    caller: EditorDep,
    session: WriteSessionDep,
    policy: PolicyDep,
    language: LanguageDep,
    response: Response,
) -> AgreementPublic:
    """Record a whole agreement with its commitments in one call (editor)."""
    agreement = service.create_agreement(session, agreement_in=agreement_in, caller=caller, policy=policy)
    public = service.to_public(session, [agreement], policy=policy, committed=False, language=language.tag)[0]
    response.headers["Location"] = f"/api/v1/agreements/{agreement.id}"
    response.headers["ETag"] = _etag(public, policy, language)
    return public


@router.get("", response_model=AgreementPage, responses=READ_MANY)
def list_agreements(
    session: SessionDep,
    _: ReaderDep,
    policy: PolicyDep,
    language: LanguageDep,
    request: Request,
    response: Response,
    filters: AgreementFilterDep,
    limit: LimitQuery = 50,
    cursor: CursorQuery = None,
    with_total: WithTotalQuery = False,
    facets: Annotated[
        list[str] | None,
        Query(
            max_length=len(FacetName),
            # Each value names facets, several with commas: declared so, as the route reads it.
            json_schema_extra={"items": {"type": "string", "pattern": FACETS_PATTERN}},
        ),
    ] = None,
) -> AgreementPage:
    """List agreements, filtered, a page at a time; with counts by state, category and party if asked."""
    names = service.facet_names(facets or [])
    agreements = service.list_agreements(
        session, after=decode_cursor(cursor), limit=limit, filters=filters, policy=policy
    )
    page = agreements[:limit]
    response.headers.update(read_cache_headers(request))
    return AgreementPage(
        items=service.to_public(session, page, policy=policy, committed=True, language=language.tag),
        next_cursor=encode_cursor(page[-1].id) if len(agreements) > limit else None,
        total=service.count_agreements(session, filters=filters, policy=policy) if with_total else None,
        facets=service.count_facets(session, filters=filters, names=names, policy=policy) if names else None,
    )


@router.get(
    "/{agreement_id}",
    response_model=AgreementPublic,
    responses=READ_ONE | {304: {"description": "Not modified"}},
)
def get_agreement(
    agreement_id: str,
    session: SessionDep,
    _: ReaderDep,
    policy: PolicyDep,
    language: LanguageDep,
    request: Request,
    response: Response,
    if_none_match: IfNoneMatch = None,
) -> AgreementPublic | Response:
    """One agreement with its parties, sources, commitments and state."""
    agreement = service.get_agreement(session, agreement_id=agreement_id)
    public = service.to_public(session, [agreement], policy=policy, committed=True, language=language.tag)[0]
    headers = {"ETag": _etag(public, policy, language), **language.headers(), **read_cache_headers(request)}
    if etag_matches(if_none_match, headers["ETag"]):
        return Response(status_code=304, headers=headers)
    response.headers.update(headers)
    return public


@router.patch(
    "/{agreement_id}",
    response_model=AgreementPublic,
    responses=WRITE | problems(412),
)
def update_agreement(
    agreement_id: str,
    changes: AgreementUpdate,
    _: EditorDep,
    session: WriteSessionDep,
    policy: PolicyDep,
    language: LanguageDep,
    response: Response,
    if_match: IfMatch = None,
    if_none_match: WriteIfNoneMatch = None,
) -> AgreementPublic:
    """Change an agreement's description (editor); send If-Match to refuse a lost update."""
    agreement = service.update_agreement(
        session,
        agreement_id=agreement_id,
        changes=changes,
        if_match=if_match,
        if_none_match=if_none_match,
        policy=policy,
    )
    public = service.to_public(session, [agreement], policy=policy, committed=False, language=language.tag)[0]
    response.headers["ETag"] = _etag(public, policy, language)
    return public


@router.post(
    "/{agreement_id}/commitments",
    status_code=status.HTTP_201_CREATED,
    response_model=CommitmentPublic,
    responses=WRITE,
)
def create_commitment(
    agreement_id: str, commitment_in: CommitmentCreate, _: EditorDep, session: WriteSessionDep, policy: PolicyDep
) -> CommitmentPublic:
    """Add a term to an agreement (editor)."""
    commitment = service.add_commitment(session, agreement_id=agreement_id, commitment_in=commitment_in, policy=policy)
    return service.get_commitment_public(session, commitment=commitment)


commitments_router = APIRouter(prefix="/api/v1/commitments/{commitment_id}", tags=["agreements"])


@commitments_router.post(
    "/completion", status_code=status.HTTP_201_CREATED, response_model=CommitmentPublic, responses=WRITE | problems(409)
)
def declare_commitment_complete(
    commitment_id: str,
    completion_in: CompletionCreate,
    caller: EditorDep,
    session: WriteSessionDep,
    policy: PolicyDep,
) -> CommitmentPublic:
    """Declare an all-for-all term complete, with its source (editor); only then is it fulfilled."""
    commitment = service.declare_complete(
        session, commitment_id=commitment_id, completion_in=completion_in, caller=caller, policy=policy
    )
    return service.get_commitment_public(session, commitment=commitment)


@commitments_router.post(
    "/reopening", status_code=status.HTTP_201_CREATED, response_model=CommitmentPublic, responses=WRITE | problems(409)
)
def reopen_commitment(
    commitment_id: str,
    reopening_in: ReopeningCreate,
    caller: EditorDep,
    session: WriteSessionDep,
    policy: PolicyDep,
) -> CommitmentPublic:
    """Withdraw a declaration of completion, with a reason (editor)."""
    commitment = service.reopen(
        session, commitment_id=commitment_id, reopening_in=reopening_in, caller=caller, policy=policy
    )
    return service.get_commitment_public(session, commitment=commitment)
