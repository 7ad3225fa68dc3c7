"""Status on the write side: the ready document and derived columns moved with every change, and `totals check`."""

from datetime import date
from typing import Any

import orjson
from sqlmodel import Session, col, select

from app.models.agreement import Agreement
from app.models.status import RunningTotal, StatusSnapshot
from app.models.values import State
from app.status.arithmetic import (
    Progress,
    agreement_progress,
    commitment_progress,
    state_on,
)
from app.status.document import TotalKey, build_body
from app.status.policy import StatusPolicy
from app.status.totals import TotalDifference, check_agreement
from app.webhooks.events import emit_state_changes

DEFERRED = "status_refreshes_deferred"


def defer_refreshes(session: Session) -> None:
    """From now on in this transaction, refresh each touched agreement once, at `refresh_deferred`."""
    session.info[DEFERRED] = {}


def refresh_deferred(session: Session) -> None:
    """Refresh, once each, the agreements whose refresh was deferred."""
    deferred: dict[str, tuple[Agreement, StatusPolicy]] = session.info.pop(DEFERRED, {})
    for agreement, policy in deferred.values():
        _refresh(session, agreement=agreement, policy=policy)


def refresh_status(session: Session, *, agreement: Agreement, policy: StatusPolicy) -> None:
    """Rebuild the agreement's ready status document and its derived columns, bumping its revision, now or,
    within a batch of writes, once when the batch ends."""
    deferred: dict[str, tuple[Agreement, StatusPolicy]] | None = session.info.get(DEFERRED)
    if deferred is not None:
        deferred[agreement.id] = (agreement, policy)
        return
    _refresh(session, agreement=agreement, policy=policy)


def _refresh(session: Session, *, agreement: Agreement, policy: StatusPolicy) -> None:
    totals: dict[TotalKey, RunningTotal] = {
        (t.bucket, t.recipient_id): t
        for t in session.exec(select(RunningTotal).where(RunningTotal.agreement_id == agreement.id))
    }
    body = build_body(session, agreement=agreement, totals=totals)
    agreement.revision += 1
    agreement.last_update_on = date.fromisoformat(body["last_update_on"]) if body["last_update_on"] else None
    for basis in ("reported", "verified"):
        progress = agreement_progress(body, basis=basis)
        state_column, due_column = Agreement.progress_columns(basis)
        setattr(agreement, state_column, progress.state.value)
        setattr(agreement, due_column, progress.open_due_on)
    session.add(agreement)
    snapshot = session.get(StatusSnapshot, agreement.id) or StatusSnapshot(
        agreement_id=agreement.id, revision=0, body=""
    )
    emit_state_changes(
        session,
        agreement_id=agreement.id,
        before=_term_progress(orjson.loads(snapshot.body), policy=policy) if snapshot.body else {},
        after=_term_progress(body, policy=policy),
    )
    snapshot.revision = agreement.revision
    snapshot.body = orjson.dumps(body).decode()
    session.add(snapshot)
    session.flush()


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
        concluded_on=agreement.concluded_on,
        today=today,
        stall_days=policy.stall_days,
    )


def lock_agreement(session: Session, *, agreement_id: str) -> Agreement | None:
    """The agreement row, locked until the transaction ends so its writers queue (PostgreSQL)."""
    return session.exec(select(Agreement).where(Agreement.id == agreement_id).with_for_update()).first()


def check_totals(session: Session, *, policy: StatusPolicy, repair: bool) -> list[TotalDifference]:
    """Compare each agreement's kept figures, totals, status and states with its updates; `repair` rebuilds them."""
    differences: list[TotalDifference] = []
    for agreement in session.exec(select(Agreement).order_by(col(Agreement.id))):
        found = check_agreement(session, agreement=agreement, repair=repair)
        found.extend(_state_differences(session, agreement=agreement))
        differences.extend(found)
        if repair and found:
            refresh_status(session, agreement=agreement, policy=policy)
    return differences


def _state_differences(session: Session, *, agreement: Agreement) -> list[TotalDifference]:
    """Where the progress kept on the agreement's row differs from what its status document gives."""
    snapshot = session.get(StatusSnapshot, agreement.id)
    if snapshot is None:
        return []
    body = orjson.loads(snapshot.body)
    found = []
    for basis in ("reported", "verified"):
        progress = agreement_progress(body, basis=basis)
        for column, rebuilt in zip(
            Agreement.progress_columns(basis), (progress.state.value, progress.open_due_on), strict=True
        ):
            kept = getattr(agreement, column)
            if kept != rebuilt:
                found.append(TotalDifference(agreement.id, "-", "-", column, kept, rebuilt))
    return found
