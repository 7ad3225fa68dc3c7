"""Summaries across agreements, summed in the database from the running totals or the handover figures."""

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import ColumnElement, Select, func, literal_column, select
from sqlalchemy.orm import aliased
from sqlmodel import Session, col

from app.agreements.service import AgreementFilter
from app.core.errors import InvalidInput
from app.core.languages import DEFAULT_LANGUAGE, in_language
from app.models.agreement import Agreement, AgreementParty, Commitment
from app.models.party import Party
from app.models.status import HandoverFigure, RunningTotal
from app.models.values import Category, PartyRole, State
from app.parties.service import get_parties, get_party, party_names
from app.status.arithmetic import COUNTERS, figures, summed_contributions, summed_totals_counters
from app.status.policy import StatusPolicy
from app.summaries.models import Interval, Side, Summary, SummaryFigures, SummaryLine, SummaryPoint


@dataclass(frozen=True)
class SummaryFilter:
    """Which handovers a summary adds up: every filter given must match; several values match any."""

    categories: tuple[Category, ...] = ()
    occurred_from: date | None = None
    occurred_to: date | None = None
    counterpart_id: str | None = None
    states: tuple[State, ...] = ()

    @property
    def dated(self) -> bool:
        """Whether the handovers must be read one by one (by their day) rather than from the running totals."""
        return self.occurred_from is not None or self.occurred_to is not None


def check_filter(session: Session, *, filters: SummaryFilter, party_id: str | None) -> None:
    """Refuse a period that ends before it starts and a counterpart that is no party (or the party itself)."""
    if filters.occurred_from and filters.occurred_to and filters.occurred_from > filters.occurred_to:
        raise InvalidInput(
            f"from {filters.occurred_from} is after to {filters.occurred_to}.",
            errors=[{"location": ["query", "from"], "message": "after `to`", "type": "period_reversed"}],
        )
    if filters.counterpart_id is not None:
        if not get_parties(session, party_ids=[filters.counterpart_id]):
            raise InvalidInput(
                f"counterpart: no party with id {filters.counterpart_id!r}.",
                errors=[{"location": ["query", "counterpart"], "message": "no such party", "type": "unknown_party"}],
            )
        if filters.counterpart_id == party_id:
            raise InvalidInput("counterpart: a party is not its own counterpart.")


def _scope(filters: SummaryFilter, *, policy: StatusPolicy, today: date) -> list[ColumnElement[bool]]:
    """The agreements (and records of handovers outside agreements) a summary reads, as conditions."""
    # The party's own agreements are those the query joins it by (`_query`).
    conditions = AgreementFilter(states=filters.states, outside=True).conditions(policy=policy, today=today)
    if filters.counterpart_id is not None:
        conditions += AgreementFilter(party_id=filters.counterpart_id, outside=True).conditions(
            policy=policy, today=today
        )
    return conditions


def _period(day: Any, *, interval: Interval, dialect: str) -> ColumnElement[str]:
    """A handover day's month (`2025-06`) or year (`2025`), in the database's own words."""
    # Constants written into the statement: PostgreSQL groups by an expression only if its text is the same.
    if dialect == "postgresql":
        return func.to_char(day, literal_column("'YYYY-MM'" if interval is Interval.month else "'YYYY'"))
    return func.strftime(literal_column("'%Y-%m'" if interval is Interval.month else "'%Y'"), day)


def _query(
    filters: SummaryFilter,
    *,
    party_id: str | None,
    interval: Interval | None,
    dialect: str,
    policy: StatusPolicy,
    today: date,
) -> Select[Any]:
    """One row per category, receiving party (and period, and the party's role) with its counters summed."""
    # The running totals hold every handover so far: only a period (or a series) needs the handovers one by one.
    by_handover = filters.dated or interval is not None
    source: Any = HandoverFigure if by_handover else RunningTotal
    sums = summed_contributions() if by_handover else summed_totals_counters()
    keys: list[Any] = [col(Commitment.category).label("category"), col(source.recipient_id).label("recipient_id")]
    member: Any = aliased(AgreementParty)  # apart from the counterpart's AgreementParty, which the filter correlates
    if party_id is not None:
        keys.append(member.role.label("role"))
    if interval is not None:
        keys.append(_period(col(HandoverFigure.occurred_on), interval=interval, dialect=dialect).label("period"))
    query = (
        select(*keys, *sums)
        .select_from(source)
        .join(Agreement, col(Agreement.id) == col(source.agreement_id))
        .outerjoin(Commitment, col(Commitment.id) == col(source.bucket))
        .where(*_scope(filters, policy=policy, today=today))
    )
    if party_id is not None:
        query = query.join(member, (member.agreement_id == col(Agreement.id)) & (member.party_id == party_id))
    if filters.categories:
        query = query.where(col(Commitment.category).in_([c.value for c in filters.categories]))
    if filters.occurred_from is not None:
        query = query.where(col(HandoverFigure.occurred_on) >= filters.occurred_from)
    if filters.occurred_to is not None:
        query = query.where(col(HandoverFigure.occurred_on) <= filters.occurred_to)
    return query.group_by(*keys)


