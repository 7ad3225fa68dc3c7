"""The SQL twin of what a handover figure contributes agrees with the Python rule, figure for figure."""

import itertools
from datetime import date, timedelta

from sqlalchemy import func
from sqlalchemy import select as sa_select
from sqlmodel import col

from app.core.config import Settings
from app.database import open_database
from app.models.status import HandoverFigure
from app.models.values import Qualifier
from app.status.arithmetic import COUNTERS, contribution, summed_contributions
from app.status.totals import figure_of_row, summed_totals, totals_of
from tests.factories import Factory

QUALIFIERS = [q.value for q in Qualifier]


def _every_kind_of_figure(agreement_id: str, recipients: list[str]) -> list[HandoverFigure]:
    """One figure for each mix of withheld, qualifier, verification, discrepancy and disputed attribution."""
    figures = []
    kinds = itertools.product(
        [None, 0, 40], QUALIFIERS, [None, *QUALIFIERS], [None, 7], [False, True], [False, True], [False, True]
    )
    for number, (
        quantity,
        qualifier,
        verified_qualifier,
        verified_quantity,
        verified,
        discrepancy,
        disputed,
    ) in enumerate(kinds):
        figures.append(
            HandoverFigure(
                handover_id=f"hnd_{number}",
                bucket=f"term-{number % 3}",
                recipient_id=recipients[number % 2],
                agreement_id=agreement_id,
                occurred_on=date(2025, 6, 2) + timedelta(days=number % 17),
                quantity=quantity,
                qualifier=qualifier,
                standing_update_id=f"upd_{number}",
                verified=verified,
                verified_quantity=verified_quantity,
                verified_qualifier=verified_qualifier,
                discrepancy=discrepancy,
                attribution_disputed=disputed,
                claims=[],
            )
        )
    return figures


def test_figures_summed_in_sql_equal_their_contributions_added_in_python(factory: Factory, settings: Settings) -> None:
    agreement = factory.agreement()
    recipients = [party["id"] for party in agreement["parties"]]
    figures = _every_kind_of_figure(agreement["id"], recipients)
    database = open_database(settings.database_url)
    with database.session(write=True) as session:
        session.add_all(figures)
        session.commit()
    expected: dict[tuple[str, str], dict[str, int]] = {}
    for figure in figures:
        sums = expected.setdefault((figure.bucket, figure.recipient_id), dict.fromkeys(COUNTERS, 0))
        for name, value in contribution(figure_of_row(figure)).items():
            sums[name] += value

    with database.session() as session:
        rows = session.execute(
            sa_select(col(HandoverFigure.bucket), col(HandoverFigure.recipient_id), *summed_contributions())
            .where(col(HandoverFigure.agreement_id) == agreement["id"])
            .group_by(col(HandoverFigure.bucket), col(HandoverFigure.recipient_id))
        ).all()
        summed = {(row[0], row[1]): {name: int(row._mapping[name]) for name in COUNTERS} for row in rows}
        last_day = session.execute(sa_select(func.max(col(HandoverFigure.occurred_on)))).scalar_one()
        in_sql = summed_totals(session, agreement_id=agreement["id"], occurred_by=last_day - timedelta(days=5))
    in_python = totals_of(
        {
            (f.handover_id, f.bucket, f.recipient_id): figure_of_row(f)
            for f in figures
            if f.occurred_on <= last_day - timedelta(days=5)
        },
        agreement_id=agreement["id"],
    )
    database.dispose()

    assert set(summed) == set(expected) and summed == expected
    assert set(in_sql) == set(in_python)
    for key, total in in_python.items():
        assert in_sql[key].model_dump() == total.model_dump()
