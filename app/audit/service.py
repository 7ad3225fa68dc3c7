"""The audit chain: every write appended in its own transaction, each entry hashed with the one before."""

import base64
import hashlib
from collections.abc import Iterator, Sequence
from datetime import UTC, date, datetime
from typing import Any

import orjson
from sqlalchemy import event, func, insert, inspect, update
from sqlalchemy.orm import Session as OrmSession
from sqlalchemy.orm import SessionTransaction, UOWTransaction
from sqlmodel import Session, col, select

from app.audit import tree
from app.audit.merkle import consistency_ranges, inclusion_ranges, tree_head_message
from app.audit.models import (
    GENESIS_HASH,
    AuditEntry,
    AuditHead,
    ChainHead,
    ChainVerification,
    ConsistencyProof,
    InclusionProof,
    LogKey,
    PublicKey,
    SignedTreeHead,
)
from app.core.db import AUDIT_ACTOR, insert_now, read_one_snapshot, table_of
from app.core.errors import InvalidInput, NotFound
from app.core.signing import Signer, key_id, load_public_key, public_pem
from app.keys.service import Caller

# Derived or operational tables: rebuilt from the audited ones, so not audited themselves.
NOT_AUDITED = {
    "running_total",
    "status_snapshot",
    "handover_figure",
    "idempotency_record",
    "audit_entry",
    "audit_head",
    # Derived from each party's names, aliases and country when it is recorded.
    "party_name_key",
    # The webhook outbox and its delivery bookkeeping: the events derive from audited writes.
    "webhook_event",
    "webhook_delivery",
    "webhook_attempt",
}
# Columns the service derives on every write; a change to them alone is not a write of anyone's.
DERIVED_COLUMNS = {
    "agreement": {
        "revision",
        "progress_state",
        "last_update_on",
        "open_due_on",
        "verified_progress_state",
        "verified_open_due_on",
        "updated_at",
        "changed_at",
    },
    "fulfilment_update": {"changed_at"},
}
SECRET_COLUMNS = {"secret_hash", "secret"}
PENDING = "audit_pending"
MARKS = "audit_savepoint_marks"


def _json_value(value: Any) -> Any:
    if isinstance(value, datetime | date):
        return value.isoformat()
    return value


_AUDITED_KEYS: dict[str, tuple[str, ...]] = {}


def _audited_keys(table: Any) -> tuple[str, ...]:
    keys = _AUDITED_KEYS.get(table.name)
    if keys is None:
        left_out = SECRET_COLUMNS | DERIVED_COLUMNS.get(table.name, set())
        keys = _AUDITED_KEYS[table.name] = tuple(c.key for c in table.columns if c.key not in left_out)
    return keys


def _columns(obj: Any) -> dict[str, Any]:
    return {key: _json_value(getattr(obj, key)) for key in _audited_keys(obj.__table__)}


def _entity_id(obj: Any) -> str:
    identity = inspect(obj).identity
    if identity:
        return "/".join(str(part) for part in identity)
    return "?"


def _changes(obj: Any) -> tuple[dict[str, Any], dict[str, Any]] | None:
    state = inspect(obj)
    derived = DERIVED_COLUMNS.get(obj.__table__.name, set())
    before: dict[str, Any] = {}
    after: dict[str, Any] = {}
    for attribute in state.mapper.column_attrs:
        key = attribute.key
        if key in derived or key in SECRET_COLUMNS:
            continue
        history = state.attrs[key].history
        if history.has_changes():
            before[key] = _json_value(history.deleted[0]) if history.deleted else None
            after[key] = _json_value(history.added[0]) if history.added else None
    changed = {k for k in after if before.get(k) != after.get(k)}
    if not changed:
        return None
    return {k: before[k] for k in changed}, {k: after[k] for k in changed}


def _audited(obj: Any) -> bool:
    table = getattr(obj, "__table__", None)
    return table is not None and table.name not in NOT_AUDITED