def summary_figures(counters: Mapping[str, int], *, policy: StatusPolicy) -> SummaryFigures:
    """A summary's figures from summed counters, both bases, through the ledger's arithmetic."""
    chosen = figures(counters, basis=policy.basis)
    reported = figures(counters, basis="reported")
    verified = figures(counters, basis="verified")
    return SummaryFigures(
        received=chosen["received"],
        handovers=chosen["handovers"],
        withheld_handovers=chosen["withheld_handovers"],
        approximate_lines=chosen["approximate_lines"],
        at_least_lines=chosen["at_least_lines"],
        received_is_exact=chosen["is_exact"],
        received_is_lower_bound=chosen["is_lower_bound"],
        reported_received=reported["received"],
        reported_handovers=reported["handovers"],
        reported_is_lower_bound=reported["is_lower_bound"],
        verified_received=verified["received"],
        verified_handovers=verified["handovers"],
        verified_is_lower_bound=verified["is_lower_bound"],
        disputed_attribution_handovers=counters.get("disputed_handovers", 0),
        discrepancies=counters.get("discrepancies", 0),
    )


def _side(*, recipient_id: str, role: str | None, party_id: str | None) -> Side | None:
    if party_id is None:
        return None
    if recipient_id == party_id:
        return Side.received
    return Side.handed_over if role == PartyRole.party else Side.mediated


CATEGORY_ORDER = {category.value: index for index, category in enumerate(Category)}
SIDE_ORDER = {side: index for index, side in enumerate(Side)}


def _order(line: SummaryLine) -> tuple[Any, ...]:
    category = CATEGORY_ORDER.get(line.category.value, len(CATEGORY_ORDER)) if line.category else len(CATEGORY_ORDER)
    side = SIDE_ORDER[line.side] if line.side else 0
    return (category, side, line.recipient_name.casefold(), line.recipient_id)


def summarize(
    session: Session,
    *,
    party_id: str | None,
    filters: SummaryFilter,
    interval: Interval | None,
    policy: StatusPolicy,
    today: date,
) -> Summary:
    """What the handovers add up to per category and receiving party: of one party's agreements (and records
    outside agreements), or of all; with a series per month or year when an interval is given."""
    party: Party | None = get_party(session, party_id=party_id) if party_id is not None else None
    check_filter(session, filters=filters, party_id=party_id)
    dialect = session.get_bind().dialect.name

    def rows(with_interval: Interval | None) -> list[Mapping[str, Any]]:
        query = _query(filters, party_id=party_id, interval=with_interval, dialect=dialect, policy=policy, today=today)
        return [dict(row._mapping) for row in session.execute(query) if row._mapping["handovers"]]

    whole = rows(None)
    periods = rows(interval) if interval is not None else []
    names = {
        p.id: p.name
        for p in get_parties(session, party_ids={row["recipient_id"] for row in [*whole, *periods]}).values()
    }

    def line_values(row: Mapping[str, Any]) -> dict[str, Any]:
        counters = {name: int(row[name]) for name in COUNTERS}
        return {
            **summary_figures(counters, policy=policy).model_dump(),
            "category": row["category"],
            "recipient_id": row["recipient_id"],
            "recipient_name": names.get(row["recipient_id"], row["recipient_id"]),
            "side": _side(recipient_id=row["recipient_id"], role=row.get("role"), party_id=party_id),
        }

    lines = sorted((SummaryLine(**line_values(row)) for row in whole), key=_order)
    series = sorted(
        (SummaryPoint(**line_values(row), period=row["period"]) for row in periods),
        key=lambda point: (point.period, *_order(point)),
    )
    return Summary(
        party_id=party.id if party else None,
        party_name=party.name if party else None,
        basis=policy.basis,
        as_of=today,
        occurred_from=filters.occurred_from,
        occurred_to=filters.occurred_to,
        categories=list(filters.categories),
        counterpart_id=filters.counterpart_id,
        states=list(filters.states),
        interval=interval,
        lines=lines,
        series=series,
    )


def summary_in_language(session: Session, summary: Summary, *, language: str) -> Summary:
    """A summary with the party's and every receiving party's name in `language` (the service names them in
    English), one query; the figures and their order are the API's."""
    if language == DEFAULT_LANGUAGE:
        return summary
    ids = {line.recipient_id for line in [*summary.lines, *summary.series]}
    if summary.party_id is not None:
        ids.add(summary.party_id)
    if not ids:
        return summary
    names = {
        party.id: in_language(party_names(party), language, fallback=party.name)
        for party in session.execute(select(Party).where(col(Party.id).in_(ids))).scalars()
    }
    return summary.model_copy(
        update={
            "party_name": names.get(summary.party_id or "", summary.party_name),
            "lines": [
                line.model_copy(update={"recipient_name": names.get(line.recipient_id, line.recipient_name)})
                for line in summary.lines
            ],
            "series": [
                point.model_copy(update={"recipient_name": names.get(point.recipient_id, point.recipient_name)})
                for point in summary.series
            ],
        }
    )
