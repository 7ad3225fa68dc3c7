"""Status: running totals kept per write, a ready document per agreement, and states by date."""

from collections import OrderedDict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

import orjson
from sqlalchemy import func
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
from app.announcements.models import AnnouncedFigure, AnnouncedTotal
from app.core.errors import InvalidInput, NotFound
from app.parties.models import Party
from app.status.models import HandoverFigure, RunningTotal, StatusSnapshot
from app.status.totals import TotalDifference, check_agreement, summed_contributions, summed_totals
from app.updates.models import UNATTRIBUTED, Qualifier
from app.webhooks.events import emit_state_changes

TotalKey = tuple[str, str]  # (bucket, recipient_id)


def _figures(total: RunningTotal | None, prefix: str) -> dict[str, Any]:
    def get(name: str) -> int:
        return int(getattr(total, prefix + name) or 0) if total is not None else 0

    withheld, approximate, at_least = get("withheld"), get("approximate"), get("at_least")
    return {
        "received": get("received"),
        "handovers": get("handovers"),
        "withheld_handovers": withheld,
        "approximate_lines": approximate,
        "at_least_lines": at_least,
        "is_exact": withheld == 0 and at_least == 0 and approximate == 0,
        "is_lower_bound": withheld > 0 or at_least > 0,
    }


def _recipient_entry(
    *,
    recipient_id: str,
    name: str,
    target: CommitmentTarget | None,
    total: RunningTotal | None,
    announced: dict[str, Any] | None,
) -> dict[str, Any]:
    reported = _figures(total, "")
    disputed = int(total.disputed_received) if total else 0
    return {
        "recipient_id": recipient_id,
        "recipient_name": name,
        "target": target.quantity if target else None,
        "target_qualifier": target.qualifier if target else None,
        "reported": reported,
        "verified": _figures(total, "verified_"),
        "received_excluding_disputed_attribution": reported["received"] - disputed,
        "disputed_attribution_handovers": int(total.disputed_handovers) if total else 0,
        "discrepancies": int(total.discrepancies) if total else 0,
        "last_update_on": total.last_update_on.isoformat() if total and total.last_update_on else None,
        "announced": announced,
    }


def _max_date(dates: Iterable[str | None]) -> str | None:
    known = [d for d in dates if d]
    return max(known) if known else None


def _announcements(session: Session, *, agreement_id: str, as_of: date | None) -> dict[tuple[str, str], dict[str, Any]]:
    """The latest announced running total per term and party, beside the sum of the stages up to its date."""
    query = (
        select(AnnouncedFigure, AnnouncedTotal)
        .join(AnnouncedTotal, col(AnnouncedTotal.id) == col(AnnouncedFigure.announcement_id))
        .where(AnnouncedTotal.agreement_id == agreement_id)
        .order_by(col(AnnouncedTotal.stated_on), col(AnnouncedTotal.created_at))
    )
    if as_of is not None:
        query = query.where(col(AnnouncedTotal.stated_on) <= as_of)
    latest: dict[tuple[str, str], tuple[AnnouncedFigure, AnnouncedTotal]] = {}
    for figure, announcement in session.exec(query):
        latest[(figure.commitment_id or UNATTRIBUTED, figure.recipient_id)] = (figure, announcement)
    result = {}
    for (bucket, recipient_id), (figure, announcement) in latest.items():
        stages = session.exec(
            select(func.coalesce(func.sum(HandoverFigure.quantity), 0)).where(
                HandoverFigure.agreement_id == agreement_id,
                HandoverFigure.bucket == bucket,
                HandoverFigure.recipient_id == recipient_id,
                col(HandoverFigure.occurred_on) <= announcement.stated_on,
            )
        ).one()
        result[(bucket, recipient_id)] = {
            "announcement_id": announcement.id,
            "claimant": announcement.claimant,
            "stated_on": announcement.stated_on.isoformat(),
            "quantity": figure.quantity,
            "qualifier": figure.qualifier,
            "source_url": announcement.source_url,
            "source_publisher": announcement.source_publisher,
            "sum_of_stages_then": int(stages or 0),
            "differs": announced_differs(figure.quantity, figure.qualifier, int(stages or 0)),
        }
    return result


def announced_differs(announced: int | None, qualifier: str, stages: int) -> bool | None:
    """Whether an announced running total disagrees with the sum of the recorded stages (None: withheld)."""
    if announced is None:
        return None
    if qualifier == Qualifier.at_least:
        return stages < announced
    if qualifier == Qualifier.approximate:
        return abs(stages - announced) > max(1, round(announced * 0.05))
    return stages != announced


