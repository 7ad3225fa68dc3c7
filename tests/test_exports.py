"""Exports: CSV read by the csv module, HXL read by libhxl, NDJSON read by json, all matching the JSON API."""

import csv
import io
import json
import re
from pathlib import Path
from typing import Any

import hxl
import pytest

from app.exports.formats import from_cell, to_cell
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
    assert response.headers["content-type"] == "text/csv; charset=utf-8"  # the one shape libhxl reads from a URL
    path = tmp_path / "updates.csv"
    path.write_bytes(response.content)
    dataset = hxl.data(str(path), hxl.InputOptions(allow_local=True)).cache()
    assert "#date+occurred" in dataset.display_tags
    assert "#group+recipient+id" in dataset.display_tags
    received = _sorted(
        (row.get("#meta+update+id"), row.get("#group+recipient+id"), row.get("#affected+received") or None)
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
            row.get("#group+recipient+id"),
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
    remains = next(row for row in dataset if row.get("#beneficiary+code") == "remains" and row.get("#targeted"))
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
        ("text/csv", "text/csv; charset=utf-8"),
        ("text/csv; hxl=present", "text/csv; charset=utf-8"),
        ("application/json;q=0.9, application/x-ndjson", "application/x-ndjson"),
        ("*/*", "text/csv; charset=utf-8"),
    ],
)
def test_accept_header_chooses_the_format(factory: Factory, accept: str, expected: str) -> None:
    response = factory.client.get("/api/v1/exports/updates", headers={"Accept": accept})

    assert response.status_code == 200
    assert response.headers["content-type"] == expected
    hashtags = response.text.splitlines()[1:2]
    assert (hashtags[0].startswith("#") if hashtags else False) == ("hxl=present" in accept)


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


FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
HOSTILE = {
    "party": '=HYPERLINK("https://example.org/x","Click")',
    "intermediary": "@SUM(A1:A9)",
    "title": "+cmd|' /C calc'!A0",
    "venue": "-2+3",
    "notes": "=1+1",
    "round": "@round",
    "stage": "=2",
    "location": "-border",
    "note": "@note",
    "publisher": "+Ministry",
    "source_title": "'=already quoted",
}


SHOWN_IN = {
    "agreements": ("party", "title", "venue"),
    "updates": ("party", "intermediary", "stage", "location", "note", "publisher", "source_title"),
}


def _hostile_ledger(factory: Factory) -> str:
    """An agreement whose every text field begins as a spreadsheet formula would."""
    first = factory.party(HOSTILE["party"])
    second = factory.party(HOSTILE["intermediary"])
    agreement = factory.agreement(
        title=HOSTILE["title"],
        venue=HOSTILE["venue"],
        notes=HOSTILE["notes"],
        negotiation_round=HOSTILE["round"],
        parties=[first, second],
        commitments=[{"category": "prisoners_of_war", "measure": "all_for_all"}],
    )
    term = agreement["commitments"][0]["id"]
    factory.update(
        agreement["id"],
        [line(term, first, 10), line(term, second, 12)],
        stage=HOSTILE["stage"],
        location=HOSTILE["location"],
        note=HOSTILE["note"],
        source={"publisher": HOSTILE["publisher"], "title": HOSTILE["source_title"], "url": "https://example.org/r"},
    )
    agreement_id: str = agreement["id"]
    return agreement_id


@pytest.mark.parametrize("export_format", ["csv", "hxl"])
@pytest.mark.parametrize("path", ["agreements", "updates"])
def test_no_exported_cell_begins_as_a_formula(factory: Factory, path: str, export_format: str) -> None:
    _hostile_ledger(factory)
    response = _export(factory, path, format=export_format)
    assert response.status_code == 200
    rows = list(csv.reader(io.StringIO(response.text, newline="")))
    cells = [cell for row in rows for cell in row]
    assert cells, "the export is empty"
    assert [cell for cell in cells if cell.startswith(FORMULA_STARTS)] == []
    # The hostile texts are there, each behind the one mark that neutralises it; numbers stay numbers.
    shown = set(cells)
    for name in SHOWN_IN[path]:
        assert any(cell.startswith("'" + HOSTILE[name]) for cell in cells), name
    if path == "updates":
        assert {"10", "12"} <= shown


