"""HTTP for fulfilment updates."""

import hashlib
from typing import Annotated

from fastapi import APIRouter, Query, Request, Response, status

from app.core.db import SessionDep, WriteSessionDep
from app.core.errors import READ_MANY, READ_ONE, WRITE, problems
from app.core.http import IdempotencyKey, IfNoneMatch, etag_matches
from app.core.inputs import Moment
from app.core.pagination import CursorQuery, LimitQuery, WithTotalQuery, decode_cursor, encode_cursor
from app.core.signing import SignedQuery, signed
from app.core.writer import WriterDep, queued_write
from app.keys.access import MonitorDep, ReaderDep
from app.models.values import ReviewState
from app.status.policy import PolicyDep
from app.updates import service
from app.updates.models import CorrectionCreate, UpdateCreate, UpdatePage, UpdatePublic

router = APIRouter(tags=["updates"])
ChangedSinceQuery = Moment | None


@router.post(
    "/api/v1/agreements/{agreement_id}/updates",
    status_code=status.HTTP_201_CREATED,
    response_model=UpdatePublic,
    responses=WRITE | problems(409),
)
@queued_write
async def create_update(
    agreement_id: str,
    update_in: UpdateCreate,
    caller: MonitorDep,
    policy: PolicyDep,
    writer: WriterDep,
    idempotency_key: IdempotencyKey = None,
) -> Response:
    """Record a handover (monitor); a retry with the same Idempotency-Key returns the first answer."""
    recorded = await service.submit_update(
        writer,
        agreement_id=agreement_id,
        update_in=update_in,
        caller=caller,
        idempotency_key=idempotency_key,
        policy=policy,
    )
    return created_response(recorded)


def created_response(recorded: service.Recorded) -> Response:
    """The answer to a recorded update (201, or the first answer again for a replayed Idempotency-Key)."""
    headers = {"Location": f"/api/v1/updates/{recorded.update.id}"}
    if recorded.replayed:
        headers["Idempotent-Replayed"] = "true"
    return Response(
        recorded.update.model_dump_json().encode(),
        status_code=status.HTTP_201_CREATED,
        media_type="application/json",
        headers=headers,
    )


@router.post(
    "/api/v1/updates/{update_id}/corrections",
    status_code=status.HTTP_201_CREATED,
    response_model=UpdatePublic,
    responses=WRITE | problems(409),
)
def create_correction(
    update_id: str,
    correction_in: CorrectionCreate,
    caller: MonitorDep,
    session: WriteSessionDep,
    policy: PolicyDep,
    response: Response,
    idempotency_key: IdempotencyKey = None,
) -> UpdatePublic:
    """Record corrected figures that supersede an update (monitor); the old one stays readable."""
    recorded = service.correct_update(
        session,
        update_id=update_id,
        correction_in=correction_in,
        caller=caller,
        idempotency_key=idempotency_key,
        policy=policy,
    )
    response.headers["Location"] = f"/api/v1/updates/{recorded.update.id}"
    if recorded.replayed:
        response.headers["Idempotent-Replayed"] = "true"
    return recorded.update


@router.get("/api/v1/agreements/{agreement_id}/updates", response_model=UpdatePage, responses=READ_ONE)
def list_updates(
    agreement_id: str,
    session: SessionDep,
    _: ReaderDep,
    limit: LimitQuery = 50,
    cursor: CursorQuery = None,
    review_state: ReviewState | None = None,
    changed_since: ChangedSinceQuery = None,
    with_total: WithTotalQuery = False,
) -> UpdatePage:
    """An agreement's updates in the order they were recorded."""
    updates, more = service.list_updates(
        session,
        agreement_id=agreement_id,
        review_state=review_state,
        changed_since=changed_since,
        after=decode_cursor(cursor),
        limit=limit,
    )
    total = (
        service.count_updates(
            session, agreement_id=agreement_id, review_state=review_state, changed_since=changed_since
        )
        if with_total
        else None
    )
    return UpdatePage(items=updates, next_cursor=encode_cursor(updates[-1].id) if more else None, total=total)


@router.get("/api/v1/updates", response_model=UpdatePage, responses=READ_MANY | problems(404))
def list_all_updates(
    session: SessionDep,
    _: ReaderDep,
    limit: LimitQuery = 50,
    cursor: CursorQuery = None,
    review_state: ReviewState | None = None,
    agreement_id: Annotated[str | None, Query(max_length=40)] = None,
    handover_id: Annotated[str | None, Query(max_length=40)] = None,
    changed_since: ChangedSinceQuery = None,
    with_total: WithTotalQuery = False,
) -> UpdatePage:
    """Updates across agreements, oldest first: with review_state=reported, the review queue."""
    updates, more = service.list_updates(
        session,
        agreement_id=agreement_id,
        review_state=review_state,
        handover_id=handover_id,
        changed_since=changed_since,
        after=decode_cursor(cursor),
        limit=limit,
    )
    total = (
        service.count_updates(
            session,
            agreement_id=agreement_id,
            review_state=review_state,
            handover_id=handover_id,
            changed_since=changed_since,
        )
        if with_total
        else None
    )
    return UpdatePage(items=updates, next_cursor=encode_cursor(updates[-1].id) if more else None, total=total)


@router.get(
    "/api/v1/updates/{update_id}",
    response_model=UpdatePublic,
    responses=READ_ONE | {304: {"description": "Not modified"}},
)
def get_update(
    update_id: str,
    session: SessionDep,
    _: ReaderDep,
    request: Request,
    if_none_match: IfNoneMatch = None,
    signed_answer: SignedQuery = False,
) -> Response:
    """One update with its lines, source and who posted it."""
    update = service.get_update(session, update_id=update_id)
    # Figures never change; review state and supersession do, so they are part of the validator.
    version = f"{update.id}|{update.review_state}|{update.reviewed_at}|{update.superseded_by}"
    etag = '"' + hashlib.sha256(version.encode()).hexdigest()[:20] + '"'
    if etag_matches(if_none_match, etag):
        return Response(status_code=304, headers={"ETag": etag})
    answer = Response(update.model_dump_json().encode(), media_type="application/json", headers={"ETag": etag})
    return signed(request, answer) if signed_answer else answer
