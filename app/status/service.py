"""Status on the write side: the ready document and derived columns moved with every change, and `totals check`."""

from datetime import UTC, date, datetime
from functools import cache
from typing import Any

import orjson
from sqlalchemy import bindparam, event, insert, update
from sqlalchemy import select as sa_select
from sqlalchemy.orm import SessionTransaction
from sqlalchemy.orm.attributes import set_committed_value
from sqlalchemy.orm.util import identity_key
from sqlmodel import Session, col, select

from app.audit.service import note
from app.core.db import core, one_of, table_of
from app.models.agreement import Agreement
from app.models.status import RunningTotal, StatusSnapshot
from app.models.values import AgreementKind, State
from app.status.arithmetic import (
    Progress,
    agreement_progress,
    commitment_progress,
    state_on,
)
from app.status.document import TotalKey, build_body, patch_body
from app.status.policy import StatusPolicy
from app.status.render import forget_rendered
from app.status.totals import TotalDifference, check_agreement
from app.webhooks.events import emit_state_changes

DEFERRED = "status_refreshes_deferred"
CHANGED = "status_documents_changed"
SNAPSHOTS = table_of(StatusSnapshot)
AGREEMENTS = table_of(Agreement)
# The refresh's plain statements, built once.
TOTALS_OF = sa_select(table_of(RunningTotal)).where(one_of(table_of(RunningTotal).c.agreement_id, "ids"))
KEPT_BODIES = sa_select(SNAPSHOTS.c.agreement_id, SNAPSHOTS.c.body).where(one_of(SNAPSHOTS.c.agreement_id, "ids"))
NEW_SNAPSHOT = insert(SNAPSHOTS)
NEXT_SNAPSHOT = (
    update(SNAPSHOTS)
    .where(SNAPSHOTS.c.agreement_id == bindparam("_agreement_id"))
    .values(revision=bindparam("_revision"), body=bindparam("_body"))
)


@cache
def _derived_update(columns: tuple[str, ...]) -> Any:
    """The UPDATE of these derived columns of one agreement, built once per set of columns."""
    return (
        update(AGREEMENTS)
        .where(AGREEMENTS.c.id == bindparam("_agreement_id"))
        .values({name: bindparam(f"_{name}") for name in columns})
    )


def defer_refreshes(session: Session) -> None:
    """From now on in this transaction, refresh each touched agreement once, at `refresh_deferred`."""
    session.info[DEFERRED] = {}


def refresh_deferred(session: Session) -> None:
    """Refresh, once each, the agreements whose refresh was deferred."""
    session.info.pop(LOCKED, None)
    deferred: dict[str, tuple[Agreement, StatusPolicy, bool]] = session.info.pop(DEFERRED, {})
    _refresh_all(session, list(deferred.values()))


def refresh_status(session: Session, *, agreement: Agreement, policy: StatusPolicy) -> None:
    """Rebuild the agreement's ready status document and its derived columns, bumping its revision, now or,
    within a batch of writes, once when the batch ends."""
    _request_refresh(session, agreement=agreement, policy=policy, figures_only=False)


def refresh_figures(session: Session, *, agreement: Agreement, policy: StatusPolicy) -> None:
    """As `refresh_status`, after writes that only added new handovers' first claims: the figures are
    moved in the ready document instead of building it again."""
    _request_refresh(session, agreement=agreement, policy=policy, figures_only=True)


def _request_refresh(session: Session, *, agreement: Agreement, policy: StatusPolicy, figures_only: bool) -> None:
    deferred: dict[str, tuple[Agreement, StatusPolicy, bool]] | None = session.info.get(DEFERRED)
    if deferred is None:
        _refresh(session, agreement=agreement, policy=policy, figures_only=figures_only)
        return
    earlier = deferred.get(agreement.id)
    deferred[agreement.id] = (agreement, policy, figures_only and (earlier is None or earlier[2]))


def _refresh(session: Session, *, agreement: Agreement, policy: StatusPolicy, figures_only: bool) -> None:
    _refresh_all(session, [(agreement, policy, figures_only)])


