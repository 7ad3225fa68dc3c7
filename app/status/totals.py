"""Running totals: each handover's figures, and their sums per term and party, moved in the writing transaction."""

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, fields
from datetime import date
from functools import cache
from typing import Any

from sqlalchemy import case, func, insert, or_
from sqlalchemy import select as sa_select
from sqlalchemy import update as sa_update
from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlmodel import Session, col, delete, select

from app.core.db import insert_later, merged_when_deferred, table_of
from app.models.agreement import Agreement
from app.models.review import AttributionDispute
from app.models.status import HandoverFigure, RunningTotal, StatusSnapshot
from app.models.update import FulfilmentUpdate, UpdateLine
from app.models.values import UNATTRIBUTED, AgreementKind, ReviewState
from app.status.arithmetic import (
    COUNTERS,
    Claim,
    Figure,
    FigureKey,
    accumulate,
    attribution_disputed,
    contribution,
    rejected_in_effect,
    summed_contributions,
    weigh,
)


def claim_of(update: FulfilmentUpdate, lines: Iterable[UpdateLine], *, corrected: Sequence[str] = ()) -> Claim:
    """An update and its lines, as a claim about its handover; `corrected`: the review states of the updates
    it corrects, nearest first."""
    return Claim(
        update_id=update.id,
        created_at=update.created_at,
        occurred_on=update.occurred_on,
        review_state=update.review_state,
        reviewed_at=update.reviewed_at,
        superseded=update.superseded_by is not None,
        publisher=update.source_publisher,
        url=update.source_url,
        figures={
            (line.commitment_id or UNATTRIBUTED, line.recipient_id): (line.quantity, line.qualifier) for line in lines
        },
        inherits_rejection=update.review_state == ReviewState.reported
        and rejected_in_effect([update.review_state, *corrected]),
    )


def _corrected_states(update: FulfilmentUpdate, by_id: dict[str, FulfilmentUpdate]) -> list[str]:
    """The review states of the updates this one corrects, nearest first."""
    states: list[str] = []
    replaced = by_id.get(update.supersedes) if update.supersedes else None
    while replaced is not None and len(states) < len(by_id):
        states.append(replaced.review_state)
        replaced = by_id.get(replaced.supersedes) if replaced.supersedes else None
    return states


def summed_totals(session: Session, *, agreement_id: str, occurred_by: date) -> dict[FigureKey, RunningTotal]:
    """The SQL twin of `totals_of`: the running totals of the kept figures of handovers up to a day."""
    bucket, recipient_id = col(HandoverFigure.bucket), col(HandoverFigure.recipient_id)
    rows = session.execute(
        sa_select(bucket, recipient_id, func.max(col(HandoverFigure.occurred_on)), *summed_contributions())
        .where(col(HandoverFigure.agreement_id) == agreement_id, col(HandoverFigure.occurred_on) <= occurred_by)
        .group_by(bucket, recipient_id)
    )
    return {
        (row[0], row[1]): RunningTotal(
            agreement_id=agreement_id,
            bucket=row[0],
            recipient_id=row[1],
            last_update_on=row[2],
            **{name: int(row._mapping[name]) for name in COUNTERS},
        )
        for row in rows
    }


def figure_of_row(row: HandoverFigure) -> Figure:
    return Figure(
        occurred_on=row.occurred_on,
        quantity=row.quantity,
        qualifier=row.qualifier,
        standing_update_id=row.standing_update_id,
        verified=row.verified,
        verified_quantity=row.verified_quantity,
        verified_qualifier=row.verified_qualifier,
        discrepancy=row.discrepancy,
        attribution_disputed=row.attribution_disputed,
        claims=row.claims,
    )


def _figure_values(agreement_id: str, handover_id: str, key: FigureKey, figure: Figure) -> dict[str, Any]:
    """A handover figure as the values of its row."""
    return {
        "handover_id": handover_id,
        "bucket": key[0],
        "recipient_id": key[1],
        "agreement_id": agreement_id,
        **{name: getattr(figure, name) for name in FIGURE_COLUMNS},
    }


