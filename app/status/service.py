"""Status: running totals kept per write, a ready document per agreement, and states by date."""

from collections import OrderedDict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

import orjson
from sqlalchemy import case, func
from sqlalchemy import select as sa_select
from sqlmodel import Session, col, select

from app.agreements.models import (
    Agreement,
    AgreementParty,
    Commitment,
    CommitmentTarget,
    Measure,
    PartyRole,
    State,
)
from app.parties.models import Party
from app.status.models import RunningTotal, StatusSnapshot
from app.updates.models import UNATTRIBUTED, FulfilmentUpdate, Qualifier, UpdateLine
from app.webhooks.events import emit_state_changes

TotalKey = tuple[str, str]  # (bucket, recipient_id)


@dataclass
class LineFigure:
    """One line of an update, as the totals see it."""

    bucket: str
    recipient_id: str
    quantity: int | None
    qualifier: str


def apply_lines(session: Session, *, agreement_id: str, occurred_on: date, lines: Iterable[LineFigure]) -> None:
    """Add an update's lines to the running totals (the agreement row is already locked)."""
    for line in lines:
        total = session.get(RunningTotal, (agreement_id, line.bucket, line.recipient_id))
        if total is None:
            total = RunningTotal(agreement_id=agreement_id, bucket=line.bucket, recipient_id=line.recipient_id)
        total.received += line.quantity or 0
        total.handovers += 1
        total.withheld += 1 if line.quantity is None else 0
        total.approximate += 1 if line.qualifier == Qualifier.approximate else 0
        total.at_least += 1 if line.qualifier == Qualifier.at_least else 0
        if total.last_update_on is None or occurred_on > total.last_update_on:
            total.last_update_on = occurred_on
        session.add(total)


def _recipient_entry(
    *, recipient_id: str, name: str, target: CommitmentTarget | None, total: RunningTotal | None
) -> dict[str, Any]:
    received = total.received if total else 0
    withheld = total.withheld if total else 0
    at_least = total.at_least if total else 0
    approximate = total.approximate if total else 0
    quantity = target.quantity if target else None
    return {
        "recipient_id": recipient_id,
        "recipient_name": name,
        "target": quantity,
        "target_qualifier": target.qualifier if target else None,
        "received": received,
        "percent": round(received * 100 / quantity, 1) if quantity else None,
        "remaining": max(quantity - received, 0) if quantity is not None else None,
        "exceeds_target": quantity is not None and received > quantity,
        "handovers": total.handovers if total else 0,
        "withheld_handovers": withheld,
        "approximate_lines": approximate,
        "at_least_lines": at_least,
        "received_is_exact": withheld == 0 and at_least == 0 and approximate == 0,
        "received_is_lower_bound": withheld > 0 or at_least > 0,
        "last_update_on": total.last_update_on.isoformat() if total and total.last_update_on else None,
    }


def _imbalance(recipients: Sequence[dict[str, Any]]) -> dict[str, Any] | None:
    if len(recipients) < 2:
        return None
    ordered = sorted(recipients, key=lambda r: r["received"], reverse=True)
    most, least = ordered[0], ordered[-1]
    return {
        "most_received_id": most["recipient_id"],
        "least_received_id": least["recipient_id"],
        "difference": most["received"] - least["received"],
        "ratio": round(most["received"] / least["received"], 2) if least["received"] else None,
    }


def _max_date(dates: Iterable[str | None]) -> str | None:
    known = [d for d in dates if d]
    return max(known) if known else None


