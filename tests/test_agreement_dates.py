"""An agreement's dates never contradict what is recorded under it, whichever side moves."""

import csv
import io
from typing import Any

import pytest

from app.core.config import Settings
from app.core.errors import ImportRefused
from app.database import open_database
from app.imports.service import CLI_OWNER, ImportFormat, ImportSource, import_updates
from app.status.policy import StatusPolicy
from tests.factories import SOURCE, Factory, Istanbul, line

CONCLUDED = "2025-06-02"


def _patch_concluded_on(factory: Factory, agreement_id: str, concluded_on: str) -> Any:
    return factory.client.patch(
        f"/api/v1/agreements/{agreement_id}", json={"concluded_on": concluded_on}, headers=factory.keys["editor"]
    )


def _refused_for(response: Any) -> list[str]:
    """The conflicts a refusal names, after checking it is a 422 problem document about concluded_on."""
    assert response.status_code == 422, response.text
    assert response.headers["content-type"].startswith("application/problem+json")
    problem = response.json()
    assert problem["type"].endswith("/invalid-input")
    assert "Nothing was changed" in problem["detail"]
    assert {tuple(e["location"]) for e in problem["errors"]} == {("body", "concluded_on")}
    assert {e["type"] for e in problem["errors"]} == {"date_conflict"}
    return [e["message"] for e in problem["errors"]]


def _unchanged(factory: Factory, agreement_id: str, before: dict[str, Any]) -> None:
    after = factory.client.get(f"/api/v1/agreements/{agreement_id}").json()
    assert (after["concluded_on"], after["revision"]) == (before["concluded_on"], before["revision"])


def _announce(factory: Factory, ist: Istanbul, stated_on: str) -> Any:
    return factory.client.post(
        f"/api/v1/agreements/{ist.agreement_id}/announced-totals",
        json={
            "claimant": "Coordination Headquarters",
            "stated_on": stated_on,
            "source": SOURCE,
            "figures": [line(ist.remains, ist.ukraine, 6060)],
        },
        headers=factory.keys["monitor"],
    )


def _complete(factory: Factory, commitment_id: str, completed_on: str) -> Any:
    return factory.client.post(
        f"/api/v1/commitments/{commitment_id}/completion",
        json={"completed_on": completed_on, "source": SOURCE},
        headers=factory.keys["editor"],
    )


def test_concluded_on_cannot_move_past_a_terms_due_date(factory: Factory) -> None:
    ist = factory.istanbul()
    due = factory.client.post(
        f"/api/v1/agreements/{ist.agreement_id}/commitments",
        json={
            "category": "children",
            "measure": "target",
            "due_on": "2025-06-30",
            "targets": [{"recipient_id": ist.ukraine, "quantity": 339}],
        },
        headers=factory.keys["editor"],
    ).json()
    before = factory.client.get(f"/api/v1/agreements/{ist.agreement_id}").json()
    status_before = factory.client.get(
        f"/api/v1/agreements/{ist.agreement_id}/status", params={"as_of": "2025-06-20"}
    ).json()

    messages = _refused_for(_patch_concluded_on(factory, ist.agreement_id, "2025-07-15"))

    assert messages == [f"commitment {due['id']} is due on 2025-06-30 (due_on), before concluded_on 2025-07-15"]
    _unchanged(factory, ist.agreement_id, before)
    status_after = factory.client.get(
        f"/api/v1/agreements/{ist.agreement_id}/status", params={"as_of": "2025-06-20"}
    ).json()
    assert status_after["state"] == status_before["state"] != "overdue"


def test_concluded_on_cannot_move_past_a_completion_even_a_withdrawn_one(factory: Factory) -> None:
    ist = factory.istanbul()
    assert _complete(factory, ist.wounded, "2025-06-20").status_code == 201
    assert _complete(factory, ist.young_soldiers, "2025-06-25").status_code == 201
    reopened = factory.client.post(
        f"/api/v1/commitments/{ist.young_soldiers}/reopening",
        json={"reason": "more were found"},
        headers=factory.keys["editor"],
    )
    assert reopened.status_code == 201
    before = factory.client.get(f"/api/v1/agreements/{ist.agreement_id}").json()

    messages = _refused_for(_patch_concluded_on(factory, ist.agreement_id, "2025-06-30"))

    assert sorted(messages) == sorted(
        [
            f"commitment {ist.wounded} was declared complete as of 2025-06-20 (completed_on), "
            "before concluded_on 2025-06-30",
            f"commitment {ist.young_soldiers} was declared complete as of 2025-06-25 (completed_on), "
            "before concluded_on 2025-06-30",
        ]
    )
    _unchanged(factory, ist.agreement_id, before)


