"""The past: the status as it stood on a day, and the series for a chart."""

from datetime import date
from typing import Any

from sqlalchemy import select as sa_select
from sqlmodel import Session, col, select

from app.core.errors import InvalidInput, NotFound
from app.models.agreement import Agreement
from app.models.announcement import AnnouncedFigure, AnnouncedTotal
from app.models.status import HandoverFigure
from app.models.values import UNATTRIBUTED, AgreementKind
from app.status.arithmetic import (
    summed_contributions,
)
from app.status.document import TotalKey, announced_differs, build_body
from app.status.policy import StatusPolicy
from app.status.render import render_status
from app.status.schemas import (
    AgreementStatus,
)
from app.status.totals import summed_totals


def status_as_of(session: Session, *, agreement_id: str, as_of: date, policy: StatusPolicy) -> AgreementStatus:
    """The status as it stood on a date: the handovers that had occurred by then, as currently known."""
    agreement = session.get(Agreement, agreement_id)
    if agreement is None or agreement.kind != AgreementKind.agreement:
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
    if agreement is None or agreement.kind != AgreementKind.agreement:
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