def refresh_status(session: Session, *, agreement: Agreement) -> None:
    """Rebuild the agreement's ready status document and its derived columns; bump its revision."""
    members = session.exec(
        select(AgreementParty, Party)
        .join(Party, col(Party.id) == col(AgreementParty.party_id))
        .where(AgreementParty.agreement_id == agreement.id)
        .order_by(col(AgreementParty.position))
    ).all()
    names = {party.id: party.name for _, party in members}
    bound = [party.id for member, party in members if member.role == PartyRole.party]
    commitments = session.exec(
        select(Commitment).where(Commitment.agreement_id == agreement.id).order_by(col(Commitment.position))
    ).all()
    targets: dict[str, list[CommitmentTarget]] = {c.id: [] for c in commitments}
    if commitments:
        for target in session.exec(
            select(CommitmentTarget).where(col(CommitmentTarget.commitment_id).in_(list(targets)))
        ):
            targets[target.commitment_id].append(target)
    totals: dict[TotalKey, RunningTotal] = {
        (t.bucket, t.recipient_id): t
        for t in session.exec(select(RunningTotal).where(RunningTotal.agreement_id == agreement.id))
    }
    extra_names = {rid for (_, rid) in totals} - set(names)
    if extra_names:
        names.update({p.id: p.name for p in session.exec(select(Party).where(col(Party.id).in_(extra_names)))})

    commitment_entries = []
    all_fulfilled = bool(commitments)
    open_due: list[date] = []
    for commitment in commitments:
        by_recipient = {t.recipient_id: t for t in targets[commitment.id]}
        recipient_ids = (
            [t.recipient_id for t in targets[commitment.id]] if commitment.measure == Measure.target else bound
        )
        recipients = [
            _recipient_entry(
                recipient_id=rid,
                name=names.get(rid, rid),
                target=by_recipient.get(rid),
                total=totals.get((commitment.id, rid)),
            )
            for rid in recipient_ids
        ]
        fulfilled = commitment.measure == Measure.target and all(r["received"] >= r["target"] for r in recipients)
        all_fulfilled = all_fulfilled and fulfilled
        if not fulfilled and commitment.due_on is not None:
            open_due.append(commitment.due_on)
        criteria = (
            {
                "age_min": commitment.age_min,
                "age_max": commitment.age_max,
                "condition": commitment.condition,
            }
            if (commitment.age_min, commitment.age_max, commitment.condition) != (None, None, None)
            else None
        )
        commitment_entries.append(
            {
                "commitment_id": commitment.id,
                "category": commitment.category,
                "measure": commitment.measure,
                "description": commitment.description,
                "criteria": criteria,
                "due_on": commitment.due_on.isoformat() if commitment.due_on else None,
                "fulfilled": fulfilled,
                "last_update_on": _max_date(r["last_update_on"] for r in recipients),
                "imbalance": _imbalance(recipients),
                "recipients": recipients,
            }
        )
    unattributed = [
        _recipient_entry(recipient_id=rid, name=names.get(rid, rid), target=None, total=total)
        for (bucket, rid), total in sorted(totals.items())
        if bucket == UNATTRIBUTED
    ]
    last_update = _max_date(t.last_update_on.isoformat() for t in totals.values() if t.last_update_on)

    agreement.revision += 1
    agreement.last_update_on = date.fromisoformat(last_update) if last_update else None
    agreement.open_due_on = min(open_due) if open_due else None
    agreement.progress_state = (
        State.fulfilled if all_fulfilled else State.in_progress if totals else State.not_started
    ).value
    session.add(agreement)

    body = {
        "agreement_id": agreement.id,
        "title": agreement.title,
        "concluded_on": agreement.concluded_on.isoformat(),
        "progress_state": agreement.progress_state,
        "open_due_on": agreement.open_due_on.isoformat() if agreement.open_due_on else None,
        "last_update_on": last_update,
        "commitments": commitment_entries,
        "unattributed": unattributed,
    }
    snapshot = session.get(StatusSnapshot, agreement.id) or StatusSnapshot(
        agreement_id=agreement.id, revision=0, body=""
    )
    emit_state_changes(session, before=snapshot.body, after=body, fulfilled=lambda e: bool(e["fulfilled"]))
    snapshot.revision = agreement.revision
    snapshot.body = orjson.dumps(body).decode()
    session.add(snapshot)
    session.flush()


# ---- states by date ---------------------------------------------------------------------


def _days_between(earlier: str | None, today: date) -> int | None:
    return (today - date.fromisoformat(earlier)).days if earlier else None