@pytest.mark.parametrize("text", ["\tx", "\rx", "=x", "+1", "-1", "@x", "'x", "''=x", "'=x", "plain", "1-2"])
def test_reading_a_cell_back_undoes_exactly_what_writing_it_did(text: str) -> None:
    cell = to_cell(text)
    assert not cell.startswith(FORMULA_STARTS)
    assert from_cell(cell) == text
    assert to_cell(-5) == "-5"  # numbers stay numbers


def test_ndjson_keeps_hostile_texts_exact(factory: Factory) -> None:
    _hostile_ledger(factory)
    rows = [json.loads(x) for x in _export(factory, "updates", format="ndjson").text.splitlines()]
    assert {(r["stage"], r["location"], r["note"], r["source_publisher"]) for r in rows} == {
        (HOSTILE["stage"], HOSTILE["location"], HOSTILE["note"], HOSTILE["publisher"])
    }


def test_a_neutralised_export_imports_back_with_the_texts_as_they_were(factory: Factory) -> None:
    agreement_id = _hostile_ledger(factory)
    exported = _export(factory, "updates", format="csv", agreement_id=agreement_id).text
    response = factory.client.post(
        "/api/v1/imports",
        content=exported.replace("upd_", "copy-of-upd_").encode(),
        headers={**factory.keys["monitor"], "Content-Type": "text/csv"},
    )
    assert response.status_code == 201, response.text
    updates = factory.client.get("/api/v1/updates", params={"agreement_id": agreement_id}).json()["items"]
    assert len(updates) == 2
    assert {
        (u["stage"], u["location"], u["note"], u["source"]["publisher"], u["source"]["title"]) for u in updates
    } == {(HOSTILE["stage"], HOSTILE["location"], HOSTILE["note"], HOSTILE["publisher"], HOSTILE["source_title"])}


def test_bom_opens_a_csv_with_a_byte_order_mark_for_excel(factory: Factory) -> None:
    factory.istanbul()
    for path in ("agreements", "updates"):
        plain = _export(factory, path, format="csv").content
        marked = _export(factory, path, format="csv", bom="true").content
        assert not plain.startswith(b"\xef\xbb\xbf")
        assert marked == b"\xef\xbb\xbf" + plain
        assert marked.decode("utf-8-sig").splitlines()[0].startswith(("agreement_id", "update_id"))
    assert not _export(factory, "updates", format="ndjson", bom="true").content.startswith(b"\xef\xbb\xbf")


def test_the_updates_export_takes_the_filters_of_its_list(factory: Factory) -> None:
    ist, _ = _istanbul_with_two_stages(factory)

    def exported(**params: str) -> list[dict[str, str]]:
        response = _export(factory, "updates", format="csv", **params)
        assert response.status_code == 200, response.text
        return list(csv.DictReader(io.StringIO(response.text)))

    every = exported()
    assert len(every) == 4
    assert exported(recipient_id=ist.russia) == [r for r in every if r["recipient_id"] == ist.russia]
    assert exported(commitment_id=ist.remains) == [r for r in every if r["commitment_id"] == ist.remains]
    assert exported(occurred_from="2025-06-17") == [r for r in every if r["occurred_on"] >= "2025-06-17"]
    assert exported(occurred_to="2025-06-16") == [r for r in every if r["occurred_on"] <= "2025-06-16"]
    assert exported(review_state="verified") == []
    assert exported(review_state="reported") == every
    assert exported(recorded_from="2000-01-01T00:00:00Z", recorded_to="2999-01-01T00:00:00Z") == every
    assert exported(recorded_to="2000-01-01T00:00:00Z") == []
    bad = _export(factory, "updates", recorded_from="yesterday")
    assert bad.status_code == 422 and bad.headers["content-type"].startswith("application/problem+json")