def _collect(session: OrmSession, _context: UOWTransaction) -> None:
    pending: list[dict[str, Any]] = session.info.setdefault(PENDING, [])
    # Named now: one transaction may carry the writes of several callers (a group commit).
    actor = _actor(session)
    for obj in session.new:
        if _audited(obj):
            pending.append({"action": "create", "obj": obj, "before": None, "after": _columns(obj), "actor": actor})
    for obj in session.dirty:
        if _audited(obj) and session.is_modified(obj):
            changes = _changes(obj)
            if changes is not None:
                pending.append(
                    {"action": "update", "obj": obj, "before": changes[0], "after": changes[1], "actor": actor}
                )
    for obj in session.deleted:
        if _audited(obj):
            pending.append({"action": "delete", "obj": obj, "before": _columns(obj), "after": None, "actor": actor})


def _actor(session: OrmSession) -> Caller | None:
    # A caller, or a request's state, which holds the caller once the route's key check has run.
    actor = session.info.get(AUDIT_ACTOR)
    if isinstance(actor, Caller):
        return actor
    caller = getattr(actor, "caller", None)
    return caller if isinstance(caller, Caller) else None


def entry_hash(entry: dict[str, Any]) -> str:
    """The SHA-256 of an entry's canonical content, which includes the hash of the entry before it."""
    content = {
        key: entry[key]
        for key in (
            "seq",
            "at",
            "actor_key_id",
            "actor_role",
            "action",
            "entity_type",
            "entity_id",
            "before",
            "after",
            "prev_hash",
        )
    }
    if isinstance(content["at"], datetime):
        content["at"] = content["at"].astimezone(UTC).isoformat()
    return hashlib.sha256(orjson.dumps(content, option=orjson.OPT_SORT_KEYS)).hexdigest()


ENTRIES_INSERT = insert(table_of(AuditEntry))
GENERATION_SQL = "SELECT seq, hash FROM audit_head WHERE id = 1"
"""The ledger's generation: the audit chain's length and last hash, moved by every committed write (no row
before the first); the hash tells apart two ledgers of one length, as after restoring another backup."""


def _head(session: OrmSession) -> AuditHead:
    head = session.execute(select(AuditHead).where(AuditHead.id == 1).with_for_update()).scalars().first()
    if head is None:
        last = session.execute(select(AuditEntry).order_by(col(AuditEntry.seq).desc()).limit(1)).scalars().first()
        head = AuditHead(id=1, seq=last.seq if last else 0, hash=last.hash if last else GENESIS_HASH)
        session.add(head)
        session.flush()
    return head


def _append(session: OrmSession) -> None:
    if session.in_nested_transaction():
        # A savepoint's writes stay pending (forgotten if it rolls back): the chain is appended once, by the
        # outermost commit, for every write of a group commit's batch in the order they were made.
        return
    session.flush()
    pending: list[dict[str, Any]] = session.info.pop(PENDING, [])
    if not pending:
        return
    head = _head(session)
    seq, prev_hash = head.seq, head.hash
    now = datetime.now(UTC)
    rows = []
    for change in pending:
        seq += 1
        actor = change["actor"]
        entry = {
            "seq": seq,
            "at": now,
            "actor_key_id": actor.key_id if actor else None,
            "actor_role": actor.role.value if actor and actor.role else ("system" if actor is None else None),
            "action": change["action"],
            "entity_type": change["entity_type"] if "obj" not in change else change["obj"].__table__.name,
            "entity_id": change["entity_id"] if "obj" not in change else _entity_id(change["obj"]),
            "before": change["before"],
            "after": change["after"],
            "prev_hash": prev_hash,
        }
        entry["hash"] = prev_hash = entry_hash(entry)
        rows.append(entry)
    insert_now(session, ENTRIES_INSERT, rows)
    tree.append(session, size=head.seq, leaves=[tree.entry_leaf(row["hash"]) for row in rows])
    session.execute(update(AuditHead).where(col(AuditHead.id) == 1).values(seq=seq, hash=prev_hash))
    session.expire(head)


def note(session: OrmSession, *, action: str, entity_type: str, entity_id: str, after: dict[str, Any] | None) -> None:
    """Record a write the ORM does not see (a bulk insert), to be chained with the others at commit."""
    session.info.setdefault(PENDING, []).append(
        {
            "action": action,
            "entity_type": entity_type,
            "entity_id": entity_id,
            "before": None,
            "after": after,
            "actor": _actor(session),
        }
    )


