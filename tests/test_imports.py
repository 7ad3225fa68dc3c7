"""Bulk import: the export's own columns come back in; one bad row refuses the whole file; nothing half-written."""

import csv
import io
import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

from tests.factories import Factory, Istanbul, line, recipient

HEADER = (
    "update_id,agreement_id,occurred_on,stage,location,source_publisher,source_title,source_url,"
    "source_published_on,note,commitment_id,category,recipient_id,recipient_name,quantity,qualifier,created_at,"
    "idempotency_key"
)


def _row(ist: Istanbul, update: str, recipient_id: str, quantity: Any, **values: Any) -> dict[str, Any]:
    row = {
        "update_id": update,
        "agreement_id": ist.agreement_id,
        "occurred_on": "2025-06-16",
        "stage": "2",
        "source_publisher": "Coordination Headquarters",
        "commitment_id": ist.remains,
        "recipient_id": recipient_id,
        "quantity": quantity,
        "qualifier": "exact",
    }
    row.update(values)
    return row


def _csv(rows: list[dict[str, Any]]) -> str:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=HEADER.split(","), lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return buffer.getvalue()


def _import(factory: Factory, body: str, media_type: str = "text/csv", role: str = "monitor") -> Any:
    return factory.client.post(
        "/api/v1/imports", content=body.encode(), headers={**factory.keys[role], "Content-Type": media_type}
    )


def _export_rows(factory: Factory, agreement_id: str) -> list[dict[str, str]]:
    text = factory.client.get("/api/v1/exports/updates", params={"format": "csv", "agreement_id": agreement_id}).text
    return list(csv.DictReader(io.StringIO(text)))


def test_rows_sharing_an_update_id_become_one_update_and_move_the_totals(factory: Factory) -> None:
    ist = factory.istanbul()
    body = _csv(
        [
            _row(ist, "stage-2", ist.ukraine, 6057, idempotency_key="hq-stage-2"),
            _row(ist, "stage-2", ist.russia, 78, idempotency_key="hq-stage-2"),
            _row(ist, "stage-3", ist.ukraine, "", occurred_on="2025-06-20", stage="3", commitment_id=ist.wounded),
        ]
    )

    response = _import(factory, body)

    assert response.status_code == 201, response.text
    assert response.json() == {"updates": 2, "lines": 3, "agreement_ids": [ist.agreement_id]}
    updates = factory.client.get(f"/api/v1/agreements/{ist.agreement_id}/updates").json()["items"]
    assert [(u["stage"], len(u["lines"])) for u in updates] == [("2", 2), ("3", 1)]
    status = factory.status(ist.agreement_id)
    assert recipient(status, ist.remains, ist.ukraine)["received"] == 6057
    assert recipient(status, ist.remains, ist.russia)["received"] == 78
    assert recipient(status, ist.wounded, ist.ukraine)["received_is_lower_bound"] is True


def test_an_export_imports_back_unchanged(factory: Factory) -> None:
    ist = factory.istanbul()
    factory.update(
        ist.agreement_id, [line(ist.remains, ist.ukraine, 1212), line(ist.remains, ist.russia, 27)], stage="1"
    )
    factory.update(
        ist.agreement_id,
        [line(ist.young_soldiers, ist.ukraine, None), line(None, ist.russia, 250, "approximate")],
        note='Figures, with commas; and "quotes"',
        location="Belarus-Ukraine border",
    )
    exported = factory.client.get(
        "/api/v1/exports/updates", params={"format": "hxl", "agreement_id": ist.agreement_id}
    ).text
    # The same file with each update id turned into a label: imported as new updates of the same content.
    relabelled = exported.replace("upd_", "copy-of-upd_")

    response = _import(factory, relabelled)

    assert response.status_code == 201, response.text
    rows = _export_rows(factory, ist.agreement_id)
    assert len(rows) == 8
    originals = [r for r in rows if r["update_id"] in exported]
    copies = [r for r in rows if r not in originals]
    ignore = ("update_id", "created_at", "handover_id")  # each copy is the first report of a handover of its own
    assert sorted(tuple(v for k, v in r.items() if k not in ignore) for r in copies) == sorted(
        tuple(v for k, v in r.items() if k not in ignore) for r in originals
    )
    assert recipient(factory.status(ist.agreement_id), ist.remains, ist.ukraine)["received"] == 2 * 1212


