"""HTTP for the audit log."""

from typing import Annotated

from fastapi import APIRouter, Query

from app.audit import service
from app.audit.models import AuditEntryPublic, AuditPage, ChainHead, ChainVerification
from app.core.db import SessionDep
from app.core.errors import READ_MANY, problems
from app.core.pagination import LimitQuery
from app.keys.access import AdminDep, ReaderDep

router = APIRouter(prefix="/api/v1/audit", tags=["audit"])


@router.get("", response_model=AuditPage, responses=READ_MANY | problems(403))
def list_audit_entries(
    session: SessionDep,
    _: AdminDep,
    limit: LimitQuery = 50,
    cursor: Annotated[
        # At most 18 digits: every sequence number a page can resume after, none past what the column holds.
        str | None,
        Query(pattern=r"^[0-9]{1,18}$"),
    ] = None,
    entity_type: Annotated[str | None, Query(max_length=60)] = None,
    entity_id: Annotated[str | None, Query(max_length=200)] = None,
    actor_key_id: Annotated[str | None, Query(max_length=40)] = None,
) -> AuditPage:
    """Every write, oldest first, with who, when and the values before and after (admin)."""
    after = int(cursor) if cursor is not None else None
    entries = service.list_entries(
        session, after=after, limit=limit, entity_type=entity_type, entity_id=entity_id, actor_key_id=actor_key_id
    )
    page = entries[:limit]
    return AuditPage(
        items=[AuditEntryPublic.model_validate(e, from_attributes=True) for e in page],
        next_cursor=str(page[-1].seq) if len(entries) > limit else None,
    )


@router.get("/head", response_model=ChainHead, responses=READ_MANY)
def get_audit_head(session: SessionDep, _: ReaderDep) -> ChainHead:
    """The latest entry's sequence number and hash: publish it so anyone can later check the log was not rewritten."""
    return service.chain_head(session)


@router.get("/verification", response_model=ChainVerification, responses=READ_MANY | problems(403))
def verify_audit_chain(session: SessionDep, _: AdminDep) -> ChainVerification:
    """Recompute the whole chain and name the first entry that breaks it (admin)."""
    return service.verify_chain(session)