def log_entries(session: OrmSession, *, entity_type: str, entity_ids: Sequence[str]) -> dict[str, int]:
    """The audit entry (its sequence number, a leaf of the Merkle log) that recorded each row's creation."""
    if not entity_ids:
        return {}
    rows = session.execute(
        select(AuditEntry.entity_id, func.min(AuditEntry.seq))
        .where(
            col(AuditEntry.entity_type) == entity_type,
            col(AuditEntry.action) == "create",
            col(AuditEntry.entity_id).in_(list(entity_ids)),
        )
        .group_by(col(AuditEntry.entity_id))
    )
    return {entity_id: int(seq) for entity_id, seq in rows}


def writer_of(session: OrmSession) -> Caller | None:
    """Who is writing now in this session, for a note made later (`note_created`'s `actor`)."""
    return _actor(session)


def note_created(session: OrmSession, records: Sequence[Any]) -> None:
    """Record new rows written by plain inserts, as the ORM's own inserts would be recorded."""
    note_created_by(session, records, actor=_actor(session))


def note_created_by(session: OrmSession, records: Sequence[Any], *, actor: Caller | None) -> None:
    """As `note_created`, for rows asked for earlier by `actor` (`writer_of` then) and written only now."""
    pending = session.info.setdefault(PENDING, [])
    for record in records:
        table = record.__table__
        pending.append(
            {
                "action": "create",
                "entity_type": table.name,
                "entity_id": "/".join(str(getattr(record, column.key)) for column in table.primary_key),
                "before": None,
                "after": _columns(record),
                "actor": actor,
            }
        )


def _mark(session: OrmSession, transaction: SessionTransaction) -> None:
    # A savepoint remembers how many writes were pending when it began, to forget its own if it rolls back.
    if transaction.nested:
        session.info.setdefault(MARKS, {})[transaction] = len(session.info.get(PENDING, []))


def _forget(session: OrmSession, previous_transaction: SessionTransaction) -> None:
    if previous_transaction.nested:
        mark = session.info.get(MARKS, {}).pop(previous_transaction, None)
        if mark is not None:
            del session.info.get(PENDING, [])[mark:]
    elif previous_transaction.parent is None:
        session.info.pop(PENDING, None)
        session.info.pop(MARKS, None)


def install() -> None:
    """Audit every session: collect changes at each flush, chain them just before commit."""
    if not event.contains(OrmSession, "after_flush", _collect):
        event.listen(OrmSession, "after_flush", _collect)
        event.listen(OrmSession, "before_commit", _append)
        event.listen(OrmSession, "after_transaction_create", _mark)
        event.listen(OrmSession, "after_soft_rollback", _forget)


# ---- reading and verifying ----------------------------------------------------------------


def chain_head(session: Session) -> ChainHead:
    """The latest sequence number and hash."""
    head = session.get(AuditHead, 1)
    return ChainHead(seq=head.seq if head else 0, hash=head.hash if head else GENESIS_HASH)


def list_entries(
    session: Session,
    *,
    after: int | None,
    limit: int,
    entity_type: str | None,
    entity_id: str | None,
    actor_key_id: str | None,
) -> list[AuditEntry]:
    """A page of entries, oldest first."""
    query = select(AuditEntry).order_by(col(AuditEntry.seq)).limit(limit + 1)
    if after is not None:
        query = query.where(col(AuditEntry.seq) > after)
    if entity_type is not None:
        query = query.where(AuditEntry.entity_type == entity_type)
    if entity_id is not None:
        query = query.where(AuditEntry.entity_id == entity_id)
    if actor_key_id is not None:
        query = query.where(AuditEntry.actor_key_id == actor_key_id)
    return list(session.exec(query))


def _all_entries(session: Session, batch: int = 5000) -> Iterator[AuditEntry]:
    after = 0
    while True:
        entries = list(
            session.exec(
                select(AuditEntry).where(col(AuditEntry.seq) > after).order_by(col(AuditEntry.seq)).limit(batch)
            )
        )
        yield from entries
        if len(entries) < batch:
            return
        after = entries[-1].seq