def agreement_state(
    *,
    progress_state: str,
    open_due_on: date | None,
    last_update_on: date | None,
    concluded_on: date,
    today: date,
    stall_days: int,
) -> State:
    """The agreement's state on `today`: fulfilled, else overdue, else stalled, else its progress."""
    if progress_state == State.fulfilled:
        return State.fulfilled
    if open_due_on is not None and open_due_on < today:
        return State.overdue
    if (last_update_on or concluded_on) < today - timedelta(days=stall_days):
        return State.stalled
    return State(progress_state)


def render_status(body: dict[str, Any], *, revision: int, today: date, stall_days: int) -> dict[str, Any]:
    """The full status document for `today` from a ready document."""
    concluded_on = body["concluded_on"]
    stall_before = (today - timedelta(days=stall_days)).isoformat()
    today_iso = today.isoformat()
    commitments = []
    for entry in body["commitments"]:
        last = entry["last_update_on"]
        if entry["fulfilled"]:
            state = State.fulfilled
        elif entry["due_on"] is not None and entry["due_on"] < today_iso:
            state = State.overdue
        elif (last or concluded_on) < stall_before:
            state = State.stalled
        elif last is not None:
            state = State.in_progress
        else:
            state = State.not_started
        commitments.append(
            {
                "commitment_id": entry["commitment_id"],
                "category": entry["category"],
                "measure": entry["measure"],
                "state": state.value,
                "description": entry["description"],
                "criteria": entry["criteria"],
                "due_on": entry["due_on"],
                "last_update_on": last,
                "days_since_last_update": _days_between(last, today),
                "imbalance": entry["imbalance"],
                "recipients": entry["recipients"],
            }
        )
    open_due_on = body["open_due_on"]
    last_update_on = body["last_update_on"]
    state = agreement_state(
        progress_state=body["progress_state"],
        open_due_on=date.fromisoformat(open_due_on) if open_due_on else None,
        last_update_on=date.fromisoformat(last_update_on) if last_update_on else None,
        concluded_on=date.fromisoformat(concluded_on),
        today=today,
        stall_days=stall_days,
    )
    return {
        "agreement_id": body["agreement_id"],
        "title": body["title"],
        "state": state.value,
        "as_of": today_iso,
        "revision": revision,
        "stall_days": stall_days,
        "concluded_on": concluded_on,
        "last_update_on": last_update_on,
        "days_since_last_update": _days_between(last_update_on, today),
        "commitments": commitments,
        "unattributed": body["unattributed"],
    }


@dataclass(frozen=True)
class RenderedStatus:
    """A status document ready to send, with its validator."""

    revision: int
    today: date
    etag: str
    content: bytes


class StatusReader:
    """The lean read path: one row by primary key, rendered once per revision and day."""

    def __init__(self, *, stall_days: int, capacity: int = 4096) -> None:
        self._stall_days = stall_days
        self._capacity = capacity
        self._rendered: OrderedDict[str, RenderedStatus] = OrderedDict()

    @staticmethod
    def etag(revision: int, today: date, stall_days: int) -> str:
        """The validator of a status: it changes with the revision, the day and the stall setting."""
        return f'"s{revision}.{today:%Y%m%d}.{stall_days}"'

    def read(self, connection: Any, *, agreement_id: str, today: date) -> RenderedStatus | None:
        """The status of an agreement, or None when there is no such agreement."""
        cursor = connection.execute(text_status_query(connection), (agreement_id,))
        row = cursor.fetchone()
        cursor.close()
        if row is None:
            return None
        revision, body = row
        cached = self._rendered.get(agreement_id)
        if cached is not None and cached.revision == revision and cached.today == today:
            return cached
        document = render_status(orjson.loads(body), revision=revision, today=today, stall_days=self._stall_days)
        rendered = RenderedStatus(
            revision=revision,
            today=today,
            etag=self.etag(revision, today, self._stall_days),
            content=orjson.dumps(document),
        )
        self._rendered[agreement_id] = rendered
        self._rendered.move_to_end(agreement_id)
        if len(self._rendered) > self._capacity:
            self._rendered.popitem(last=False)
        return rendered


