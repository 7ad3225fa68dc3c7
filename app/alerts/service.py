"""The alert sweep: find the terms and agreements that became stalled or overdue, and say so once.

`stalled` and `overdue` change with the calendar, not with a write, so no write can announce them. A
sweep reads every status as of its clock, with the ledger's arithmetic, and compares each term's and
agreement's state with the alert still open for it: entering `stalled` or `overdue` raises one alert
(an outbox event, an entry in the feed); leaving it, or the same state counted from another day (a
stall after a newer handover, an overdue against a moved due date), ends the open one, so the next
stall is announced again. Ending is not announced: what ends a stall (a handover, a fulfilment)
announces itself through its own events.
"""

from dataclasses import dataclass
from datetime import UTC, date, datetime

import orjson
from sqlalchemy import ColumnElement, or_, text
from sqlmodel import Session, col, select

from app.core.db import Database
from app.core.ids import new_id
from app.models.agreement import Agreement
from app.models.alert import Alert
from app.models.status import StatusSnapshot
from app.models.values import State
from app.status.arithmetic import agreement_progress
from app.status.policy import StatusPolicy
from app.status.render import render_status
from app.webhooks.events import emit
from app.webhooks.models import EventType

ALERTED = (State.stalled, State.overdue)
# Any constant names the sweep's lock; two sweeps at once on PostgreSQL take turns on it.
SWEEP_LOCK = 0x616C657274
EVENTS = {
    (False, State.stalled): EventType.commitment_stalled,
    (False, State.overdue): EventType.commitment_overdue,
    (True, State.stalled): EventType.agreement_stalled,
    (True, State.overdue): EventType.agreement_overdue,
}


@dataclass(frozen=True)
class Raised:
    """One alert a sweep raised, as the command line reports it."""

    alert_id: str
    event_type: EventType
    agreement_id: str
    commitment_id: str | None
    since: date


@dataclass(frozen=True)
class SweepResult:
    """What one sweep did: the alerts it raised, and how many open alerts it ended."""

    today: date
    raised: list[Raised]
    ended: int


@dataclass(frozen=True)
class _Reading:
    """One term's or agreement's state on the sweep's day, and the day that state counts from."""

    agreement_id: str
    commitment_id: str | None
    state: State
    since: date | None
    last_update_on: date | None
    due_on: date | None


def day_of(now: datetime) -> date:
    """The calendar day a moment falls on where the service runs, as the status reads `today`."""
    return now.astimezone().date() if now.tzinfo is not None else now.date()


def sweep(session: Session, *, now: datetime, policy: StatusPolicy) -> SweepResult:
    """Raise one alert for each term or agreement that entered `stalled` or `overdue` by `now`, and end the
    alerts whose state is over; a second sweep at the same moment raises nothing."""
    if session.get_bind().dialect.name == "postgresql":
        session.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": SWEEP_LOCK})
    today = day_of(now)
    moment = (now if now.tzinfo is not None else now.astimezone()).astimezone(UTC)
    open_alerts = {(a.agreement_id, a.commitment_id): a for a in session.exec(select(Alert).where(_open()))}
    raised: list[Raised] = []
    ended = 0
    for reading in _readings(session, today=today, policy=policy):
        key = (reading.agreement_id, reading.commitment_id)
        current = open_alerts.pop(key, None)
        alerted = reading.state in ALERTED and reading.since is not None
        if current is not None and alerted and (current.state, current.since) == (reading.state.value, reading.since):
            continue
        if current is not None:
            _end(session, current, at=moment)
            ended += 1
        if alerted:
            raised.append(_raise(session, reading, at=moment, today=today, policy=policy))
    for left in open_alerts.values():  # its agreement no longer holds the term, or was never read again
        _end(session, left, at=moment)
        ended += 1
    session.flush()
    return SweepResult(today=today, raised=raised, ended=ended)


def run_sweep(database: Database, *, now: datetime, policy: StatusPolicy) -> SweepResult:
    """One sweep in a write transaction of its own, through the audited write path."""
    with database.write_transaction() as session:
        return sweep(session, now=now, policy=policy)


def _open() -> ColumnElement[bool]:
    return col(Alert.ended_at).is_(None)


def _readings(session: Session, *, today: date, policy: StatusPolicy) -> list[_Reading]:
    """The states on `today` of every term and agreement that may be stalled or overdue, or has an open alert."""
    state_column, _ = Agreement.progress_columns(policy.basis)
    with_open_alert = select(Alert.agreement_id).where(_open())
    snapshots = session.exec(
        select(StatusSnapshot)
        .join(Agreement, col(Agreement.id) == col(StatusSnapshot.agreement_id))
        .where(
            or_(
                getattr(Agreement, state_column) != State.fulfilled.value,
                col(Agreement.id).in_(with_open_alert),
            )
        )
        .order_by(col(StatusSnapshot.agreement_id))
    )
    readings = []
    for snapshot in snapshots:
        body = orjson.loads(snapshot.body)
        status = render_status(body, revision=snapshot.revision, today=today, policy=policy)
        for term in status.commitments:
            readings.append(
                _Reading(
                    agreement_id=status.agreement_id,
                    commitment_id=term.commitment_id,
                    state=term.state,
                    since=_since(term.state, last_update_on=term.last_update_on, due_on=term.due_on),
                    last_update_on=term.last_update_on,
                    due_on=term.due_on,
                )
            )
        open_due_on = agreement_progress(body, basis=policy.basis).open_due_on
        readings.append(
            _Reading(
                agreement_id=status.agreement_id,
                commitment_id=None,
                state=status.state,
                since=_since(status.state, last_update_on=status.last_update_on, due_on=open_due_on),
                last_update_on=status.last_update_on,
                due_on=open_due_on,
            )
        )
    return readings


def _since(state: State, *, last_update_on: date | None, due_on: date | None) -> date | None:
    return last_update_on if state is State.stalled else due_on if state is State.overdue else None


def _end(session: Session, alert: Alert, *, at: datetime) -> None:
    alert.ended_at = at
    session.add(alert)


def _raise(session: Session, reading: _Reading, *, at: datetime, today: date, policy: StatusPolicy) -> Raised:
    assert reading.since is not None
    alert_id = new_id("alr")
    event_type = EVENTS[(reading.commitment_id is None, reading.state)]
    event_id = emit(
        session,
        event_type=event_type,
        payload={
            "alert_id": alert_id,
            "agreement_id": reading.agreement_id,
            "commitment_id": reading.commitment_id,
            "state": reading.state.value,
            "as_of": today.isoformat(),
            "since": reading.since.isoformat(),
            "last_update_on": reading.last_update_on.isoformat() if reading.last_update_on else None,
            "due_on": reading.due_on.isoformat() if reading.due_on else None,
            "stall_days": policy.stall_days,
        },
    )
    alert = Alert(
        id=alert_id,
        agreement_id=reading.agreement_id,
        commitment_id=reading.commitment_id,
        state=reading.state.value,
        since=reading.since,
        raised_at=at,
        event_id=event_id,
    )
    session.add(alert)
    return Raised(
        alert_id=alert_id,
        event_type=event_type,
        agreement_id=reading.agreement_id,
        commitment_id=reading.commitment_id,
        since=reading.since,
    )
