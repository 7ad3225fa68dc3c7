"""One ledger arithmetic: every place that shows a figure or a state gives the same answer, under either basis."""

import csv
import io
import os
import re
import subprocess
import sys
from collections.abc import Iterator
from datetime import date, timedelta
from typing import Any

import pytest
from fastapi.testclient import TestClient

from app.core.config import Settings
from tests.conftest import _empty_tables
from tests.factories import SOURCE, Factory, Istanbul, line

STATES = ("not_started", "in_progress", "fulfilled", "stalled", "overdue")
MINISTRY = {"url": "https://example.org/ministry", "publisher": "Ministry"}


@pytest.fixture(params=["reported", "verified"])
def settings(database_url: str, request: pytest.FixtureRequest) -> Settings:
    """Settings for an app under each status basis, on an emptied test database."""
    _empty_tables(database_url)
    return Settings(database_url=database_url, environment="test", status_basis=request.param)


def _posted(response: Any) -> dict[str, Any]:
    assert response.status_code == 201, response.text
    body: dict[str, Any] = response.json()
    return body


def _review(factory: Factory, update_id: str, state: str) -> None:
    _posted(
        factory.client.post(
            f"/api/v1/updates/{update_id}/reviews",
            json={"state": state, "reason": f"checked against the {state} record"},
            headers=factory.keys["verifier"],
        )
    )


def _season(factory: Factory) -> Istanbul:
    """The Istanbul exchanges with everything that makes figures disagree."""
    ist = factory.istanbul()
    stage1 = factory.update(
        ist.agreement_id, [line(ist.remains, ist.ukraine, 1212), line(ist.remains, ist.russia, 27)], "2025-06-11"
    )
    competing = factory.update(
        ist.agreement_id, [line(ist.remains, ist.ukraine, 1200)], "2025-06-11", source=MINISTRY, claim_of=stage1["id"]
    )
    _review(factory, competing["id"], "verified")
    stage2 = factory.update(
        ist.agreement_id, [line(ist.remains, ist.ukraine, 4845), line(ist.remains, ist.russia, 51)], "2025-06-16"
    )
    _posted(
        factory.client.post(
            f"/api/v1/updates/{stage2['id']}/corrections",
            json={
                "reason": "counted again a week later",
                "occurred_on": "2025-06-16",
                "source": SOURCE,
                "lines": [line(ist.remains, ist.ukraine, 4857), line(ist.remains, ist.russia, 51)],
            },
            headers=factory.keys["monitor"],
        )
    )
    rejected = factory.update(ist.agreement_id, [line(ist.remains, ist.ukraine, 100)], "2025-06-20")
    _review(factory, rejected["id"], "rejected")
    _posted(
        factory.client.post(
            f"/api/v1/agreements/{ist.agreement_id}/announced-totals",
            json={
                "claimant": "Coordination Headquarters",
                "stated_on": "2025-06-25",
                "source": SOURCE,
                "figures": [line(ist.remains, ist.ukraine, 6060)],
            },
            headers=factory.keys["monitor"],
        )
    )
    young = factory.update(
        ist.agreement_id,
        [line(ist.young_soldiers, ist.ukraine, 84), line(ist.young_soldiers, ist.russia, 84)],
        "2025-06-26",
    )
    _posted(
        factory.client.post(
            f"/api/v1/updates/{young['id']}/attribution-disputes",
            json={"party_id": ist.russia, "position": "does_not_belong", "statement": "unrelated", "source": MINISTRY},
            headers=factory.keys["monitor"],
        )
    )
    _review(factory, young["id"], "verified")
    factory.update(ist.agreement_id, [line(None, ist.ukraine, 12)], "2025-06-27")  # no term stated
    return ist