def _discrepancies(session: Session, *, agreement_id: str, as_of: date | None) -> dict[str, list[dict[str, Any]]]:
    query = (
        select(HandoverFigure)
        .where(HandoverFigure.agreement_id == agreement_id, col(HandoverFigure.discrepancy).is_(True))
        .order_by(col(HandoverFigure.occurred_on))
        .limit(200)
    )
    if as_of is not None:
        query = query.where(col(HandoverFigure.occurred_on) <= as_of)
    found: dict[str, list[dict[str, Any]]] = {}
    for row in session.exec(query):
        found.setdefault(row.bucket, []).append(
            {
                "handover_id": row.handover_id,
                "recipient_id": row.recipient_id,
                "occurred_on": row.occurred_on.isoformat(),
                "standing_update_id": row.standing_update_id,
                "claims": row.claims,
            }
        )
    return found


def build_body(
    session: Session, *, agreement: Agreement, totals: dict[TotalKey, RunningTotal], as_of: date | None = None
) -> dict[str, Any]:
    """The date-independent status of an agreement from a set of running totals."""
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
    extra_names = {rid for (_, rid) in totals} - set(names)
    if extra_names:
        names.update({p.id: p.name for p in session.exec(select(Party).where(col(Party.id).in_(extra_names)))})
    announced = _announcements(session, agreement_id=agreement.id, as_of=as_of)
    discrepancies = _discrepancies(session, agreement_id=agreement.id, as_of=as_of)

    commitment_entries = []
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
                announced=announced.get((commitment.id, rid)),
            )
            for rid in recipient_ids
        ]
        completed_on = commitment.completed_on
        if as_of is not None and completed_on is not None and completed_on > as_of:
            completed_on = None
        criteria = (
            {"age_min": commitment.age_min, "age_max": commitment.age_max, "condition": commitment.condition}
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
                "declared_complete_on": completed_on.isoformat() if completed_on else None,
                "last_update_on": _max_date(r["last_update_on"] for r in recipients),
                "discrepancies": discrepancies.get(commitment.id, []),
                "recipients": recipients,
            }
        )
    unattributed = [
        _recipient_entry(
            recipient_id=rid, name=names.get(rid, rid), target=None, total=total, announced=announced.get((bucket, rid))
        )
        for (bucket, rid), total in sorted(totals.items())
        if bucket == UNATTRIBUTED and total.handovers
    ]
    return {
        "agreement_id": agreement.id,
        "title": agreement.title,
        "concluded_on": agreement.concluded_on.isoformat(),
        "last_update_on": _max_date(
            t.last_update_on.isoformat() for t in totals.values() if t.last_update_on and t.handovers
        ),
        "commitments": commitment_entries,
        "unattributed": unattributed,
        "unattributed_discrepancies": discrepancies.get(UNATTRIBUTED, []),
    }


def refresh_status(session: Session, *, agreement: Agreement) -> None:
    """Rebuild the agreement's ready status document and its derived columns; bump its revision."""
    totals: dict[TotalKey, RunningTotal] = {
        (t.bucket, t.recipient_id): t
        for t in session.exec(select(RunningTotal).where(RunningTotal.agreement_id == agreement.id))
    }
    body = build_body(session, agreement=agreement, totals=totals)
    basis = session.info.get("status_basis", "reported")
    progress = _progress(body, basis=basis)
    agreement.revision += 1
    agreement.last_update_on = date.fromisoformat(body["last_update_on"]) if body["last_update_on"] else None
    agreement.open_due_on = progress.open_due_on
    agreement.progress_state = progress.state.value
    session.add(agreement)
    snapshot = session.get(StatusSnapshot, agreement.id) or StatusSnapshot(
        agreement_id=agreement.id, revision=0, body=""
    )
    emit_state_changes(session, before=snapshot.body, after=body, fulfilled=lambda e: _fulfilled(e, basis))
    snapshot.revision = agreement.revision
    snapshot.body = orjson.dumps(body).decode()
    session.add(snapshot)
    session.flush()


@dataclass(frozen=True)
class Progress:
    """The date-independent progress of an agreement, for its list filters."""

    state: State
    open_due_on: date | None


def _fulfilled(entry: dict[str, Any], basis: str) -> bool:
    if entry["declared_complete_on"] is not None:
        return True
    return entry["measure"] == Measure.target and all(r[basis]["received"] >= r["target"] for r in entry["recipients"])


