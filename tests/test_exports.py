"""Exports: CSV read by the csv module, HXL read by libhxl, NDJSON read by json, all matching the JSON API."""

import csv
import io
import json
from pathlib import Path
from typing import Any

import hxl
import pytest

from tests.factories import Factory, Istanbul, line


def _istanbul_with_two_stages(factory: Factory) -> tuple[Istanbul, list[dict[str, Any]]]:
    ist = factory.istanbul()
    first = factory.update(
        ist.agreement_id,
        [line(ist.remains, ist.ukraine, 6057), line(ist.remains, ist.russia, 78)],
        occurred_on="2025-06-16",
        stage="2",
        location="Belarus-Ukraine border",
    )
    second = factory.update(
        ist.agreement_id,
        [line(ist.wounded, ist.ukraine, None), line(None, ist.russia, 250, "approximate")],
        occurred_on="2025-06-20",
        note='Said to be "about 250", figures, commas',
    )
    return ist, [first, second]


def _sorted(rows: Any) -> list[tuple[Any, ...]]:
    return sorted(rows, key=repr)


def _api_lines(updates: list[dict[str, Any]]) -> list[tuple[Any, ...]]:
    return _sorted(
        (
            u["id"],
            u["occurred_on"],
            u["stage"],
            u["source"]["publisher"],
            x["commitment_id"],
            x["recipient_id"],
            x["quantity"],
            x["qualifier"],
        )
        for u in updates
        for x in u["lines"]
    )


def _export(factory: Factory, path: str, **params: str) -> Any:
    return factory.client.get(f"/api/v1/exports/{path}", params=params)


def test_updates_csv_has_one_row_per_line_matching_the_json_api(factory: Factory) -> None:
    ist, updates = _istanbul_with_two_stages(factory)

    response = _export(factory, "updates", format="csv", agreement_id=ist.agreement_id)

    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(response.text)))
    exported = _sorted(
        (
            r["update_id"],
            r["occurred_on"],
            r["stage"] or None,
            r["source_publisher"],
            r["commitment_id"] or None,
            r["recipient_id"],
            int(r["quantity"]) if r["quantity"] else None,
            r["qualifier"],
        )
        for r in rows
    )
    assert exported == _api_lines(updates)
    by_quantity = {r["quantity"]: r for r in rows}
    assert by_quantity["6057"]["recipient_name"] == "Ukraine"
    assert by_quantity["6057"]["category"] == "remains"
    assert by_quantity["250"]["note"] == 'Said to be "about 250", figures, commas'


def test_updates_hxl_is_read_by_libhxl_with_the_tags_under_the_header(factory: Factory, tmp_path: Path) -> None:
    _, updates = _istanbul_with_two_stages(factory)

    response = factory.client.get("/api/v1/exports/updates", headers={"Accept": "text/csv;hxl=present"})

    assert response.status_code == 200
    assert "hxl" in response.headers["content-type"]
    path = tmp_path / "updates.csv"
    path.write_bytes(response.content)
    dataset = hxl.data(str(path), hxl.InputOptions(allow_local=True)).cache()
    assert "#date+occurred" in dataset.display_tags
    assert "#org+recipient+id" in dataset.display_tags
    received = _sorted(
        (row.get("#meta+update+id"), row.get("#org+recipient+id"), row.get("#affected+received") or None)
        for row in dataset
    )
    expected = _sorted(
        (u["id"], x["recipient_id"], str(x["quantity"]) if x["quantity"] is not None else None)
        for u in updates
        for x in u["lines"]
    )
    assert received == expected
    assert sorted({row.get("#date+occurred") for row in dataset}) == ["2025-06-16", "2025-06-20"]


