"""The ready status document of an agreement: its date-independent figures, built from the running totals."""

from collections.abc import Iterable
from datetime import date
from typing import Any

from sqlalchemy import func
from sqlmodel import Session, col, select

from app.models.agreement import Agreement, AgreementParty, Commitment, CommitmentTarget
from app.models.announcement import AnnouncedFigure, AnnouncedTotal
from app.models.party import Party
from app.models.status import HandoverFigure, RunningTotal
from app.models.values import UNATTRIBUTED, Measure, PartyRole, Qualifier
from app.status.arithmetic import (
    COUNTERS,
    figures,
)

TotalKey = tuple[str, str]  # (bucket, recipient_id)


def _counters(total: RunningTotal | None) -> dict[str, int]:
    return {name: int(getattr(total, name) or 0) for name in COUNTERS} if total is not None else {}


def _recipient_entry(
    *,
    recipient_id: str,
    name: str,
    target: tuple[int, str] | None,
    total: RunningTotal | None,
    announced: dict[str, Any] | None,
) -> dict[str, Any]:
    counters = _counters(total)
    reported = figures(counters, basis="reported")
    disputed = counters.get("disputed_received", 0)
    return {
        "recipient_id": recipient_id,
        "recipient_name": name,
        "target": target[0] if target else None,
        "target_qualifier": target[1] if target else None,
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
                target=(by_recipient[rid].quantity, by_recipient[rid].qualifier) if rid in by_recipient else None,
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


def patch_body(
    session: Session, *, agreement_id: str, body: dict[str, Any], totals: dict[TotalKey, RunningTotal]
) -> dict[str, Any]:
    """The ready document with its figures moved to these running totals, all else kept.

    Right when the writes since the document was built only added first claims of new handovers:
    they move totals (and the sums beside announced totals) and nothing else the document holds.
    """
    announced = (
        _announcements(session, agreement_id=agreement_id, as_of=None)
        if any(r["announced"] for e in body["commitments"] for r in e["recipients"])
        or any(r["announced"] for r in body["unattributed"])
        else {}
    )

    def moved(entry: dict[str, Any], bucket: str) -> dict[str, Any]:
        target = (entry["target"], entry["target_qualifier"]) if entry["target"] is not None else None
        key = (bucket, entry["recipient_id"])
        return _recipient_entry(
            recipient_id=entry["recipient_id"],
            name=entry["recipient_name"],
            target=target,
            total=totals.get(key),
            announced=announced.get(key),
        )

    for commitment in body["commitments"]:
        commitment["recipients"] = [moved(r, commitment["commitment_id"]) for r in commitment["recipients"]]
        commitment["last_update_on"] = _max_date(r["last_update_on"] for r in commitment["recipients"])
    names = {r["recipient_id"]: r["recipient_name"] for e in body["commitments"] for r in e["recipients"]}
    names.update({r["recipient_id"]: r["recipient_name"] for r in body["unattributed"]})
    unattributed = [
        rid for (bucket, rid), total in sorted(totals.items()) if bucket == UNATTRIBUTED and total.handovers
    ]
    missing = set(unattributed) - set(names)
    if missing:
        names.update({p.id: p.name for p in session.exec(select(Party).where(col(Party.id).in_(missing)))})
    body["unattributed"] = [
        _recipient_entry(
            recipient_id=rid,
            name=names.get(rid, rid),
            target=None,
            total=totals[(UNATTRIBUTED, rid)],
            announced=announced.get((UNATTRIBUTED, rid)),
        )
        for rid in unattributed
    ]
    body["last_update_on"] = _max_date(
        t.last_update_on.isoformat() for t in totals.values() if t.last_update_on and t.handovers
    )
    return body