def _row_of_figure(agreement_id: str, handover_id: str, key: FigureKey, figure: Figure) -> HandoverFigure:
    return HandoverFigure(
        handover_id=handover_id,
        bucket=key[0],
        recipient_id=key[1],
        agreement_id=agreement_id,
        occurred_on=figure.occurred_on,
        quantity=figure.quantity,
        qualifier=figure.qualifier,
        standing_update_id=figure.standing_update_id,
        verified=figure.verified,
        verified_quantity=figure.verified_quantity,
        verified_qualifier=figure.verified_qualifier,
        discrepancy=figure.discrepancy,
        attribution_disputed=figure.attribution_disputed,
        claims=figure.claims,
    )


FIGURE_COLUMNS = tuple(f.name for f in fields(Figure))
BATCH = 500  # ids per IN list: SQLite caps the number of bound parameters


def load_claims(session: Session, *, handover_ids: Sequence[str]) -> dict[str, list[Claim]]:
    """Every claim about these handovers, superseded and rejected ones included."""
    claims: dict[str, list[Claim]] = defaultdict(list)
    for start in range(0, len(handover_ids), BATCH):
        chunk = handover_ids[start : start + BATCH]
        updates = list(session.exec(select(FulfilmentUpdate).where(col(FulfilmentUpdate.handover_id).in_(chunk))))
        lines: dict[str, list[UpdateLine]] = defaultdict(list)
        if updates:
            for line in session.exec(select(UpdateLine).where(col(UpdateLine.update_id).in_([u.id for u in updates]))):
                lines[line.update_id].append(line)
        by_id = {update.id: update for update in updates}  # a correction shares its original's handover
        for update in updates:
            corrected = _corrected_states(update, by_id)
            claims[update.handover_id].append(claim_of(update, lines[update.id], corrected=corrected))
    return claims


def disputed_handovers(session: Session, *, handover_ids: Sequence[str]) -> set[str]:
    """The handovers whose attribution to their agreement a party disputes now (`attribution_disputed`)."""
    statements: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for start in range(0, len(handover_ids), BATCH):
        for handover_id, party_id, position in session.exec(
            select(AttributionDispute.handover_id, AttributionDispute.party_id, AttributionDispute.position)
            .where(col(AttributionDispute.handover_id).in_(handover_ids[start : start + BATCH]))
            .order_by(col(AttributionDispute.id))
        ):
            statements[handover_id].append((party_id, position))
    return {handover_id for handover_id, said in statements.items() if attribution_disputed(said)}


def add_to_totals(session: Session, *, agreement_id: str, changes: dict[FigureKey, dict[str, Any]]) -> None:
    """Move running totals by deltas in one upsert each, never by reading them first.

    Each change holds the counters' deltas and, optionally, `last_update_on`: a handover day that the
    total's latest day must be at least. Concurrent writers cannot lose each other's moves this way.
    """
    if not changes:
        return
    rows = [
        {
            "agreement_id": agreement_id,
            "bucket": bucket,
            "recipient_id": recipient_id,
            **{name: int(change.get(name, 0)) for name in COUNTERS},
            "last_update_on": change.get("last_update_on"),
        }
        for (bucket, recipient_id), change in sorted(changes.items())
    ]
    insert_later(session, _upsert_totals(session.get_bind().dialect.name), rows)


@cache
def _upsert_totals(dialect: str) -> Any:
    """The upsert that adds deltas to running totals, built once per database kind."""
    table = table_of(RunningTotal)
    upsert = postgresql_insert(table) if dialect == "postgresql" else sqlite_insert(table)
    latest = table.c.last_update_on
    offered = upsert.excluded.last_update_on
    statement = upsert.on_conflict_do_update(
        index_elements=[table.c.agreement_id, table.c.bucket, table.c.recipient_id],
        set_={
            **{name: table.c[name] + upsert.excluded[name] for name in COUNTERS},
            "last_update_on": case(
                (offered.is_(None), latest), (or_(latest.is_(None), offered > latest), offered), else_=latest
            ),
        },
    )
    merged_when_deferred(statement, _merged_deltas)
    return statement