def _progress(body: dict[str, Any], *, basis: str) -> Progress:
    entries = body["commitments"]
    fulfilled = [_fulfilled(e, basis) for e in entries]
    open_due = [
        date.fromisoformat(e["due_on"]) for e, done in zip(entries, fulfilled, strict=True) if e["due_on"] and not done
    ]
    if entries and all(fulfilled):
        state = State.fulfilled
    elif body["last_update_on"] is not None:
        state = State.in_progress
    else:
        state = State.not_started
    return Progress(state=state, open_due_on=min(open_due) if open_due else None)


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


def _rendered_recipient(entry: dict[str, Any], basis: str) -> dict[str, Any]:
    figures = entry[basis]
    received, target = figures["received"], entry["target"]
    return {
        "recipient_id": entry["recipient_id"],
        "recipient_name": entry["recipient_name"],
        "target": target,
        "target_qualifier": entry["target_qualifier"],
        "received": received,
        "percent": round(received * 100 / target, 1) if target else None,
        "remaining": max(target - received, 0) if target is not None else None,
        "exceeds_target": target is not None and received > target,
        "handovers": figures["handovers"],
        "withheld_handovers": figures["withheld_handovers"],
        "approximate_lines": figures["approximate_lines"],
        "at_least_lines": figures["at_least_lines"],
        "received_is_exact": figures["is_exact"],
        "received_is_lower_bound": figures["is_lower_bound"],
        "reported_received": entry["reported"]["received"],
        "verified_received": entry["verified"]["received"],
        "verified_handovers": entry["verified"]["handovers"],
        "verified_is_lower_bound": entry["verified"]["is_lower_bound"],
        "received_excluding_disputed_attribution": (
            entry["received_excluding_disputed_attribution"] if basis == "reported" else None
        ),
        "disputed_attribution_handovers": entry["disputed_attribution_handovers"],
        "discrepancies": entry["discrepancies"],
        "last_update_on": entry["last_update_on"],
        "announced": entry["announced"],
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


def render_status(
    body: dict[str, Any], *, revision: int, today: date, stall_days: int, basis: str = "reported"
) -> dict[str, Any]:
    """The full status document for `today` from a ready document."""
    concluded_on = body["concluded_on"]
    stall_before = (today - timedelta(days=stall_days)).isoformat()
    today_iso = today.isoformat()
    commitments = []
    for entry in body["commitments"]:
        last = entry["last_update_on"]
        recipients = [_rendered_recipient(r, basis) for r in entry["recipients"]]
        if _fulfilled(entry, basis):
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
                "declared_complete_on": entry["declared_complete_on"],
                "last_update_on": last,
                "days_since_last_update": _days_between(last, today),
                "imbalance": _imbalance(recipients),
                "discrepancies": entry["discrepancies"],
                "recipients": recipients,
            }
        )
    progress = _progress(body, basis=basis)
    last_update_on = body["last_update_on"]
    state = agreement_state(
        progress_state=progress.state.value,
        open_due_on=progress.open_due_on,
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
        "basis": basis,
        "revision": revision,
        "stall_days": stall_days,
        "concluded_on": concluded_on,
        "last_update_on": last_update_on,
        "days_since_last_update": _days_between(last_update_on, today),
        "commitments": commitments,
        "unattributed": [_rendered_recipient(r, basis) for r in body["unattributed"]],
        "unattributed_discrepancies": body["unattributed_discrepancies"],
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

    def __init__(self, *, stall_days: int, basis: str = "reported", capacity: int = 4096) -> None:
        self._stall_days = stall_days
        self._basis = basis
        self._capacity = capacity
        self._rendered: OrderedDict[str, RenderedStatus] = OrderedDict()

    @staticmethod
    def etag(revision: int, today: date, stall_days: int, basis: str = "reported") -> str:
        """The validator of a status: it changes with the revision, the day and the settings."""
        return f'"s{revision}.{today:%Y%m%d}.{stall_days}{basis[0]}"'

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
        document = render_status(
            orjson.loads(body), revision=revision, today=today, stall_days=self._stall_days, basis=self._basis
        )
        rendered = RenderedStatus(
            revision=revision,
            today=today,
            etag=self.etag(revision, today, self._stall_days, self._basis),
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


def lock_agreement(session: Session, *, agreement_id: str) -> Agreement | None:
    """The agreement row, locked until the transaction ends so its writers queue (PostgreSQL)."""
    return session.exec(select(Agreement).where(Agreement.id == agreement_id).with_for_update()).first()


def check_totals(session: Session, *, repair: bool) -> list[TotalDifference]:
    """Compare every agreement's kept figures, totals and status with its updates; with `repair`, rebuild them."""
    differences: list[TotalDifference] = []
    for agreement in session.exec(select(Agreement).order_by(col(Agreement.id))):
        found = check_agreement(session, agreement=agreement, repair=repair)
        differences.extend(found)
        if repair and found:
            refresh_status(session, agreement=agreement)
    return differences


# ---- the past: status as of a date, and the series for a chart ---------------------------------


def status_as_of(session: Session, *, agreement_id: str, as_of: date, stall_days: int, basis: str) -> dict[str, Any]:
    """The status as it stood on a date: the handovers that had occurred by then, as currently known."""
    agreement = session.get(Agreement, agreement_id)
    if agreement is None:
        raise NotFound(f"No agreement with id {agreement_id!r}.")
    if as_of > date.today():
        raise InvalidInput(f"as_of {as_of} is in the future.")
    # Summed in the database: the cost of a dated status no longer grows with loading every handover.
    totals = summed_totals(session, agreement_id=agreement_id, occurred_by=as_of)
    body = build_body(session, agreement=agreement, totals=totals, as_of=as_of)
    return render_status(body, revision=agreement.revision, today=as_of, stall_days=stall_days, basis=basis)


def timeline(session: Session, *, agreement_id: str) -> dict[str, Any]:
    """Cumulative received per term and party by date, reported and verified, with announced running totals."""
    agreement = session.get(Agreement, agreement_id)
    if agreement is None:
        raise NotFound(f"No agreement with id {agreement_id!r}.")
    # One row per term, party and day, summed in the database: the chart needs each day's end, not each handover.
    bucket, recipient_id = col(HandoverFigure.bucket), col(HandoverFigure.recipient_id)
    occurred_on = col(HandoverFigure.occurred_on)
    days = session.execute(
        sa_select(bucket, recipient_id, occurred_on, *summed_contributions())
        .where(col(HandoverFigure.agreement_id) == agreement_id)
        .group_by(bucket, recipient_id, occurred_on)
        .order_by(occurred_on, bucket, recipient_id)
    )
    series: dict[TotalKey, list[dict[str, Any]]] = {}
    running: dict[TotalKey, dict[str, Any]] = {}
    for day in days:
        key = (day[0], day[1])
        share = day._mapping
        state = running.setdefault(
            key, {"received": 0, "verified_received": 0, "handovers": 0, "lower_bound": False, "approximate": False}
        )
        state["received"] += int(share["received"])
        state["verified_received"] += int(share["verified_received"])
        state["handovers"] += int(share["handovers"])
        state["lower_bound"] = state["lower_bound"] or bool(share["withheld"] or share["at_least"])
        state["approximate"] = state["approximate"] or bool(share["approximate"])
        series.setdefault(key, []).append(
            {
                "date": day[2].isoformat(),
                "received": state["received"],
                "verified_received": state["verified_received"],
                "handovers": state["handovers"],
                "received_is_lower_bound": state["lower_bound"],
                "received_is_approximate": state["approximate"],
            }
        )

    def received_by(key: TotalKey, day: str) -> int:
        received = 0
        for point in series.get(key, []):
            if point["date"] > day:
                break
            received = point["received"]
        return received

    announced = []
    for announced_figure, announcement in session.exec(
        select(AnnouncedFigure, AnnouncedTotal)
        .join(AnnouncedTotal, col(AnnouncedTotal.id) == col(AnnouncedFigure.announcement_id))
        .where(AnnouncedTotal.agreement_id == agreement_id)
        .order_by(col(AnnouncedTotal.stated_on), col(AnnouncedTotal.created_at))
    ):
        key = (announced_figure.commitment_id or UNATTRIBUTED, announced_figure.recipient_id)
        stages = received_by(key, announcement.stated_on.isoformat())
        announced.append(
            {
                "announcement_id": announcement.id,
                "commitment_id": announced_figure.commitment_id,
                "recipient_id": announced_figure.recipient_id,
                "stated_on": announcement.stated_on.isoformat(),
                "claimant": announcement.claimant,
                "quantity": announced_figure.quantity,
                "qualifier": announced_figure.qualifier,
                "sum_of_stages_then": stages,
                "differs": announced_differs(announced_figure.quantity, announced_figure.qualifier, stages),
            }
        )
    return {
        "agreement_id": agreement_id,
        "series": [
            {
                "commitment_id": None if bucket == UNATTRIBUTED else bucket,
                "recipient_id": recipient_id,
                "points": points,
            }
            for (bucket, recipient_id), points in sorted(series.items())
        ],
        "announced": announced,
    }