def test_reimporting_an_export_is_refused_as_recorded_already(factory: Factory) -> None:
    ist = factory.istanbul()
    factory.update(ist.agreement_id, [line(ist.remains, ist.ukraine, 1212)])
    exported = factory.client.get("/api/v1/exports/updates", params={"format": "ndjson"}).text

    response = _import(factory, exported, media_type="application/x-ndjson")

    assert response.status_code == 422
    assert response.json()["errors"][0]["location"] == ["row", 1, "update_id"]
    assert "recorded already" in response.json()["errors"][0]["message"]


def test_a_file_with_bad_rows_is_refused_whole_with_each_row_named(factory: Factory) -> None:
    ist = factory.istanbul()
    foreign_term = factory.agreement(commitments=[{"category": "remains", "measure": "all_for_all"}])["commitments"][0][
        "id"
    ]
    outsider = factory.party()
    before = factory.status(ist.agreement_id)
    body = _csv(
        [
            _row(ist, "good", ist.ukraine, 10),  # row 2
            _row(ist, "bad-quantity", ist.ukraine, "many"),  # row 3
            _row(ist, "bad-date", ist.ukraine, 1, occurred_on="2025-02-30"),  # row 4
            _row(ist, "before-agreement", ist.ukraine, 1, occurred_on="2025-01-01"),  # row 5
            _row(ist, "outsider", outsider, 1),  # row 6
            _row(ist, "foreign-term", ist.ukraine, 1, commitment_id=foreign_term),  # row 7
            _row(ist, "unknown-agreement", ist.ukraine, 1, agreement_id="agr_missing"),  # row 8
            _row(ist, "key-1", ist.ukraine, 1, idempotency_key="same"),  # row 9
            _row(ist, "key-2", ist.russia, 1, idempotency_key="same"),  # row 10
            _row(ist, "mixed", ist.ukraine, 1),  # row 11
            _row(ist, "mixed", ist.russia, 1, occurred_on="2025-06-17"),  # row 12
            _row(ist, "good", ist.russia, 1),  # row 13: "good" again, apart from its first row
            _row(ist, "withheld-qualified", ist.ukraine, "", qualifier="approximate"),  # row 14
        ]
    )

    response = _import(factory, body)

    assert response.status_code == 422
    problem = response.json()
    assert problem["type"].endswith("/import-refused")
    named = {(e["location"][1], e["location"][2] if len(e["location"]) > 2 else None) for e in problem["errors"]}
    assert {
        (3, "quantity"),
        (4, "occurred_on"),
        (5, "occurred_on"),
        (6, "recipient_id"),
        (7, "commitment_id"),
        (8, "agreement_id"),
        (10, "idempotency_key"),
        (12, "occurred_on"),
        (13, "update_id"),
    } <= named
    assert any(e["location"][1] == 14 for e in problem["errors"])
    assert 2 not in {e["location"][1] for e in problem["errors"]}
    assert factory.status(ist.agreement_id) == before
    assert _export_rows(factory, ist.agreement_id) == []


def test_a_wrong_header_is_refused_before_any_row(factory: Factory) -> None:
    response = _import(factory, "update_id,agreement_id,when,recipient_id,quantity,name\nu,a,2025-06-16,p,1,x\n")

    assert response.status_code == 422
    locations = [e["location"] for e in response.json()["errors"]]
    assert ["header", "when"] in locations
    assert ["header", "name"] in locations
    assert ["header", "occurred_on"] in locations


def test_idempotency_keys_already_recorded_are_refused(factory: Factory) -> None:
    ist = factory.istanbul()
    assert _import(factory, _csv([_row(ist, "a", ist.ukraine, 1, idempotency_key="k-1")])).status_code == 201

    again = _import(factory, _csv([_row(ist, "b", ist.ukraine, 1, idempotency_key="k-1")]))

    assert again.status_code == 422
    assert again.json()["errors"][0]["location"] == ["row", 2, "idempotency_key"]
    assert recipient(factory.status(ist.agreement_id), ist.remains, ist.ukraine)["received"] == 1


def test_import_needs_a_monitor_key_and_a_tabular_body(factory: Factory) -> None:
    ist = factory.istanbul()
    body = _csv([_row(ist, "a", ist.ukraine, 1)])

    assert factory.client.post("/api/v1/imports", content=body, headers={"Content-Type": "text/csv"}).status_code == 401
    assert _import(factory, body, role="reader").status_code == 403
    unsupported = _import(factory, "<rows/>", media_type="application/xml")
    assert unsupported.status_code == 415
    assert unsupported.headers["content-type"] == "application/problem+json"
    assert _import(factory, "").status_code == 422
    assert _import(factory, json.dumps({"rows": []}), media_type="application/json").status_code == 422