def verify_chain(session: Session) -> ChainVerification:
    """Recompute the chain from the start and name the first entry that breaks it."""
    # The head and the entries read in one snapshot: writers committing meanwhile are not a broken chain.
    read_one_snapshot(session)
    head = chain_head(session)
    expected_seq, prev_hash, count = 1, GENESIS_HASH, 0

    def broken(seq: int, problem: str) -> ChainVerification:
        return ChainVerification(ok=False, entries=count, head=head, first_broken_seq=seq, problem=problem)

    for entry in _all_entries(session):
        count += 1
        if entry.seq != expected_seq:
            return broken(expected_seq, f"entry {expected_seq} is missing (next is {entry.seq})")
        if entry.prev_hash != prev_hash:
            return broken(entry.seq, "its link to the entry before it does not match")
        if entry_hash(entry.model_dump()) != entry.hash:
            return broken(entry.seq, "its content does not match its hash")
        prev_hash, expected_seq = entry.hash, entry.seq + 1
    if head.seq != expected_seq - 1 or head.hash != prev_hash:
        return broken(expected_seq, f"the chain ends at {expected_seq - 1} but its head names {head.seq}")
    return ChainVerification(ok=True, entries=count, head=head, first_broken_seq=None, problem=None)


# ---- the Merkle log: signed heads and proofs ------------------------------------------------------------


def _log_size(session: Session) -> int:
    return chain_head(session).seq


def signed_tree_head(session: Session, *, signer: Signer) -> SignedTreeHead:
    """The tree over every entry so far, signed now."""
    read_one_snapshot(session)
    size = _log_size(session)
    root_hash = tree.root(session, size=size).hex()
    timestamp = int(datetime.now(UTC).timestamp() * 1000)
    message = tree_head_message(tree_size=size, root_hash=root_hash, timestamp=timestamp, key_id=signer.key_id)
    return SignedTreeHead(
        tree_size=size,
        root_hash=root_hash,
        timestamp=timestamp,
        key_id=signer.key_id,
        signature=base64.b64encode(signer.sign(message)).decode(),
    )


def _size_of_log(session: Session, size: int | None, *, name: str) -> tuple[int, int]:
    current = _log_size(session)
    if size is None:
        return current, current
    if size > current:
        raise NotFound(f"The log holds {current} entries; there is no tree of size {size} ({name}).")
    return size, current


def inclusion_proof(session: Session, *, entry: int, tree_size: int | None) -> InclusionProof:
    """The audit path of an entry in the tree of a size (the whole log's by default); its hash recomputed from
    the entry as stored, so an edited entry no longer matches a head signed before."""
    read_one_snapshot(session)
    size, _ = _size_of_log(session, tree_size, name="tree_size")
    if entry > size:
        raise NotFound(f"Entry {entry} is not in the tree of size {size}: the tree holds entries 1 to {size}.")
    row = session.get(AuditEntry, entry)
    if row is None:
        raise NotFound(f"No audit entry {entry}.")
    recomputed = entry_hash(row.model_dump())
    path = tree.proof(session, inclusion_ranges(entry - 1, size), size=size)
    return InclusionProof(
        entry=entry,
        leaf_index=entry - 1,
        tree_size=size,
        entry_hash=recomputed,
        leaf_hash=tree.entry_leaf(recomputed).hex(),
        audit_path=[node.hex() for node in path],
    )


def consistency_proof(session: Session, *, from_size: int, to_size: int | None) -> ConsistencyProof:
    """The nodes proving the tree of `to_size` (the whole log's by default) extends the tree of `from_size`."""
    read_one_snapshot(session)
    size, _ = _size_of_log(session, to_size, name="to")
    if from_size > size and to_size is None:
        raise NotFound(f"The log holds {size} entries; there is no tree of size {from_size} (from).")
    if from_size > size:
        raise InvalidInput(f"from ({from_size}) is larger than to ({size}): a tree cannot extend a larger one.")
    proof = tree.proof(session, consistency_ranges(from_size, size), size=size) if from_size < size else []
    return ConsistencyProof(from_size=from_size, to_size=size, proof=[node.hex() for node in proof])


def log_key(signer: Signer, *, retired: str) -> LogKey:
    """The current public key and the retired ones (PEMs one after another), each with its id."""
    old = []
    for block in retired.split("-----END PUBLIC KEY-----"):
        if block.strip():
            key = load_public_key((block.strip() + "\n-----END PUBLIC KEY-----\n").encode())
            old.append(PublicKey(key_id=key_id(key), algorithm="ed25519", public_key_pem=public_pem(key)))
    return LogKey(
        key_id=signer.key_id,
        algorithm="ed25519",
        public_key_pem=public_pem(signer.public_key),
        generated=signer.generated,
        retired=old,
    )