def _refresh_all(session: Session, items: list[tuple[Agreement, StatusPolicy, bool]]) -> None:
    """Refresh these agreements: their totals and ready documents read in one query each, their derived
    columns and documents written in one statement each (per set of columns)."""
    if not items:
        return
    ids = [agreement.id for agreement, _, _ in items]
    # Read as plain rows: moved by plain upserts, and only read here. Detached values, never written back.
    totals_of: dict[str, dict[TotalKey, RunningTotal]] = {agreement_id: {} for agreement_id in ids}
    for row in core(session, TOTALS_OF, {"ids": ids}).mappings():
        totals_of[row["agreement_id"]][(row["bucket"], row["recipient_id"])] = RunningTotal.model_construct(**row)
    kept_of: dict[str, str] = {row.agreement_id: row.body for row in core(session, KEPT_BODIES, {"ids": ids})}
    derived_rows: dict[tuple[str, ...], list[dict[str, Any]]] = {}
    new_snapshots: list[dict[str, Any]] = []
    next_snapshots: list[dict[str, Any]] = []
    for agreement, policy, figures_only in items:
        totals = totals_of[agreement.id]
        if agreement.kind == AgreementKind.outside:
            # Handovers outside any agreement have running totals, which summaries read, and no status.
            last = max((t.last_update_on for t in totals.values() if t.last_update_on and t.handovers), default=None)
            _derive(session, agreement, {"last_update_on": last}, derived_rows)
            continue
        kept_body = kept_of.get(agreement.id, "")
        before = orjson.loads(kept_body) if kept_body else None
        if figures_only and before is not None:
            # Patched in place, so from a copy of its own: `before` stays what the states changed from.
            body = patch_body(session, agreement_id=agreement.id, body=orjson.loads(kept_body), totals=totals)
        else:
            body = build_body(session, agreement=agreement, totals=totals)
        derived: dict[str, Any] = {
            "last_update_on": date.fromisoformat(body["last_update_on"]) if body["last_update_on"] else None
        }
        for basis in ("reported", "verified"):
            progress = agreement_progress(body, basis=basis)
            state_column, due_column = Agreement.progress_columns(basis)
            derived[state_column] = progress.state.value
            derived[due_column] = progress.open_due_on
        revision = _derive(session, agreement, derived, derived_rows)
        emit_state_changes(
            session,
            agreement_id=agreement.id,
            before=_term_progress(before, policy=policy) if before is not None else {},
            after=_term_progress(body, policy=policy),
        )
        document = orjson.dumps(body).decode()
        if agreement.id in kept_of:
            next_snapshots.append({"_agreement_id": agreement.id, "_revision": revision, "_body": document})
        else:
            new_snapshots.append({"agreement_id": agreement.id, "revision": revision, "body": document})
        loaded = session.identity_map.get(identity_key(StatusSnapshot, agreement.id))
        if loaded is not None:
            session.expire(loaded)
    for columns, rows in derived_rows.items():
        core(session, _derived_update(columns), rows)
    if new_snapshots:
        core(session, NEW_SNAPSHOT, new_snapshots)
    if next_snapshots:
        core(session, NEXT_SNAPSHOT, next_snapshots)


def _derive(
    session: Session, agreement: Agreement, values: dict[str, Any], rows: dict[tuple[str, ...], list[dict[str, Any]]]
) -> int:
    """Bump the agreement's revision and set the columns derived from its totals, by a plain UPDATE gathered in
    `rows`: they are no one's write, so not audited, and the loaded row takes them as already saved."""
    values = {**values, "revision": agreement.revision + 1, "changed_at": datetime.now(UTC)}
    rows.setdefault(tuple(sorted(values)), []).append(
        {"_agreement_id": agreement.id, **{f"_{name}": value for name, value in values.items()}}
    )
    session.info.setdefault(CHANGED, set()).add(agreement.id)
    for key, value in values.items():
        set_committed_value(agreement, key, value)
    return int(values["revision"])


def _term_progress(body: dict[str, Any], *, policy: StatusPolicy) -> dict[str, str]:
    return {
        entry["commitment_id"]: commitment_progress(entry, basis=policy.basis).state.value
        for entry in body["commitments"]
    }


def agreement_progress_of(agreement: Agreement, *, policy: StatusPolicy) -> Progress:
    """The progress kept on an agreement's row for the policy's basis."""
    state_column, due_column = Agreement.progress_columns(policy.basis)
    return Progress(state=State(getattr(agreement, state_column)), open_due_on=getattr(agreement, due_column))