def _cli(database_url: str, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "app.cli", *args],
        env={**os.environ, "DATABASE_URL": database_url},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_cli_imports_a_file_or_names_its_bad_rows(factory: Factory, database_url: str, tmp_path: Path) -> None:
    ist = factory.istanbul()
    bad = tmp_path / "bad.csv"
    bad.write_text(_csv([_row(ist, "a", ist.ukraine, 5), _row(ist, "b", ist.ukraine, -3)]))
    good = tmp_path / "good.ndjson"
    good.write_text(
        "\n".join(json.dumps(_row(ist, f"u{n}", ist.ukraine, n)) for n in range(1, 101)) + "\n", encoding="utf-8"
    )

    factory.update(ist.agreement_id, [line(ist.remains, ist.russia, 78)])  # posted, beside the imported ones
    refused = _cli(database_url, "import", str(bad))
    imported = _cli(database_url, "import", str(good))
    checked = _cli(database_url, "totals", "check")

    assert refused.returncode == 1
    assert "bad.csv: row 3 (quantity):" in refused.stderr
    assert imported.returncode == 0, imported.stderr
    assert "Imported 100 update(s), 100 line(s)" in imported.stdout
    assert recipient(factory.status(ist.agreement_id), ist.remains, ist.ukraine)["received"] == sum(range(1, 101))
    # The totals moved in bulk are what rebuilding them from the updates gives.
    assert checked.returncode == 0, checked.stdout + checked.stderr


def test_bytes_that_are_not_utf8_are_refused_with_the_row_named(
    factory: Factory, database_url: str, tmp_path: Path
) -> None:
    ist = factory.istanbul()
    good = json.dumps(_row(ist, "u1", ist.ukraine, 5)).encode()
    broken = json.dumps(_row(ist, "u2", ist.ukraine, 6)).encode().replace(b"Coordination", b"Coordin\xff\xfetion")
    body = good + b"\n" + broken + b"\n"
    before = factory.status(ist.agreement_id)

    response = factory.client.post(
        "/api/v1/imports", content=body, headers={**factory.keys["monitor"], "Content-Type": "application/x-ndjson"}
    )
    path = tmp_path / "broken.ndjson"
    path.write_bytes(body)
    refused = _cli(database_url, "import", str(path))

    assert response.status_code == 422, response.text
    assert [e["location"] for e in response.json()["errors"]] == [["row", 2]]
    assert "not UTF-8" in response.json()["detail"]
    assert refused.returncode == 1
    assert "broken.ndjson: row 2: is not UTF-8" in refused.stderr
    assert "Traceback" not in refused.stderr
    assert factory.status(ist.agreement_id) == before


def test_chosen_ids_on_import_pin_nothing_in_the_feed_or_the_review_queue(factory: Factory) -> None:
    ist = factory.istanbul()
    first = factory.update(ist.agreement_id, [line(ist.remains, ist.ukraine, 1)])["id"]
    latest_id, earliest_id = "upd_" + "z" * 26, "upd_" + "0" * 26
    chosen = [_row(ist, latest_id, ist.ukraine, 2), _row(ist, earliest_id, ist.ukraine, 3)]
    assert _import(factory, _csv(chosen)).status_code == 201
    last = factory.update(ist.agreement_id, [line(ist.remains, ist.ukraine, 4)])["id"]

    feed = factory.client.get("/api/v1/feed").text
    queue = factory.client.get("/api/v1/updates", params={"review_state": "reported"}).json()["items"]
    walked, cursor = [], None
    while True:
        params = {"review_state": "reported", "limit": 1, **({"cursor": cursor} if cursor else {})}
        page = factory.client.get("/api/v1/updates", params=params).json()
        walked += [update["id"] for update in page["items"]]
        if not (cursor := page["next_cursor"]):
            break

    # In the order the ledger recorded them, whatever ids the file chose.
    assert feed.index(f"updates/{last}") < feed.index(f"updates/{latest_id}") < feed.index(f"updates/{first}")
    assert queue[0]["id"] == first and queue[-1]["id"] == last
    assert walked == [update["id"] for update in queue] and len(walked) == 4


# ---- a JSON body: {"rows": [...]}, each row an NDJSON line's object, by the same reader and rules ------------


def _json(factory: Factory, body: Any, role: str = "monitor") -> Any:
    return factory.client.post("/api/v1/imports", json=body, headers=factory.keys[role])


