"""Status: what the updates add up to, for each side, and how far each term has come."""

import os
import subprocess
import sys
from datetime import date, timedelta

from sqlalchemy import text

from app.core.config import Settings
from app.database import open_database
from tests.factories import Factory, commitment, line, recipient


def test_asymmetric_remains_exchange_reports_both_sides_and_the_overshoot(factory: Factory) -> None:
    ist = factory.istanbul()
    factory.update(
        ist.agreement_id,
        [line(ist.remains, ist.ukraine, 1212), line(ist.remains, ist.russia, 27)],
        occurred_on="2025-06-11",
        stage="1",
    )
    factory.update(
        ist.agreement_id,
        [line(ist.remains, ist.ukraine, 4845), line(ist.remains, ist.russia, 51)],
        occurred_on="2025-06-16",
        stage="2",
    )

    status = factory.status(ist.agreement_id)

    ukraine = recipient(status, ist.remains, ist.ukraine)
    russia = recipient(status, ist.remains, ist.russia)
    assert (ukraine["received"], ukraine["target"], ukraine["percent"]) == (6057, 6000, 101.0)
    assert ukraine["exceeds_target"] is True and ukraine["remaining"] == 0
    assert (russia["received"], russia["percent"], russia["remaining"]) == (78, 1.3, 5922)
    remains = commitment(status, ist.remains)
    assert remains["imbalance"] == {
        "most_received_id": ist.ukraine,
        "least_received_id": ist.russia,
        "difference": 5979,
        "ratio": 77.65,
    }
    assert remains["last_update_on"] == "2025-06-16"
    assert ukraine["received_is_exact"] and ukraine["handovers"] == 2


def test_all_for_all_terms_count_without_percent_and_are_never_fulfilled_by_numbers(
    factory: Factory,
) -> None:
    ist = factory.istanbul()
    today = date.today()
    factory.update(
        ist.agreement_id,
        [
            line(ist.young_soldiers, ist.ukraine, 307),
            line(ist.young_soldiers, ist.russia, 307),
            line(ist.wounded, ist.ukraine, 25),
        ],
        occurred_on=today,
    )

    status = factory.status(ist.agreement_id)

    young = commitment(status, ist.young_soldiers)
    assert young["state"] == "in_progress"
    assert [(r["received"], r["target"], r["percent"]) for r in young["recipients"]] == [(307, None, None)] * 2
    assert commitment(status, ist.wounded)["state"] == "in_progress"
    assert status["state"] == "in_progress"
    assert status["last_update_on"] == today.isoformat() and status["days_since_last_update"] == 0


def test_agreement_whose_handovers_stopped_for_stall_days_is_stalled(factory: Factory) -> None:
    ist = factory.istanbul()
    factory.update(
        ist.agreement_id,
        [line(ist.remains, ist.ukraine, 10)],
        occurred_on=date.today() - timedelta(days=31),
    )

    status = factory.status(ist.agreement_id)

    assert status["state"] == "stalled"
    assert commitment(status, ist.remains)["state"] == "stalled"
    assert commitment(status, ist.remains)["days_since_last_update"] == 31
    # The terms nothing was handed over under have not stopped: they have not started.
    assert commitment(status, ist.wounded)["state"] == "not_started"
    assert commitment(status, ist.young_soldiers)["state"] == "not_started"


def test_a_term_with_no_handover_yet_is_not_started_however_long_ago_it_was_agreed(factory: Factory) -> None:
    ist = factory.istanbul()  # concluded on 2 June 2025, far more than STALL_DAYS ago

    status = factory.status(ist.agreement_id)

    assert status["state"] == "not_started"
    assert {c["state"] for c in status["commitments"]} == {"not_started"}
    assert status["last_update_on"] is None and status["days_since_last_update"] is None
    listed = factory.client.get("/api/v1/agreements", params={"status": "not_started"}).json()["items"]
    assert [a["id"] for a in listed] == [ist.agreement_id]
    assert factory.client.get("/api/v1/agreements", params={"status": "stalled"}).json()["items"] == []


def test_handover_within_stall_days_keeps_the_agreement_in_progress(factory: Factory) -> None:
    ist = factory.istanbul()
    factory.update(
        ist.agreement_id,
        [line(ist.remains, ist.ukraine, 10)],
        occurred_on=date.today() - timedelta(days=29),
    )

    assert factory.status(ist.agreement_id)["state"] == "in_progress"


def test_term_past_its_due_date_and_unfulfilled_is_overdue(factory: Factory) -> None:
    a, b = factory.party(), factory.party()
    agreement = factory.agreement(
        parties=[a, b],
        commitments=[
            {
                "category": "prisoners_of_war",
                "measure": "target",
                "due_on": "2025-07-01",
                "targets": [
                    {"recipient_id": a, "quantity": 100},
                    {"recipient_id": b, "quantity": 100},
                ],
            },
        ],
    )

    status = factory.status(agreement["id"])

    assert commitment(status, agreement["commitments"][0]["id"])["state"] == "overdue"
    assert status["state"] == "overdue"
    listed = factory.client.get("/api/v1/agreements", params={"status": "overdue"}).json()["items"]
    assert [x["id"] for x in listed] == [agreement["id"]]