# The core hashtags of the HXL dictionary (HXL 1.1, hxlstandard.org/standard/dictionary), as the
# HXL hashtag chooser of the HXL Standard project lists them.
HXL_CORE_HASHTAGS = {
    "#access", "#activity", "#adm1", "#adm2", "#adm3", "#adm4", "#adm5", "#affected", "#beneficiary",
    "#capacity", "#cause", "#channel", "#contact", "#country", "#crisis", "#currency", "#date",
    "#description", "#event", "#frequency", "#geo", "#group", "#impact", "#indicator", "#inneed",
    "#item", "#loc", "#meta", "#modality", "#need", "#operations", "#org", "#output", "#population",
    "#reached", "#region", "#respondee", "#sector", "#service", "#severity", "#status", "#subsector",
    "#targeted", "#value",
}  # fmt: skip


@pytest.mark.parametrize("path", ["agreements", "updates"])
def test_every_hxl_hashtag_is_a_core_one_with_well_formed_attributes(factory: Factory, path: str) -> None:
    factory.istanbul()
    tags = list(csv.reader(io.StringIO(_export(factory, path, format="hxl").text)))[1]
    for spec in tags:
        hashtag, *attributes = spec.split("+")
        assert hashtag in HXL_CORE_HASHTAGS, spec
        assert all(re.fullmatch(r"[a-z][a-z0-9_]*", a) for a in attributes), spec
    # Not a humanitarian cluster (HXL's #sector): who or what the term is about.
    assert "#sector" not in tags and "#beneficiary+code" in tags
    assert "#country+code" in tags


def test_parties_carry_both_iso_codes_and_exports_the_alpha3(factory: Factory, tmp_path: Path) -> None:
    ist = factory.istanbul()
    factory.update(ist.agreement_id, [line(ist.remains, ist.ukraine, 6057)], occurred_on="2025-06-16")
    party = factory.client.get(f"/api/v1/parties/{ist.ukraine}").json()
    assert (party["country_code"], party["country_code_alpha3"]) == ("UA", "UKR")
    agreement = factory.client.get(f"/api/v1/agreements/{ist.agreement_id}").json()
    assert [p["country_code_alpha3"] for p in agreement["parties"]] == ["UKR", "RUS"]
    for path in ("agreements", "updates"):
        saved = tmp_path / f"{path}.csv"
        saved.write_bytes(_export(factory, path, format="hxl").content)
        dataset = hxl.data(str(saved), hxl.InputOptions(allow_local=True)).cache()
        codes = {row.get("#group+recipient+id"): row.get("#country+code") for row in dataset}
        assert codes.get(ist.ukraine) == "UKR", path
    nowhere = {"name": "Nowhere", "kind": "state", "country_code": "XX"}
    refused = factory.client.post("/api/v1/parties", json=nowhere, headers=factory.keys["editor"])
    assert refused.status_code == 422 and "XX" in refused.text


def test_the_summary_exports_as_hxl_with_the_figures_of_the_endpoint(factory: Factory) -> None:
    ist = factory.istanbul()
    factory.update(ist.agreement_id, [line(ist.remains, ist.ukraine, 1212), line(ist.remains, ist.russia, 27)])
    factory.update(ist.agreement_id, [line(ist.wounded, ist.russia, None)], "2025-07-02")

    exported = factory.client.get(
        "/api/v1/exports/summary", params={"format": "hxl", "party_id": ist.ukraine, "interval": "month"}
    )
    assert exported.status_code == 200, exported.text
    rows = list(csv.reader(io.StringIO(exported.text)))
    header, tags, body = rows[0], rows[1], rows[2:]
    assert tags[header.index("category")] == "#beneficiary+code"
    shown = factory.client.get(f"/api/v1/parties/{ist.ukraine}/summary", params={"interval": "month"}).json()
    assert len(body) == len(shown["lines"]) + len(shown["series"])
    named = [dict(zip(header, r, strict=True)) for r in body]
    remains = next(r for r in named if r["category"] == "remains" and r["side"] == "received" and not r["period"])
    assert (remains["party_id"], remains["received"], remains["recipient_id"]) == (ist.ukraine, "1212", ist.ukraine)
    withheld = next(
        dict(zip(header, r, strict=True)) for r in body if r[header.index("category")] == "wounded_and_sick"
    )
    assert (withheld["side"], withheld["received_is_lower_bound"]) == ("handed_over", "true")
    assert {dict(zip(header, r, strict=True))["period"] for r in body} == {"", "2025-06", "2025-07"}