def test_concluded_on_cannot_move_past_an_announced_total(factory: Factory) -> None:
    ist = factory.istanbul()
    announced = _announce(factory, ist, "2025-06-25")
    assert announced.status_code == 201
    before = factory.client.get(f"/api/v1/agreements/{ist.agreement_id}").json()

    response = _patch_concluded_on(factory, ist.agreement_id, "2025-06-26")

    assert _refused_for(response) == [
        f"announced_total {announced.json()['id']} was stated on 2025-06-25 (stated_on), before concluded_on 2025-06-26"
    ]
    _unchanged(factory, ist.agreement_id, before)


def test_concluded_on_cannot_move_past_an_update_and_the_refusal_names_every_conflict(factory: Factory) -> None:
    ist = factory.istanbul()
    stage1 = factory.update(ist.agreement_id, [line(ist.remains, ist.ukraine, 1212)], occurred_on="2025-06-11")
    stage2 = factory.update(ist.agreement_id, [line(ist.remains, ist.ukraine, 4845)], occurred_on="2025-06-16")
    later = factory.update(ist.agreement_id, [line(ist.remains, ist.ukraine, 10)], occurred_on="2025-07-02")
    assert _announce(factory, ist, "2025-06-25").status_code == 201
    before = factory.client.get(f"/api/v1/agreements/{ist.agreement_id}").json()
    status_before = factory.client.get(
        f"/api/v1/agreements/{ist.agreement_id}/status", params={"as_of": "2025-06-20"}
    ).json()

    response = _patch_concluded_on(factory, ist.agreement_id, "2025-07-01")

    messages = _refused_for(response)
    assert len(messages) == 3
    assert f"fulfilment_update {stage1['id']} occurred on 2025-06-11 (occurred_on), before concluded_on 2025-07-01" in (
        messages
    )
    assert any(stage2["id"] in m for m in messages)
    assert not any(later["id"] in m for m in messages)
    assert f"the earliest: fulfilment_update {stage1['id']} occurred on 2025-06-11" in response.json()["detail"]
    _unchanged(factory, ist.agreement_id, before)
    status_after = factory.client.get(
        f"/api/v1/agreements/{ist.agreement_id}/status", params={"as_of": "2025-06-20"}
    ).json()
    assert status_after == status_before


def test_concluded_on_may_move_up_to_the_earliest_recorded_date_or_back(factory: Factory) -> None:
    ist = factory.istanbul()
    factory.update(ist.agreement_id, [line(ist.remains, ist.ukraine, 1212)], occurred_on="2025-06-11")
    assert _announce(factory, ist, "2025-06-25").status_code == 201

    same_day = _patch_concluded_on(factory, ist.agreement_id, "2025-06-11")
    assert same_day.status_code == 200, same_day.text
    assert same_day.json()["concluded_on"] == "2025-06-11"

    earlier = _patch_concluded_on(factory, ist.agreement_id, "2025-05-30")
    assert earlier.status_code == 200, earlier.text