def test_reaching_every_target_fulfils_the_term_and_the_agreement(factory: Factory) -> None:
    a, b = factory.party(), factory.party()
    agreement = factory.agreement(
        parties=[a, b],
        commitments=[
            {
                "category": "children",
                "measure": "target",
                "targets": [{"recipient_id": a, "quantity": 339}],
            },
        ],
    )
    children = agreement["commitments"][0]["id"]
    factory.update(agreement["id"], [line(children, a, 200)], occurred_on="2025-07-01")
    assert factory.status(agreement["id"])["state"] == "stalled"

    factory.update(agreement["id"], [line(children, a, 139)], occurred_on="2025-08-01")

    status = factory.status(agreement["id"])
    assert commitment(status, children)["state"] == "fulfilled"
    assert status["state"] == "fulfilled"
    assert recipient(status, children, a)["percent"] == 100.0
    assert commitment(status, children)["imbalance"] is None


def test_withheld_and_lower_bound_figures_make_the_total_a_lower_bound(factory: Factory) -> None:
    ist = factory.istanbul()
    factory.update(
        ist.agreement_id,
        [
            line(ist.young_soldiers, ist.ukraine, None),
            line(ist.young_soldiers, ist.russia, 250, "approximate"),
        ],
    )
    factory.update(
        ist.agreement_id,
        [line(ist.young_soldiers, ist.ukraine, 1000, "at_least")],
        occurred_on="2025-06-12",
    )

    status = factory.status(ist.agreement_id)

    ukraine = recipient(status, ist.young_soldiers, ist.ukraine)
    russia = recipient(status, ist.young_soldiers, ist.russia)
    assert ukraine["received"] == 1000 and ukraine["handovers"] == 2
    assert ukraine["withheld_handovers"] == 1 and ukraine["at_least_lines"] == 1
    assert ukraine["received_is_lower_bound"] is True and ukraine["received_is_exact"] is False
    assert russia["approximate_lines"] == 1 and russia["received_is_exact"] is False
    assert russia["received_is_lower_bound"] is False


def test_handover_without_a_stated_term_counts_for_the_agreement_apart_from_every_term(
    factory: Factory,
) -> None:
    ist = factory.istanbul()
    factory.update(ist.agreement_id, [line(None, ist.ukraine, 84), line(None, ist.russia, 84)])

    status = factory.status(ist.agreement_id)

    assert [(u["recipient_id"], u["received"]) for u in status["unattributed"]] == sorted(
        [(ist.ukraine, 84), (ist.russia, 84)]
    )
    assert all(r["received"] == 0 for c in status["commitments"] for r in c["recipients"])
    assert status["last_update_on"] == "2025-06-11"


def test_status_carries_an_etag_and_answers_if_none_match_with_304(factory: Factory) -> None:
    ist = factory.istanbul()
    first = factory.client.get(f"/api/v1/agreements/{ist.agreement_id}/status")
    etag = first.headers["etag"]

    unchanged = factory.client.get(f"/api/v1/agreements/{ist.agreement_id}/status", headers={"If-None-Match": etag})
    assert unchanged.status_code == 304 and unchanged.content == b""

    factory.update(ist.agreement_id, [line(ist.remains, ist.ukraine, 5)])
    changed = factory.client.get(f"/api/v1/agreements/{ist.agreement_id}/status", headers={"If-None-Match": etag})
    assert changed.status_code == 200 and changed.headers["etag"] != etag
    assert recipient(changed.json(), ist.remains, ist.ukraine)["received"] == 5


def test_status_of_an_unknown_agreement_is_404(factory: Factory) -> None:
    response = factory.client.get("/api/v1/agreements/agr_nope/status")
    assert response.status_code == 404
    assert response.headers["content-type"] == "application/problem+json"


def test_totals_check_finds_a_running_total_changed_behind_its_back_and_repairs_it(
    factory: Factory, settings: Settings
) -> None:
    ist = factory.istanbul()
    factory.update(ist.agreement_id, [line(ist.remains, ist.ukraine, 1212), line(ist.remains, ist.russia, 27)])
    database = open_database(settings.database_url)
    with database.write_engine.begin() as connection:
        connection.execute(text("UPDATE running_total SET received = received + 100 WHERE received = 1212"))
    database.dispose()
    env = {**os.environ, "DATABASE_URL": settings.database_url}

    def totals(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "app.cli", "totals", "check", *args],
            env=env,
            capture_output=True,
            text=True,
            timeout=60,
            check=False,
        )

    found = totals()
    assert found.returncode == 1
    assert "received: kept 1312, updates say 1212" in found.stdout
    assert totals("--repair").returncode == 0
    assert totals().returncode == 0
    assert recipient(factory.status(ist.agreement_id), ist.remains, ist.ukraine)["received"] == 1212
