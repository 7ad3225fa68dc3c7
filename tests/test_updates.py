"""Fulfilment updates: validated, counted once, never edited; bad input changes nothing."""

import time
from datetime import UTC, date, datetime, timedelta
from typing import Any

import pytest

from tests.factories import SOURCE, Factory, Istanbul, line, recipient


def _post(factory: Factory, agreement_id: str, body: Any, headers: dict[str, str] | None = None) -> Any:
    return factory.client.post(
        f"/api/v1/agreements/{agreement_id}/updates", json=body, headers=headers or factory.keys["monitor"]
    )


def test_update_records_who_posted_it_and_is_readable_by_id(factory: Factory) -> None:
    ist = factory.istanbul()
    update = factory.update(
        ist.agreement_id,
        [line(ist.remains, ist.ukraine, 1212), line(ist.remains, ist.russia, 27)],
        stage="1",
        location="Belarus-Ukraine border",
    )

    fetched = factory.client.get(f"/api/v1/updates/{update['id']}")

    assert fetched.status_code == 200
    assert fetched.json() == {**update, "log_entry": fetched.json()["log_entry"]} and update["log_entry"] is None
    assert isinstance(fetched.json()["log_entry"], int)  # numbered once its batch committed
    assert update["created_by"].startswith("key_")
    assert update["source"]["publisher"] == SOURCE["publisher"]
    assert [(x["quantity"], x["qualifier"]) for x in update["lines"]] == [(1212, "exact"), (27, "exact")]
    listed = factory.client.get(f"/api/v1/agreements/{ist.agreement_id}/updates").json()
    assert [u["id"] for u in listed["items"]] == [update["id"]]


def test_updates_cannot_be_edited_or_deleted(factory: Factory) -> None:
    ist = factory.istanbul()
    update = factory.update(ist.agreement_id, [line(ist.remains, ist.ukraine, 1)])

    for method in ("PUT", "PATCH", "DELETE"):
        response = factory.client.request(method, f"/api/v1/updates/{update['id']}", headers=factory.keys["admin"])
        assert response.status_code == 405


def test_retry_with_same_idempotency_key_records_once(factory: Factory) -> None:
    ist = factory.istanbul()
    body = {"occurred_on": "2025-06-11", "source": SOURCE, "lines": [line(ist.remains, ist.ukraine, 1212)]}
    headers = {**factory.keys["monitor"], "Idempotency-Key": "stage-1-hq"}

    first = _post(factory, ist.agreement_id, body, headers)
    retry = _post(factory, ist.agreement_id, body, headers)

    assert first.status_code == retry.status_code == 201
    assert retry.json() == first.json()
    assert retry.headers["idempotent-replayed"] == "true"
    assert recipient(factory.status(ist.agreement_id), ist.remains, ist.ukraine)["received"] == 1212
    assert len(factory.client.get(f"/api/v1/agreements/{ist.agreement_id}/updates").json()["items"]) == 1


def test_same_idempotency_key_with_another_body_is_refused(factory: Factory) -> None:
    ist = factory.istanbul()
    headers = {**factory.keys["monitor"], "Idempotency-Key": "k1"}
    body: dict[str, Any] = {
        "occurred_on": "2025-06-11",
        "source": SOURCE,
        "lines": [line(ist.remains, ist.ukraine, 1212)],
    }
    assert _post(factory, ist.agreement_id, body, headers).status_code == 201

    body["lines"] = [line(ist.remains, ist.ukraine, 1213)]
    refused = _post(factory, ist.agreement_id, body, headers)

    assert refused.status_code == 422
    assert refused.json()["type"].endswith("/idempotency-key-reused")
    assert recipient(factory.status(ist.agreement_id), ist.remains, ist.ukraine)["received"] == 1212


def _bad_bodies(ist: Istanbul, foreign_commitment: str, outsider: str) -> list[tuple[str, Any, int]]:
    good = line(ist.remains, ist.ukraine, 10)
    today = date.today()
    return [
        ("negative quantity", {"lines": [line(ist.remains, ist.ukraine, -1)]}, 422),
        ("fractional quantity", {"lines": [line(ist.remains, ist.ukraine, 1.5)]}, 422),
        ("quantity as text", {"lines": [line(ist.remains, ist.ukraine, "12")]}, 422),
        ("oversized quantity", {"lines": [line(ist.remains, ist.ukraine, 10**12)]}, 422),
        ("no lines", {"lines": []}, 422),
        ("the same term and recipient twice", {"lines": [good, good]}, 422),
        ("recipient not bound by the agreement", {"lines": [line(ist.remains, outsider, 1)]}, 422),
        ("intermediary as recipient", {"lines": [line(None, ist.turkiye, 1)]}, 422),
        ("unknown recipient", {"lines": [line(ist.remains, "pty_nobody", 1)]}, 404),
        ("commitment of another agreement", {"lines": [line(foreign_commitment, ist.ukraine, 1)]}, 422),
        ("unknown commitment", {"lines": [line("cmt_nothing", ist.ukraine, 1)]}, 404),
        ("occurred before the agreement", {"occurred_on": "2025-06-01"}, 422),
        ("occurred in the future", {"occurred_on": str(today + timedelta(days=1))}, 422),
        ("impossible date", {"occurred_on": "0000-00-00"}, 422),
        ("no source", {"source": None}, 422),
        ("personal data field", {"names": ["Ivan Petrenko"]}, 422),
        ("personal data in a line", {"lines": [{**good, "person": "Ivan Petrenko"}]}, 422),
        ("withheld with a qualifier", {"lines": [line(ist.remains, ist.ukraine, None, "approximate")]}, 422),
    ]


