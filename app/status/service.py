"""Status: running totals kept per write, a ready document per agreement, and states by date."""

from collections import OrderedDict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

import orjson
from sqlalchemy import func
from sqlalchemy import select as sa_select
from sqlmodel import Session, col, select

from app.core.errors import InvalidInput, NotFound
from app.models.agreement import Agreement, AgreementParty, Commitment, CommitmentTarget
from app.models.announcement import AnnouncedFigure, AnnouncedTotal
from app.models.party import Party
from app.models.status import HandoverFigure, RunningTotal, StatusSnapshot
from app.models.values import UNATTRIBUTED, CriteriaPublic, Measure, PartyRole, Qualifier, State
from app.status.arithmetic import (
    COUNTERS,
    Progress,
    agreement_progress,
    commitment_progress,
    figures,
    state_on,
    summed_contributions,
)
from app.status.policy import StatusPolicy
from app.status.schemas import (
    AgreementStatus,
    Announced,
    CommitmentStatus,
    Discrepancy,
    Imbalance,
    RecipientStatus,
)
from app.status.totals import TotalDifference, check_agreement, summed_totals
from app.webhooks.events import emit_state_changes

TotalKey = tuple[str, str]  # (bucket, recipient_id)


def _counters(total: RunningTotal | None) -> dict[str, int]:
    return {name: int(getattr(total, name) or 0) for name in COUNTERS} if total is not None else {}