def agreement_state(agreement: Agreement, *, today: date, policy: StatusPolicy) -> State:
    """An agreement's state on a day, from its row: the same answer as its status document."""
    return state_on(
        agreement_progress_of(agreement, policy=policy),
        last_update_on=agreement.last_update_on,
        today=today,
        stall_days=policy.stall_days,
    )


LOCKED = "agreements_locked"


def lock_agreement(session: Session, *, agreement_id: str) -> Agreement | None:
    """The agreement row, locked until the transaction ends so its writers queue (PostgreSQL).

    Within a batch of writes a row locked once stays locked, so it is read once; a savepoint rolled
    back may have released its locks, so then every row is locked again.
    """
    locked: dict[str, Agreement] | None = session.info.get(LOCKED) if DEFERRED in session.info else None
    if locked is not None and agreement_id in locked:
        return locked[agreement_id]
    agreement = session.exec(select(Agreement).where(Agreement.id == agreement_id).with_for_update()).first()
    if agreement is not None and DEFERRED in session.info:
        session.info.setdefault(LOCKED, {})[agreement_id] = agreement
    return agreement


def lock_agreements(session: Session, *, agreement_ids: list[str]) -> None:
    """Lock these agreements' rows in one statement, in id order, for the rest of a batch of writes."""
    if not agreement_ids or DEFERRED not in session.info:
        return
    locked: dict[str, Agreement] = session.info.setdefault(LOCKED, {})
    query = select(Agreement).where(one_of(col(Agreement.id), "ids")).order_by(col(Agreement.id))
    for agreement in session.exec(query.with_for_update(), params={"ids": agreement_ids}):
        locked[agreement.id] = agreement


@event.listens_for(Session, "after_commit")
def _forget_renderings(session: Session) -> None:
    # Before the write is answered, so this process's next status read of the agreement sees it.
    changed = session.info.pop(CHANGED, None)
    if changed:
        forget_rendered(changed)


@event.listens_for(Session, "after_rollback")
def _nothing_changed(session: Session) -> None:
    session.info.pop(CHANGED, None)


@event.listens_for(Session, "after_soft_rollback")
def _forget_locks(session: Session, previous_transaction: SessionTransaction) -> None:
    if previous_transaction.nested:
        session.info.pop(LOCKED, None)


def check_totals(session: Session, *, policy: StatusPolicy, repair: bool) -> list[TotalDifference]:
    """Compare each agreement's kept figures, totals, status and states with its updates; `repair` rebuilds them."""
    differences: list[TotalDifference] = []
    for agreement in session.exec(select(Agreement).order_by(col(Agreement.id))):
        found = check_agreement(session, agreement=agreement, repair=repair)
        found.extend(_state_differences(session, agreement=agreement))
        differences.extend(found)
        if repair and found:
            refresh_status(session, agreement=agreement, policy=policy)
            # A repair rewrites figures readers see: it is a write like any other, so it is chained.
            note(
                session,
                action="repair",
                entity_type="agreement",
                entity_id=agreement.id,
                after={"repaired": sorted({f"{d.bucket}|{d.recipient_id}|{d.field}" for d in found})},
            )
    return differences


def _state_differences(session: Session, *, agreement: Agreement) -> list[TotalDifference]:
    """Where the ready document differs from one built afresh from the kept totals, or the progress kept on
    the agreement's row from what the document gives."""
    snapshot = session.get(StatusSnapshot, agreement.id)
    if snapshot is None:
        return []
    body = orjson.loads(snapshot.body)
    totals = {
        (t.bucket, t.recipient_id): t
        for t in session.exec(select(RunningTotal).where(RunningTotal.agreement_id == agreement.id))
    }
    rebuilt_body = orjson.loads(orjson.dumps(build_body(session, agreement=agreement, totals=totals)))
    found = []
    if body != rebuilt_body:
        found.append(TotalDifference(agreement.id, "-", "-", "status_snapshot body", "kept", "rebuilt differs"))
    for basis in ("reported", "verified"):
        progress = agreement_progress(body, basis=basis)
        for column, rebuilt in zip(
            Agreement.progress_columns(basis), (progress.state.value, progress.open_due_on), strict=True
        ):
            kept = getattr(agreement, column)
            if kept != rebuilt:
                found.append(TotalDifference(agreement.id, "-", "-", column, kept, rebuilt))
    return found