def _merged_deltas(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Deltas to one running total gathered in a batch, as one: the counters summed, the latest day kept (what
    the upsert does to each in turn), since one statement must not meet the same row twice."""
    merged: dict[tuple[str, str, str], dict[str, Any]] = {}
    for row in rows:
        key = (row["agreement_id"], row["bucket"], row["recipient_id"])
        into = merged.get(key)
        if into is None:
            merged[key] = dict(row)
            continue
        for name in COUNTERS:
            into[name] += row[name]
        days = [day for day in (into["last_update_on"], row["last_update_on"]) if day is not None]
        into["last_update_on"] = max(days) if days else None
    return [merged[key] for key in sorted(merged)]


NEW_FIGURES = insert(table_of(HandoverFigure))


def settle_new_handover(session: Session, *, agreement_id: str, handover_id: str, claim: Claim) -> None:
    """Count a handover's first claim: its figures written, the running totals moved, in a few statements."""
    figures = weigh([claim], attribution_disputed=False)
    if not figures:
        return
    insert_later(
        session,
        NEW_FIGURES,
        [_figure_values(agreement_id, handover_id, key, figure) for key, figure in figures.items()],
    )
    changes: dict[FigureKey, dict[str, Any]] = {}
    for key, figure in figures.items():
        accumulate(changes.setdefault(key, {}), figure)
    add_to_totals(session, agreement_id=agreement_id, changes=changes)


def settle_handover(session: Session, *, agreement_id: str, handover_id: str) -> None:
    """Reweigh one handover from all its claims and move the running totals by the difference."""
    claims = load_claims(session, handover_ids=[handover_id])[handover_id]
    old = {
        (row.bucket, row.recipient_id): row
        for row in session.exec(select(HandoverFigure).where(HandoverFigure.handover_id == handover_id))
    }
    disputed = handover_id in disputed_handovers(session, handover_ids=[handover_id])
    new = weigh(claims, attribution_disputed=disputed)
    changes: dict[FigureKey, dict[str, Any]] = {}
    withdrawn: set[FigureKey] = set()
    for key, row in old.items():
        change = changes.setdefault(key, {})
        for name, value in contribution(figure_of_row(row)).items():
            change[name] = change.get(name, 0) - value
        withdrawn.add(key)
        session.delete(row)
    for key, figure in new.items():
        accumulate(changes.setdefault(key, {}), figure)
    session.flush()
    if new:
        session.execute(
            insert(table_of(HandoverFigure)),
            [_figure_values(agreement_id, handover_id, key, figure) for key, figure in new.items()],
        )
    add_to_totals(session, agreement_id=agreement_id, changes=changes)
    totals, figures = table_of(RunningTotal), table_of(HandoverFigure)
    for bucket, recipient_id in withdrawn:
        # A withdrawn figure may have been the latest of its term and party: the latest is read again.
        latest = (
            sa_select(func.max(figures.c.occurred_on))
            .where(
                figures.c.agreement_id == agreement_id,
                figures.c.bucket == bucket,
                figures.c.recipient_id == recipient_id,
            )
            .scalar_subquery()
        )
        session.execute(
            sa_update(totals)
            .where(
                totals.c.agreement_id == agreement_id, totals.c.bucket == bucket, totals.c.recipient_id == recipient_id
            )
            .values(last_update_on=latest)
        )


# ---- rebuilding from the updates ------------------------------------------------------------


@dataclass(frozen=True)
class TotalDifference:
    """A kept figure or total that does not match what the updates say."""

    agreement_id: str
    bucket: str
    recipient_id: str
    field: str
    kept: Any
    rebuilt: Any


def rebuild_figures(session: Session, *, agreement_id: str) -> dict[tuple[str, str, str], Figure]:
    """Every handover figure of an agreement, weighed afresh from its claims."""
    handover_ids = list(
        session.exec(
            select(FulfilmentUpdate.handover_id).where(FulfilmentUpdate.agreement_id == agreement_id).distinct()
        )
    )
    claims = load_claims(session, handover_ids=handover_ids) if handover_ids else {}
    disputed = disputed_handovers(session, handover_ids=handover_ids) if handover_ids else set()
    return {
        (handover_id, key[0], key[1]): figure
        for handover_id, handover_claims in claims.items()
        for key, figure in weigh(handover_claims, attribution_disputed=handover_id in disputed).items()
    }


def totals_of(figures: dict[tuple[str, str, str], Figure], *, agreement_id: str) -> dict[FigureKey, RunningTotal]:
    """The running totals that a set of handover figures adds up to."""
    sums: dict[FigureKey, dict[str, Any]] = {}
    for (_, bucket, recipient_id), figure in figures.items():
        accumulate(sums.setdefault((bucket, recipient_id), dict.fromkeys(COUNTERS, 0)), figure)
    return {
        (bucket, recipient_id): RunningTotal(
            agreement_id=agreement_id, bucket=bucket, recipient_id=recipient_id, **counters
        )
        for (bucket, recipient_id), counters in sums.items()
    }


_FIGURE_FIELDS = (
    "occurred_on",
    "quantity",
    "qualifier",
    "standing_update_id",
    "verified",
    "verified_quantity",
    "verified_qualifier",
    "discrepancy",
    "attribution_disputed",
)


def check_agreement(session: Session, *, agreement: Agreement, repair: bool) -> list[TotalDifference]:
    """Compare one agreement's kept figures and totals with its updates; with `repair`, make them agree."""
    figures = rebuild_figures(session, agreement_id=agreement.id)
    kept_rows = {
        (row.handover_id, row.bucket, row.recipient_id): row
        for row in session.exec(select(HandoverFigure).where(HandoverFigure.agreement_id == agreement.id))
    }
    found: list[TotalDifference] = []
    for key in sorted(set(figures) | set(kept_rows)):
        for name in _FIGURE_FIELDS:
            kept_value = getattr(kept_rows[key], name) if key in kept_rows else None
            rebuilt_value = getattr(figures[key], name) if key in figures else None
            if kept_value != rebuilt_value:
                found.append(
                    TotalDifference(
                        agreement.id, key[1], key[2], f"handover {key[0]} {name}", kept_value, rebuilt_value
                    )
                )
    rebuilt = totals_of(figures, agreement_id=agreement.id)
    kept = {
        (t.bucket, t.recipient_id): t
        for t in session.exec(select(RunningTotal).where(RunningTotal.agreement_id == agreement.id))
    }
    for total_key in sorted(set(rebuilt) | set(kept)):
        for name in (*COUNTERS, "last_update_on"):
            kept_value = getattr(kept[total_key], name) if total_key in kept else None
            rebuilt_value = getattr(rebuilt[total_key], name) if total_key in rebuilt else None
            # A total whose handovers were all withdrawn stays as a row of zeros: that is no difference.
            if total_key not in rebuilt and kept_value in (0, None):
                continue
            if kept_value != rebuilt_value:
                found.append(TotalDifference(agreement.id, total_key[0], total_key[1], name, kept_value, rebuilt_value))
    snapshot = session.get(StatusSnapshot, agreement.id)
    has_status = agreement.kind == AgreementKind.agreement  # a record of handovers outside agreements has none
    if has_status and (snapshot is None or snapshot.revision != agreement.revision):
        found.append(TotalDifference(agreement.id, "-", "-", "status_snapshot revision", None, agreement.revision))
    if repair and found:
        session.exec(delete(HandoverFigure).where(col(HandoverFigure.agreement_id) == agreement.id))
        session.exec(delete(RunningTotal).where(col(RunningTotal.agreement_id) == agreement.id))
        session.flush()
        session.add_all(_row_of_figure(agreement.id, h, (b, r), figure) for (h, b, r), figure in figures.items())
        session.add_all(rebuilt.values())
        session.flush()
    return found