def test_updates_ndjson_by_accept_header_matches_the_json_api(factory: Factory) -> None:
    ist, updates = _istanbul_with_two_stages(factory)

    response = factory.client.get(
        "/api/v1/exports/updates",
        params={"agreement_id": ist.agreement_id},
        headers={"Accept": "application/x-ndjson"},
    )

    assert response.status_code == 200
    assert response.headers["content-type"].startswith("application/x-ndjson")
    rows = [json.loads(text) for text in response.text.splitlines()]
    exported = _sorted(
        (
            r["update_id"],
            r["occurred_on"],
            r["stage"],
            r["source_publisher"],
            r["commitment_id"],
            r["recipient_id"],
            r["quantity"],
            r["qualifier"],
        )
        for r in rows
    )
    assert exported == _api_lines(updates)


def test_agreements_export_carries_each_partys_status(factory: Factory, tmp_path: Path) -> None:
    ist, _ = _istanbul_with_two_stages(factory)
    status = factory.status(ist.agreement_id)

    response = _export(factory, "agreements", format="hxl")

    assert response.status_code == 200
    path = tmp_path / "agreements.csv"
    path.write_bytes(response.content)
    dataset = hxl.data(str(path), hxl.InputOptions(allow_local=True)).cache()
    rows = [
        (
            row.get("#meta+commitment+id"),
            row.get("#org+recipient+id"),
            row.get("#affected+received"),
            row.get("#status+commitment"),
        )
        for row in dataset
    ]
    expected = [
        (c["commitment_id"], r["recipient_id"], str(r["received"]), c["state"])
        for c in status["commitments"]
        for r in c["recipients"]
    ]
    assert rows == expected
    assert {row.get("#status+agreement") for row in dataset} == {status["state"]}
    remains = next(row for row in dataset if row.get("#sector") == "remains" and row.get("#targeted"))
    assert remains.get("#targeted") == "6000"


def test_agreements_csv_and_ndjson_hold_the_same_rows(factory: Factory) -> None:
    _istanbul_with_two_stages(factory)
    factory.agreement()  # no terms: still one row

    as_csv = list(csv.DictReader(io.StringIO(_export(factory, "agreements", format="csv").text)))
    as_ndjson = [json.loads(t) for t in _export(factory, "agreements", format="ndjson").text.splitlines()]

    assert len(as_csv) == len(as_ndjson) == 7  # 2 + 2 all-for-all recipients, 2 targets, and one empty agreement
    assert [r["agreement_id"] for r in as_csv] == [r["agreement_id"] for r in as_ndjson]
    assert [r["received"] for r in as_csv] == ["" if r["received"] is None else str(r["received"]) for r in as_ndjson]


@pytest.mark.parametrize(
    ("accept", "expected"),
    [
        ("text/csv", "text/csv; charset=utf-8; header=present"),
        ("text/csv; hxl=present", "text/csv; charset=utf-8; header=present; hxl=present"),
        ("application/json;q=0.9, application/x-ndjson", "application/x-ndjson"),
        ("*/*", "text/csv; charset=utf-8; header=present"),
    ],
)
def test_accept_header_chooses_the_format(factory: Factory, accept: str, expected: str) -> None:
    response = factory.client.get("/api/v1/exports/updates", headers={"Accept": accept})

    assert response.status_code == 200
    assert response.headers["content-type"] == expected


def test_unsupported_formats_and_unknown_agreements_are_problems(factory: Factory) -> None:
    not_acceptable = factory.client.get("/api/v1/exports/updates", headers={"Accept": "application/pdf"})
    bad_format = _export(factory, "agreements", format="xlsx")
    unknown = _export(factory, "updates", agreement_id="agr_nope")

    assert not_acceptable.status_code == 406
    assert not_acceptable.headers["content-type"] == "application/problem+json"
    assert not_acceptable.json()["type"].endswith("/not-acceptable")
    assert bad_format.status_code == 422
    assert bad_format.json()["errors"][0]["location"] == ["query", "format"]
    assert unknown.status_code == 404
    assert unknown.json()["type"].endswith("/not-found")


def test_empty_export_is_a_header_only(factory: Factory) -> None:
    response = _export(factory, "updates", format="hxl")

    lines = response.text.splitlines()
    assert lines[0].startswith("update_id,agreement_id,occurred_on")
    assert lines[1].startswith("#meta+update+id,#activity+id,#date+occurred")
    assert len(lines) == 2