def test_nothing_new_may_be_dated_before_the_agreement_was_concluded(factory: Factory) -> None:
    ist = factory.istanbul()
    editor, monitor = factory.keys["editor"], factory.keys["monitor"]
    agreement_url = f"/api/v1/agreements/{ist.agreement_id}"
    before = factory.client.get(agreement_url).json()

    term = factory.client.post(
        f"{agreement_url}/commitments",
        json={
            "category": "children",
            "measure": "target",
            "due_on": "2025-06-01",
            "targets": [{"recipient_id": ist.ukraine, "quantity": 339}],
        },
        headers=editor,
    )
    new_agreement = factory.client.post(
        "/api/v1/agreements",
        json={
            "title": "Dated before itself",
            "concluded_on": CONCLUDED,
            "parties": [ist.ukraine, ist.russia],
            "commitments": [{"category": "remains", "measure": "all_for_all", "due_on": "2025-05-01"}],
        },
        headers=editor,
    )
    update = factory.client.post(
        f"{agreement_url}/updates",
        json={"occurred_on": "2025-06-01", "source": SOURCE, "lines": [line(ist.remains, ist.ukraine, 1)]},
        headers=monitor,
    )
    announced = _announce(factory, ist, "2025-06-01")
    completion = _complete(factory, ist.wounded, "2025-06-01")
    recorded = factory.update(ist.agreement_id, [line(ist.remains, ist.ukraine, 1212)], occurred_on="2025-06-11")
    correction = factory.client.post(
        f"/api/v1/updates/{recorded['id']}/corrections",
        json={
            "reason": "the date was wrong",
            "occurred_on": "2025-06-01",
            "source": SOURCE,
            "lines": [line(ist.remains, ist.ukraine, 1212)],
        },
        headers=monitor,
    )
    buffer = io.StringIO()
    row = {
        "update_id": "upd_dated_before",
        "agreement_id": ist.agreement_id,
        "occurred_on": "2025-06-01",
        "source_publisher": "Coordination Headquarters",
        "commitment_id": ist.remains,
        "recipient_id": ist.ukraine,
        "quantity": 5,
        "qualifier": "exact",
    }
    writer = csv.DictWriter(buffer, fieldnames=list(row), lineterminator="\n")
    writer.writeheader()
    writer.writerow(row)
    imported = factory.client.post(
        "/api/v1/imports", content=buffer.getvalue().encode(), headers={**monitor, "Content-Type": "text/csv"}
    )

    for refused in (term, new_agreement, update, announced, completion, correction, imported):
        assert refused.status_code == 422, refused.text
        assert refused.headers["content-type"].startswith("application/problem+json")
    assert "before" in update.json()["detail"] and CONCLUDED in update.json()["detail"]
    assert "before" in correction.json()["detail"]
    after = factory.client.get(agreement_url).json()
    assert [c["id"] for c in after["commitments"]] == [c["id"] for c in before["commitments"]]
    assert factory.status(ist.agreement_id)["commitments"][2]["recipients"][0]["received"] == 1212
    assert factory.client.get(f"{agreement_url}/announced-totals").json()["items"] == []


def test_an_import_checked_before_the_conclusion_date_moved_is_refused(factory: Factory, settings: Settings) -> None:
    if settings.database_url.startswith("sqlite"):
        pytest.skip("SQLite runs one writer at a time: no conclusion date can move while an import checks its file")
    ist = factory.istanbul()
    body = (
        "update_id,agreement_id,occurred_on,source_publisher,commitment_id,recipient_id,quantity,qualifier\n"
        f"upd_stage_2,{ist.agreement_id},2025-06-16,Coordination Headquarters,{ist.remains},{ist.ukraine},4845,exact\n"
        f"upd_stage_3,{ist.agreement_id},2025-06-25,Coordination Headquarters,{ist.remains},{ist.ukraine},1200,exact\n"
    ).encode()
    moved: list[int] = []

    def while_checking(_: int) -> None:
        # Heard once the whole file is read, after the first update was checked: another editor then moves
        # the conclusion date past that update.
        if not moved:
            moved.append(_patch_concluded_on(factory, ist.agreement_id, "2025-06-20").status_code)

    database = open_database(settings.database_url)
    try:
        with pytest.raises(ImportRefused) as refused:
            import_updates(
                database,
                source=ImportSource(open=lambda: io.BytesIO(body), kind=ImportFormat.csv, size=len(body)),
                owner=CLI_OWNER,
                caller=None,
                key_id=None,
                policy=StatusPolicy.from_settings(settings),
                checking=while_checking,
            )
    finally:
        database.dispose()

    assert moved == [200]
    assert refused.value.errors == [
        {
            "location": ["row", 2, "occurred_on"],
            "message": "2025-06-16 is before the agreement was concluded (2025-06-20)",
            "type": "invalid",
        }
    ]
    assert factory.client.get(f"/api/v1/agreements/{ist.agreement_id}/updates").json()["items"] == []