def _imported_small_exchange(factory: Factory) -> str:
    """Ten for ten, met by an import that no verifier has looked at: fulfilled when reported, not when verified."""
    first, second = factory.party(), factory.party()
    agreement = factory.agreement(
        parties=[first, second],
        commitments=[
            {
                "category": "civilian_detainees",
                "measure": "target",
                "targets": [{"recipient_id": first, "quantity": 10}, {"recipient_id": second, "quantity": 10}],
            }
        ],
    )
    term = agreement["commitments"][0]["id"]
    rows = [
        "update_id,agreement_id,occurred_on,source_publisher,commitment_id,recipient_id,quantity,qualifier",
        f"u1,{agreement['id']},2025-07-01,Ombudsperson,{term},{first},10,exact",
        f"u1,{agreement['id']},2025-07-01,Ombudsperson,{term},{second},10,exact",
    ]
    _posted(
        factory.client.post(
            "/api/v1/imports",
            content="\n".join(rows).encode(),
            headers={**factory.keys["monitor"], "Content-Type": "text/csv"},
        )
    )
    agreement_id: str = agreement["id"]
    return agreement_id


def _declared_complete(factory: Factory) -> str:
    agreement = factory.agreement(commitments=[{"category": "wounded_and_sick", "measure": "all_for_all"}])
    _posted(
        factory.client.post(
            f"/api/v1/commitments/{agreement['commitments'][0]['id']}/completion",
            json={"completed_on": "2025-08-01", "source": SOURCE},
            headers=factory.keys["editor"],
        )
    )
    agreement_id: str = agreement["id"]
    return agreement_id


def _overdue(factory: Factory) -> str:
    first, second = factory.party(), factory.party()
    agreement = factory.agreement(
        parties=[first, second],
        commitments=[
            {
                "category": "children",
                "measure": "target",
                "due_on": "2025-09-01",
                "targets": [{"recipient_id": first, "quantity": 339}],
            }
        ],
    )
    factory.update(agreement["id"], [line(agreement["commitments"][0]["id"], first, 20)], "2025-08-20")
    agreement_id: str = agreement["id"]
    return agreement_id


def _recent(factory: Factory, *, handover: bool) -> str:
    """An agreement of last week: not started, or in progress with a handover two days ago."""
    first, second = factory.party(), factory.party()
    agreement = factory.agreement(
        parties=[first, second],
        concluded_on=str(date.today() - timedelta(days=7)),
        commitments=[{"category": "prisoners_of_war", "measure": "all_for_all"}],
    )
    if handover:
        term = agreement["commitments"][0]["id"]
        factory.update(agreement["id"], [line(term, first, 5), line(term, second, 5)], date.today() - timedelta(days=2))
    agreement_id: str = agreement["id"]
    return agreement_id


def _csv(client: TestClient, path: str) -> list[dict[str, str]]:
    response = client.get(path, params={"format": "csv"})
    assert response.status_code == 200
    return list(csv.DictReader(io.StringIO(response.text)))


def _every(client: TestClient, path: str, **params: str) -> Iterator[dict[str, Any]]:
    cursor: str | None = None
    while True:
        page = client.get(path, params={**params, **({"cursor": cursor} if cursor else {})}).json()
        yield from page["items"]
        cursor = page["next_cursor"]
        if cursor is None:
            return


def _totals_check(settings: Settings) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "DATABASE_URL": settings.database_url, "STATUS_BASIS": settings.status_basis}
    return subprocess.run(
        [sys.executable, "-m", "app.cli", "totals", "check"], env=env, capture_output=True, text=True, check=False
    )


