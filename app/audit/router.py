"""HTTP for the audit log."""

from typing import Annotated

from fastapi import APIRouter, Query, Request

from app.audit import service
from app.audit.models import (
    AuditEntryPublic,
    AuditPage,
    ChainHead,
    ChainVerification,
    ConsistencyProof,
    InclusionProof,
    LogKey,
    SignedTreeHead,
)
from app.audit.service import log_key
from app.core.db import SessionDep
from app.core.errors import READ_MANY, READ_ONE, problems
from app.core.pagination import LimitQuery
from app.core.signing import SignerDep
from app.keys.access import AdminDep, ReaderDep

router = APIRouter(prefix="/api/v1/audit", tags=["audit"])
MAX_SEQ = 10**18 - 1  # every sequence number the column holds


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


log_router = APIRouter(prefix="/api/v1/log", tags=["log"])


@log_router.get("/head", response_model=SignedTreeHead, responses=READ_MANY | problems(503))
def get_log_head(session: SessionDep, _: ReaderDep, signer: SignerDep) -> SignedTreeHead:
    """The Merkle tree over every audit entry: its size and root hash, signed now with the service's key."""
    return service.signed_tree_head(session, signer=signer)


@log_router.get("/key", response_model=LogKey, responses=READ_MANY | problems(503))
def get_log_key(request: Request, _: ReaderDep, signer: SignerDep) -> LogKey:
    """The public key that checks tree heads and signed answers, and the keys retired by rotations."""
    return log_key(signer, retired=request.app.state.settings.log_retired_public_keys)


@log_router.get("/proofs/inclusion", response_model=InclusionProof, responses=READ_ONE | problems(422))
def get_inclusion_proof(
    session: SessionDep,
    _: ReaderDep,
    entry: Annotated[int, Query(ge=1, le=MAX_SEQ)],
    tree_size: Annotated[int | None, Query(ge=1, le=MAX_SEQ)] = None,
) -> InclusionProof:
    """The audit path proving an entry is in the tree of a size (the whole log's by default), per RFC 9162."""
    return service.inclusion_proof(session, entry=entry, tree_size=tree_size)


@log_router.get("/proofs/consistency", response_model=ConsistencyProof, responses=READ_ONE | problems(422))
def get_consistency_proof(
    session: SessionDep,
    _: ReaderDep,
    from_size: Annotated[int, Query(alias="from", ge=1, le=MAX_SEQ)],
    to_size: Annotated[int | None, Query(alias="to", ge=1, le=MAX_SEQ)] = None,
) -> ConsistencyProof:
    """The nodes proving the tree of size `to` (the whole log's by default) extends the tree of size `from`."""
    return service.consistency_proof(session, from_size=from_size, to_size=to_size)
