"""HTTP for announced running totals."""

from fastapi import APIRouter, status

from app.announcements import service
from app.announcements.models import AnnouncedTotalCreate, AnnouncedTotalPage, AnnouncedTotalPublic
from app.core.db import SessionDep, WriteSessionDep
from app.core.errors import READ_ONE, WRITE
from app.core.inputs import Moment
from app.core.pagination import CursorQuery, LimitQuery, WithTotalQuery, decode_cursor, encode_cursor
from app.keys.access import MonitorDep, ReaderDep
from app.status.policy import PolicyDep

router = APIRouter(prefix="/api/v1/agreements/{agreement_id}/announced-totals", tags=["announced totals"])


@router.post("", status_code=status.HTTP_201_CREATED, response_model=AnnouncedTotalPublic, responses=WRITE)
def create_announced_total(
    agreement_id: str,
    announcement_in: AnnouncedTotalCreate,
    caller: MonitorDep,
    session: WriteSessionDep,
    policy: PolicyDep,
) -> AnnouncedTotalPublic:
    """Record a running total a source announced ("6,060 handed over so far"), beside the stages, never added."""
    return service.record_announcement(
        session, agreement_id=agreement_id, announcement_in=announcement_in, caller=caller, policy=policy
    )


@router.get("", response_model=AnnouncedTotalPage, responses=READ_ONE)
def list_announced_totals(
    agreement_id: str,
    session: SessionDep,
    _: ReaderDep,
    limit: LimitQuery = 50,
    cursor: CursorQuery = None,
    changed_since: Moment | None = None,
    with_total: WithTotalQuery = False,
) -> AnnouncedTotalPage:
    """An agreement's announced running totals."""
    items, more = service.list_announcements(
        session, agreement_id=agreement_id, after=decode_cursor(cursor), limit=limit, changed_since=changed_since
    )
    total = (
        service.count_announcements(session, agreement_id=agreement_id, changed_since=changed_since)
        if with_total
        else None
    )
    return AnnouncedTotalPage(items=items, next_cursor=encode_cursor(items[-1].id) if more else None, total=total)