def test_every_consumer_gives_the_same_figures_and_states(factory: Factory, settings: Settings) -> None:
    client = factory.client
    ist = _season(factory)
    ids = [
        ist.agreement_id,
        _imported_small_exchange(factory),
        _declared_complete(factory),
        _overdue(factory),
        factory.agreement()["id"],  # nothing recorded since June 2025
        _recent(factory, handover=False),
        _recent(factory, handover=True),
    ]
    statuses = {i: client.get(f"/api/v1/agreements/{i}/status").json() for i in ids}
    assert {s["basis"] for s in statuses.values()} == {settings.status_basis}
    assert {s["state"] for s in statuses.values()} >= set(STATES) - {"fulfilled"}

    # The agreement resource says what its status says.
    for agreement_id, status in statuses.items():
        assert client.get(f"/api/v1/agreements/{agreement_id}").json()["state"] == status["state"]

    # Each list filter holds exactly the agreements in that state.
    for state in STATES:
        listed = {a["id"] for a in _every(client, "/api/v1/agreements", status=state, limit="2")}
        assert listed & set(ids) == {i for i, s in statuses.items() if s["state"] == state}, state

    # The agreements export carries every state and figure of the statuses.
    exported = _csv(client, "/api/v1/exports/agreements")
    for row in exported:
        status = statuses.get(row["agreement_id"])
        if status is None:
            continue
        assert row["agreement_state"] == status["state"]
        if not row["commitment_id"]:
            continue
        term = next(c for c in status["commitments"] if c["commitment_id"] == row["commitment_id"])
        assert row["commitment_state"] == term["state"]
        entry = next(r for r in term["recipients"] if r["recipient_id"] == row["recipient_id"])
        assert int(row["received"]) == entry["received"]
        assert int(row["handovers"]) == entry["handovers"]
        assert row["received_is_lower_bound"].lower() == str(entry["received_is_lower_bound"]).lower()

    # The updates export lists every update the API lists.
    api_updates = {u["id"] for u in _every(client, "/api/v1/updates")}
    assert {row["update_id"] for row in _csv(client, "/api/v1/exports/updates")} == api_updates

    # The page shows the same state for the agreement and for each term.
    for agreement_id, status in statuses.items():
        html = client.get(f"/agreements/{agreement_id}").text
        shown = {
            commitment_id: state
            for state, commitment_id in re.findall(r'class="card term state-(\w+)"[^>]*data-commitment="([^"]+)"', html)
        }
        assert shown == {c["commitment_id"]: c["state"] for c in status["commitments"]}

    # `totals check` on the command line, under the same settings, finds nothing to repair.
    checked = _totals_check(settings)
    assert checked.returncode == 0, checked.stdout + checked.stderr


def test_the_basis_decides_what_an_unverified_import_fulfils(factory: Factory, settings: Settings) -> None:
    agreement_id = _imported_small_exchange(factory)
    status = factory.status(agreement_id)
    [term] = status["commitments"]
    received = [r["received"] for r in term["recipients"]]
    if settings.status_basis == "reported":
        assert (status["state"], received) == ("fulfilled", [10, 10])
    else:
        assert (status["state"], received) == ("stalled", [0, 0])
    assert factory.client.get(f"/api/v1/agreements/{agreement_id}").json()["state"] == status["state"]
    [row] = [r for r in _csv(factory.client, "/api/v1/exports/agreements") if r["agreement_id"] == agreement_id][:1]
    assert (row["agreement_state"], row["received"]) == (status["state"], str(received[0]))


def _received_by_term(status: dict[str, Any]) -> dict[tuple[str, str], int]:
    received = {
        (term["commitment_id"], entry["recipient_id"]): entry["received"]
        for term in status["commitments"]
        for entry in term["recipients"]
    }
    received.update({("", entry["recipient_id"]): entry["received"] for entry in status["unattributed"]})
    return received


def test_summing_the_counted_lines_of_the_updates_export_gives_every_received(
    factory: Factory, settings: Settings
) -> None:
    client = factory.client
    ist = _season(factory)
    ids = [ist.agreement_id, _imported_small_exchange(factory), _overdue(factory), _recent(factory, handover=True)]
    rows = _csv(client, "/api/v1/exports/updates")
    # The export lists competing claims, corrections and rejected claims; the columns say which line counts.
    assert {row["review_state"] for row in rows} >= {"reported", "verified", "rejected"}
    assert any(row["claim_of"] for row in rows) and any(row["superseded_by"] for row in rows)
    assert any(row["attribution_disputed"] == "true" for row in rows)
    assert sum(int(row["quantity"] or 0) for row in rows) > sum(
        int(row["quantity"] or 0) for row in rows if row["counted"] == "true"
    )
    for agreement_id in ids:
        summed: dict[tuple[str, str], int] = {}
        for row in rows:
            if row["agreement_id"] == agreement_id and row["counted"] == "true":
                key = (row["commitment_id"], row["recipient_id"])
                summed[key] = summed.get(key, 0) + int(row["quantity"] or 0)
        received = _received_by_term(client.get(f"/api/v1/agreements/{agreement_id}/status").json())
        assert {k: v for k, v in received.items() if v} == {k: v for k, v in summed.items() if v}, agreement_id
    # `counted=true` gives exactly those lines.
    only = client.get("/api/v1/exports/updates", params={"format": "csv", "counted": "true"})
    assert list(csv.DictReader(io.StringIO(only.text))) == [row for row in rows if row["counted"] == "true"]