def test_a_json_body_imports_as_the_same_rows_in_csv_would(factory: Factory) -> None:
    ist = factory.istanbul()
    rows = [
        _row(ist, "stage-2", ist.ukraine, 6057, idempotency_key="hq-stage-2"),
        _row(ist, "stage-2", ist.russia, None, idempotency_key="hq-stage-2"),
        _row(ist, "stage-3", ist.ukraine, 12, occurred_on="2025-06-20", stage="3", commitment_id=ist.wounded),
    ]

    response = _json(factory, {"rows": rows})

    assert response.status_code == 201, response.text
    assert response.json() == {"updates": 2, "lines": 3, "agreement_ids": [ist.agreement_id]}
    status = factory.status(ist.agreement_id)
    assert recipient(status, ist.remains, ist.ukraine)["received"] == 6057
    assert recipient(status, ist.remains, ist.russia)["received_is_lower_bound"] is True
    assert recipient(status, ist.wounded, ist.ukraine)["received"] == 12
    # The idempotency key is the key holder's, whatever body carried it.
    again = _import(factory, _csv([_row(ist, "other", ist.ukraine, 1, idempotency_key="hq-stage-2")]))
    assert again.status_code == 422 and again.json()["errors"][0]["location"] == ["row", 1 + 1, "idempotency_key"]


def test_an_ndjson_export_imports_back_as_a_json_body(factory: Factory) -> None:
    ist = factory.istanbul()
    factory.update(ist.agreement_id, [line(ist.remains, ist.ukraine, 1212), line(ist.remains, ist.russia, 27)])
    exported = factory.client.get("/api/v1/exports/updates", params={"format": "ndjson"}).text
    rows = [json.loads(text.replace("upd_", "copy-of-upd_")) for text in exported.splitlines()]

    response = _json(factory, {"rows": rows})

    assert response.status_code == 201, response.text
    assert (response.json()["updates"], response.json()["lines"]) == (1, 2)
    assert recipient(factory.status(ist.agreement_id), ist.remains, ist.ukraine)["received"] == 2 * 1212


def test_bad_json_rows_are_refused_whole_each_named_by_its_place(factory: Factory) -> None:
    ist = factory.istanbul()
    before = factory.status(ist.agreement_id)
    rows: list[Any] = [
        _row(ist, "good", ist.ukraine, 10),  # row 1
        _row(ist, "bad-quantity", ist.ukraine, "many"),  # row 2
        _row(ist, "before-agreement", ist.ukraine, 1, occurred_on="2025-01-01"),  # row 3
        "not a row",  # row 4
        {**_row(ist, "extra", ist.ukraine, 1), "colour": "red"},  # row 5
        {k: v for k, v in _row(ist, "no-quantity", ist.ukraine, 1).items() if k != "quantity"},  # row 6
    ]

    response = _json(factory, {"rows": rows})

    assert response.status_code == 422
    problem = response.json()
    assert problem["type"].endswith("/import-refused")
    named = {tuple(e["location"][1:3]) for e in problem["errors"]}
    assert {(2, "quantity"), (3, "occurred_on"), (4,), (5,), (6,)} <= named
    assert 1 not in {e["location"][1] for e in problem["errors"]}
    messages = " ".join(e["message"] for e in problem["errors"])
    assert "is not a JSON object" in messages and "'colour' is not a column" in messages
    assert "'quantity' is a required column and is missing" in messages
    assert factory.status(ist.agreement_id) == before
    assert _export_rows(factory, ist.agreement_id) == []


def test_a_json_body_is_an_object_holding_rows(factory: Factory) -> None:
    ist = factory.istanbul()
    row = _row(ist, "a", ist.ukraine, 1)

    bare = _json(factory, [row])
    extra = _json(factory, {"rows": [row], "dry_run": True})
    malformed = _import(factory, '{"rows": [', media_type="application/json")

    assert bare.status_code == extra.status_code == 422
    assert '"rows"' in bare.json()["detail"]
    assert malformed.status_code == 400
    assert _json(factory, {"rows": [row]}, role="reader").status_code == 403
    assert _export_rows(factory, ist.agreement_id) == []


def test_cli_imports_a_json_file(factory: Factory, database_url: str, tmp_path: Path) -> None:
    ist = factory.istanbul()
    path = tmp_path / "rows.json"
    path.write_text(json.dumps({"rows": [_row(ist, "a", ist.ukraine, 3), _row(ist, "a", ist.russia, 4)]}))

    done = _cli(database_url, "import", str(path))

    assert done.returncode == 0, done.stderr
    assert "Imported 1 update(s), 2 line(s)" in done.stdout
    assert recipient(factory.status(ist.agreement_id), ist.remains, ist.russia)["received"] == 4
    broken = tmp_path / "broken.json"
    broken.write_text('{"rows": [')
    refused = _cli(database_url, "import", str(broken))
    assert refused.returncode == 1 and "could not be parsed as JSON" in refused.stderr, refused.stderr