def test_every_bad_update_gets_a_problem_document_and_writes_nothing(factory: Factory) -> None:
    ist = factory.istanbul()
    foreign = factory.agreement(commitments=[{"category": "other", "measure": "all_for_all"}])["commitments"][0]["id"]
    outsider = factory.party()
    before = factory.status(ist.agreement_id)

    for label, change, expected in _bad_bodies(ist, foreign, outsider):
        body = {"occurred_on": "2025-06-11", "source": SOURCE, "lines": [line(ist.remains, ist.ukraine, 10)], **change}
        response = _post(factory, ist.agreement_id, body)
        assert response.status_code == expected, (label, response.text)
        assert response.headers["content-type"] == "application/problem+json", label
        problem = response.json()
        assert {"type", "title", "status", "detail"} <= problem.keys(), label

    assert factory.status(ist.agreement_id) == before
    assert factory.client.get(f"/api/v1/agreements/{ist.agreement_id}/updates").json()["items"] == []


def test_target_commitment_refuses_a_recipient_without_a_target(factory: Factory) -> None:
    a, b = factory.party(), factory.party()
    agreement = factory.agreement(
        parties=[a, b],
        commitments=[{"category": "children", "measure": "target", "targets": [{"recipient_id": a, "quantity": 339}]}],
    )
    children = agreement["commitments"][0]["id"]

    response = _post(
        factory, agreement["id"], {"occurred_on": "2025-06-11", "source": SOURCE, "lines": [line(children, b, 3)]}
    )

    assert response.status_code == 422
    assert "sets no target" in response.json()["detail"]


def test_update_to_an_unknown_agreement_is_404(factory: Factory) -> None:
    ist = factory.istanbul()
    body = {"occurred_on": "2025-06-11", "source": SOURCE, "lines": [line(None, ist.ukraine, 1)]}
    assert _post(factory, "agr_missing", body).status_code == 404
    assert factory.client.get("/api/v1/updates/upd_missing").status_code == 404
    assert factory.client.get("/api/v1/agreements/agr_missing/updates").status_code == 404


@pytest.mark.parametrize(
    ("body", "content_type", "expected"),
    [
        (b"{not json", "application/json", 400),
        (b"[]", "application/json", 422),
        (b'{"occurred_on": "2025-06-11"}', "text/plain", 415),
    ],
)
def test_malformed_bodies_are_4xx_problems(factory: Factory, body: bytes, content_type: str, expected: int) -> None:
    ist = factory.istanbul()
    response = factory.client.post(
        f"/api/v1/agreements/{ist.agreement_id}/updates",
        content=body,
        headers={**factory.keys["monitor"], "Content-Type": content_type},
    )
    assert response.status_code == expected
    assert response.headers["content-type"] == "application/problem+json"


def test_body_over_one_mebibyte_is_413(factory: Factory) -> None:
    ist = factory.istanbul()
    body = b'{"note": "' + b"x" * (1024 * 1024) + b'"}'
    response = factory.client.post(
        f"/api/v1/agreements/{ist.agreement_id}/updates",
        content=body,
        headers={**factory.keys["monitor"], "Content-Type": "application/json"},
    )
    assert response.status_code == 413
    assert response.json()["type"].endswith("/payload-too-large")


def test_pull_sync_asks_what_changed_since_the_last_pass_reviews_and_corrections_included(factory: Factory) -> None:
    ist = factory.istanbul()
    first = factory.update(ist.agreement_id, [line(ist.remains, ist.ukraine, 1212)], "2025-06-11")
    second = factory.update(ist.agreement_id, [line(ist.remains, ist.russia, 27)], "2025-06-11")
    other = factory.agreement()
    client = factory.client

    def changed(path: str, since: str) -> list[str]:
        ids: list[str] = []
        cursor = None
        while True:
            params = {"changed_since": since, "limit": "1", **({"cursor": cursor} if cursor else {})}
            page = client.get(path, params=params)
            assert page.status_code == 200, page.text
            ids += [item["id"] for item in page.json()["items"]]
            cursor = page.json()["next_cursor"]
            if cursor is None:
                return ids

    # A first pass gets everything; the next asks from the moment this one started.
    assert set(changed("/api/v1/updates", "2000-01-01T00:00:00Z")) == {first["id"], second["id"]}
    time.sleep(0.01)
    between = datetime.now(UTC).isoformat()
    assert changed("/api/v1/updates", between) == []
    assert changed("/api/v1/agreements", between) == []

    reviewed = client.post(
        f"/api/v1/updates/{first['id']}/reviews",
        json={"state": "verified", "reason": "two sources"},
        headers=factory.keys["verifier"],
    )
    assert reviewed.status_code == 201
    correction = client.post(
        f"/api/v1/updates/{second['id']}/corrections",
        json={
            "reason": "recount",
            "occurred_on": "2025-06-11",
            "source": {"publisher": "HQ"},
            "lines": [line(ist.remains, ist.russia, 28)],
        },
        headers=factory.keys["monitor"],
    )
    assert correction.status_code == 201

    assert set(changed("/api/v1/updates", between)) == {first["id"], second["id"], correction.json()["id"]}
    assert changed(f"/api/v1/agreements/{ist.agreement_id}/updates", between) == changed("/api/v1/updates", between)
    assert changed("/api/v1/agreements", between) == [ist.agreement_id]  # its status moved; the other did not
    assert other["id"] not in changed("/api/v1/agreements", between)
    counted = client.get("/api/v1/updates", params={"changed_since": between, "with_total": "true"}).json()
    assert counted["total"] == 3
    assert client.get("/api/v1/updates", params={"changed_since": "yesterday"}).status_code == 422
    naive = client.get("/api/v1/updates", params={"changed_since": "2025-06-11T00:00:00"})
    assert naive.status_code == 422  # a moment needs its offset