def text_status_query(connection: Any) -> str:
    """The one query of the read path, in the driver's own parameter style."""
    marker = "%s" if "psycopg" in type(connection).__module__ else "?"
    return f"SELECT revision, body FROM status_snapshot WHERE agreement_id = {marker}"  # noqa: S608


# ---- rebuilding from the updates ------------------------------------------------------------


@dataclass(frozen=True)
class TotalDifference:
    """A running total that does not match the sum of the updates."""

    agreement_id: str
    bucket: str
    recipient_id: str
    field: str
    kept: Any
    rebuilt: Any


def rebuild_totals(session: Session, *, agreement_id: str) -> dict[TotalKey, RunningTotal]:
    """The running totals of one agreement, summed afresh from its update lines."""
    bucket = func.coalesce(col(UpdateLine.commitment_id), UNATTRIBUTED)
    statement = (
        sa_select(
            bucket,
            col(UpdateLine.recipient_id),
            func.coalesce(func.sum(col(UpdateLine.quantity)), 0),
            func.count(),
            func.sum(case((col(UpdateLine.quantity).is_(None), 1), else_=0)),
            func.sum(case((col(UpdateLine.qualifier) == Qualifier.approximate.value, 1), else_=0)),
            func.sum(case((col(UpdateLine.qualifier) == Qualifier.at_least.value, 1), else_=0)),
            func.max(col(FulfilmentUpdate.occurred_on)),
        )
        .join(FulfilmentUpdate, col(FulfilmentUpdate.id) == col(UpdateLine.update_id))
        .where(col(FulfilmentUpdate.agreement_id) == agreement_id)
        .group_by(bucket, col(UpdateLine.recipient_id))
    )
    rows = session.execute(statement).all()
    return {
        (b, rid): RunningTotal(
            agreement_id=agreement_id,
            bucket=b,
            recipient_id=rid,
            received=int(received),
            handovers=int(handovers),
            withheld=int(withheld),
            approximate=int(approximate),
            at_least=int(at_least),
            last_update_on=last,
        )
        for b, rid, received, handovers, withheld, approximate, at_least, last in rows
    }


_COMPARED = ("received", "handovers", "withheld", "approximate", "at_least", "last_update_on")


def check_totals(session: Session, *, repair: bool) -> list[TotalDifference]:
    """Compare every running total with the updates; with `repair`, make them agree."""
    differences: list[TotalDifference] = []
    for agreement in session.exec(select(Agreement).order_by(col(Agreement.id))):
        rebuilt = rebuild_totals(session, agreement_id=agreement.id)
        kept = {
            (t.bucket, t.recipient_id): t
            for t in session.exec(select(RunningTotal).where(RunningTotal.agreement_id == agreement.id))
        }
        found: list[TotalDifference] = []
        for key in sorted(set(rebuilt) | set(kept)):
            for field in _COMPARED:
                kept_value = getattr(kept[key], field) if key in kept else None
                rebuilt_value = getattr(rebuilt[key], field) if key in rebuilt else None
                if kept_value != rebuilt_value:
                    found.append(TotalDifference(agreement.id, key[0], key[1], field, kept_value, rebuilt_value))
        snapshot = session.get(StatusSnapshot, agreement.id)
        if snapshot is None or snapshot.revision != agreement.revision:
            found.append(TotalDifference(agreement.id, "-", "-", "status_snapshot", None, agreement.revision))
        differences.extend(found)
        if repair and found:
            for key, total in kept.items():
                if key not in rebuilt:
                    session.delete(total)
            for key, total in rebuilt.items():
                current = kept.get(key) or total
                for field in _COMPARED:
                    setattr(current, field, getattr(total, field))
                session.add(current)
            session.flush()
            refresh_status(session, agreement=agreement)
    return differences


def lock_agreement(session: Session, *, agreement_id: str) -> Agreement | None:
    """The agreement row, locked until the transaction ends so its writers queue (PostgreSQL)."""
    return session.exec(select(Agreement).where(Agreement.id == agreement_id).with_for_update()).first()