def _recipient_entry(
    *,
    recipient_id: str,
    name: str,
    target: CommitmentTarget | None,
    total: RunningTotal | None,
    announced: dict[str, Any] | None,
) -> dict[str, Any]:
    counters = _counters(total)
    reported = figures(counters, basis="reported")
    disputed = counters.get("disputed_received", 0)
    return {
        "recipient_id": recipient_id,
        "recipient_name": name,
        "target": target.quantity if target else None,
        "target_qualifier": target.qualifier if target else None,
        "reported": reported,
        "verified": figures(counters, basis="verified"),
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


def refresh_status(session: Session, *, agreement: Agreement, policy: StatusPolicy) -> None:
    """Rebuild the agreement's ready status document and its derived columns; bump its revision."""
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


# ---- states by date ---------------------------------------------------------------------


def _on(day: str | None) -> date | None:
    return date.fromisoformat(day) if day else None


def _rendered_recipient(entry: dict[str, Any], basis: str) -> RecipientStatus:
    chosen = entry[basis]
    received, target = chosen["received"], entry["target"]
    return RecipientStatus(
        recipient_id=entry["recipient_id"],
        recipient_name=entry["recipient_name"],
        target=target,
        target_qualifier=entry["target_qualifier"],
        received=received,
        percent=round(received * 100 / target, 1) if target else None,
        remaining=max(target - received, 0) if target is not None else None,
        exceeds_target=target is not None and received > target,
        handovers=chosen["handovers"],
        withheld_handovers=chosen["withheld_handovers"],
        approximate_lines=chosen["approximate_lines"],
        at_least_lines=chosen["at_least_lines"],
        received_is_exact=chosen["is_exact"],
        received_is_lower_bound=chosen["is_lower_bound"],
        reported_received=entry["reported"]["received"],
        verified_received=entry["verified"]["received"],
        verified_handovers=entry["verified"]["handovers"],
        verified_is_lower_bound=entry["verified"]["is_lower_bound"],
        received_excluding_disputed_attribution=(
            entry["received_excluding_disputed_attribution"] if basis == "reported" else None
        ),
        disputed_attribution_handovers=entry["disputed_attribution_handovers"],
        discrepancies=entry["discrepancies"],
        last_update_on=_on(entry["last_update_on"]),
        announced=Announced.model_validate(entry["announced"]) if entry["announced"] else None,
    )


def _imbalance(recipients: Sequence[RecipientStatus]) -> Imbalance | None:
    if len(recipients) < 2:
        return None
    ordered = sorted(recipients, key=lambda r: r.received, reverse=True)
    most, least = ordered[0], ordered[-1]
    return Imbalance(
        most_received_id=most.recipient_id,
        least_received_id=least.recipient_id,
        difference=most.received - least.received,
        ratio=round(most.received / least.received, 2) if least.received else None,
    )


def render_status(body: dict[str, Any], *, revision: int, today: date, policy: StatusPolicy) -> AgreementStatus:
    """The full status document for `today` from a ready document."""
    basis, stall_days = policy.basis, policy.stall_days
    concluded_on = date.fromisoformat(body["concluded_on"])

    def on_the_day(progress: Progress, last: date | None) -> State:
        return state_on(progress, last_update_on=last, concluded_on=concluded_on, today=today, stall_days=stall_days)

    commitments = []
    for entry in body["commitments"]:
        last = _on(entry["last_update_on"])
        recipients = [_rendered_recipient(r, basis) for r in entry["recipients"]]
        commitments.append(
            CommitmentStatus(
                commitment_id=entry["commitment_id"],
                category=entry["category"],
                measure=entry["measure"],
                state=on_the_day(commitment_progress(entry, basis=basis), last),
                description=entry["description"],
                criteria=CriteriaPublic.model_validate(entry["criteria"]) if entry["criteria"] else None,
                due_on=_on(entry["due_on"]),
                declared_complete_on=_on(entry["declared_complete_on"]),
                last_update_on=last,
                days_since_last_update=(today - last).days if last else None,
                imbalance=_imbalance(recipients),
                discrepancies=[Discrepancy.model_validate(d) for d in entry["discrepancies"]],
                recipients=recipients,
            )
        )
    last_update_on = _on(body["last_update_on"])
    return AgreementStatus(
        agreement_id=body["agreement_id"],
        title=body["title"],
        state=on_the_day(agreement_progress(body, basis=basis), last_update_on),
        as_of=today,
        basis=basis,
        revision=revision,
        stall_days=stall_days,
        concluded_on=concluded_on,
        last_update_on=last_update_on,
        days_since_last_update=(today - last_update_on).days if last_update_on else None,
        commitments=commitments,
        unattributed=[_rendered_recipient(r, basis) for r in body["unattributed"]],
        unattributed_discrepancies=[Discrepancy.model_validate(d) for d in body["unattributed_discrepancies"]],
    )


@dataclass(frozen=True)
class RenderedStatus:
    """A status document ready to send, with its validator."""

    revision: int
    today: date
    etag: str
    content: bytes


class StatusReader:
    """The lean read path: one row by primary key, rendered once per revision and day."""

    def __init__(self, *, policy: StatusPolicy, capacity: int = 4096) -> None:
        self._policy = policy
        self._capacity = capacity
        self._rendered: OrderedDict[str, RenderedStatus] = OrderedDict()

    @staticmethod
    def etag(revision: int, today: date, policy: StatusPolicy) -> str:
        """The validator of a status: it changes with the revision, the day and the policy."""
        return f'"s{revision}.{today:%Y%m%d}.{policy.tag}"'

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
        document = render_status(orjson.loads(body), revision=revision, today=today, policy=self._policy)
        rendered = RenderedStatus(
            revision=revision,
            today=today,
            etag=self.etag(revision, today, self._policy),
            content=document.model_dump_json().encode(),
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


# ---- the past: status as of a date, and the series for a chart ---------------------------------


def status_as_of(session: Session, *, agreement_id: str, as_of: date, policy: StatusPolicy) -> AgreementStatus:
    """The status as it stood on a date: the handovers that had occurred by then, as currently known."""
    agreement = session.get(Agreement, agreement_id)
    if agreement is None:
        raise NotFound(f"No agreement with id {agreement_id!r}.")
    if as_of > date.today():
        raise InvalidInput(f"as_of {as_of} is in the future.")
    # Summed in the database: the cost of a dated status no longer grows with loading every handover.
    totals = summed_totals(session, agreement_id=agreement_id, occurred_by=as_of)
    body = build_body(session, agreement=agreement, totals=totals, as_of=as_of)
    return render_status(body, revision=agreement.revision, today=as_of, policy=policy)


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
