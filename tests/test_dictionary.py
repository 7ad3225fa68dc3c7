"""One data dictionary: every field, parameter and export column described once, the same text everywhere,
published as JSON, CSV and a page."""

import csv
import io
from html.parser import HTMLParser
from typing import Any

import pytest
from fastapi.testclient import TestClient

from app.core.config import Settings
from app.exports.service import AGREEMENT_COLUMNS, UPDATE_COLUMNS
from app.imports.rows import INFORMATIVE
from app.main import create_app
from app.terms import texts
from app.terms.describe import Undescribed, describe_document

EXPORTS = {"agreements": AGREEMENT_COLUMNS, "updates": UPDATE_COLUMNS}


def _document(client: TestClient) -> dict[str, Any]:
    response = client.get("/openapi.json")
    assert response.status_code == 200
    document: dict[str, Any] = response.json()
    return document


def _parameters(document: dict[str, Any]) -> list[tuple[str, dict[str, Any]]]:
    return [
        (operation["operationId"], parameter)
        for item in document["paths"].values()
        for operation in item.values()
        for parameter in operation.get("parameters", [])
    ]


def test_every_property_and_parameter_of_the_document_has_a_description(client: TestClient) -> None:
    document = _document(client)
    undescribed = [
        f"{name}.{prop}"
        for name, schema in document["components"]["schemas"].items()
        for prop, body in schema.get("properties", {}).items()
        if not body.get("description", "").strip()
    ]
    undescribed += [
        f"{operation} {p['in']} {p['name']}" for operation, p in _parameters(document) if not p.get("description")
    ]
    assert undescribed == []
    assert len(document["components"]["schemas"]["RecipientStatus"]["properties"]) > 20


def test_a_field_means_the_same_in_every_schema_unless_the_dictionary_says_otherwise(client: TestClient) -> None:
    schemas = _document(client)["components"]["schemas"]
    ids = {schemas[name]["properties"]["agreement_id"]["description"] for name in ("UpdatePublic", "AgreementStatus")}
    assert ids == {texts.FIELDS["agreement_id"]}
    assert schemas["RecipientStatus"]["properties"]["received"]["description"] == texts.FIELDS["received"]
    timeline = schemas["TimelinePoint"]["properties"]["received"]["description"]
    assert timeline == texts.IN_SCHEMA["TimelinePoint"]["received"] != texts.FIELDS["received"]


def test_every_entry_of_the_dictionary_is_used_and_says_something_of_its_own(client: TestClient) -> None:
    document = _document(client)
    schemas = document["components"]["schemas"]
    used_fields = {
        prop
        for name, schema in schemas.items()
        for prop in schema.get("properties", {})
        if prop not in texts.IN_SCHEMA.get(name, {})
    }
    used_parameters: set[str] = set()
    for operation, parameter in _parameters(document):
        if parameter["name"] not in texts.IN_OPERATION.get(operation, {}):
            (used_fields if parameter["in"] == "path" else used_parameters).add(parameter["name"])
    for export, columns in EXPORTS.items():
        used_fields |= {c.name for c in columns if c.name not in texts.IN_EXPORT.get(export, {})}
        assert set(texts.IN_EXPORT.get(export, {})) <= {c.name for c in columns}, export
    assert set(texts.FIELDS) - used_fields == set()
    assert set(texts.PARAMETERS) - used_parameters == set()
    for name, entries in texts.IN_SCHEMA.items():
        assert set(entries) <= set(schemas[name]["properties"]), name
        assert all(texts.FIELDS.get(field) != text for field, text in entries.items()), name
    operations: dict[str, set[str]] = {}
    for operation, parameter in _parameters(document):
        operations.setdefault(operation, set()).add(parameter["name"])
    for operation, entries in texts.IN_OPERATION.items():
        assert set(entries) <= operations[operation], operation


def test_a_description_written_in_code_or_missing_from_the_dictionary_stops_the_document() -> None:
    written_twice = {"components": {"schemas": {"UpdatePublic": {"properties": {"id": {"description": "An id."}}}}}}
    with pytest.raises(Undescribed, match=r"UpdatePublic\.id has a description written in code"):
        describe_document(written_twice)
    unknown = {
        "paths": {"/x": {"get": {"operationId": "x", "parameters": [{"name": "colour", "in": "query"}]}}},
    }
    with pytest.raises(Undescribed, match="query parameter colour has no description"):
        describe_document(unknown)


def test_the_dictionary_lists_every_export_column_with_the_text_of_the_schema_field_of_its_name(
    client: TestClient,
) -> None:
    response = client.get("/api/v1/dictionary")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("application/json")
    terms = response.json()["terms"]
    schemas = _document(client)["components"]["schemas"]
    for export, columns in EXPORTS.items():
        for column in columns:
            listed = [
                t
                for t in terms
                if t["name"] == column.name
                and {"export": export, "hxl": column.hxl}
                in [{"export": c["export"], "hxl": c["hxl"]} for c in t["export_columns"]]
            ]
            assert len(listed) == 1, (export, column.name)
            assert listed[0]["description"] == column.description
            same_name = [
                s["properties"][column.name]["description"]
                for s in schemas.values()
                if column.name in s.get("properties", {})
            ]
            if same_name:
                assert column.description in same_name, (export, column.name)
            if export == "updates":
                read_back = [c["read_on_import"] for c in listed[0]["export_columns"] if c["export"] == export]
                assert read_back == [column.name not in INFORMATIVE]


def test_a_status_figure_and_its_export_column_read_the_same(client: TestClient) -> None:
    terms = client.get("/api/v1/dictionary").json()["terms"]
    (received,) = [t for t in terms if t["name"] == "received" and "RecipientStatus" in t["schemas"]]
    assert [c["export"] for c in received["export_columns"]] == ["agreements"]
    assert received["type"] == "integer"
    assert "standing claim" in received["description"] and "rejected" in received["description"]
    (lower_bound,) = [t for t in terms if t["name"] == "received_is_lower_bound" and t["export_columns"]]
    assert "RecipientStatus" in lower_bound["schemas"]


def test_every_parameter_is_in_the_dictionary_with_its_operations(client: TestClient) -> None:
    terms = client.get("/api/v1/dictionary").json()["terms"]
    listed = {(p["operation_id"], p["location"], t["name"]) for t in terms for p in t["parameters"]}
    document = _document(client)
    assert {(operation, p["in"], p["name"]) for operation, p in _parameters(document)} == listed


def test_the_dictionary_as_csv_parses_and_holds_the_same_terms(client: TestClient) -> None:
    response = client.get("/api/v1/dictionary", params={"format": "csv"})
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(response.text)))
    assert list(rows[0]) == ["name", "type", "description", "schemas", "parameters", "export_columns"]
    terms = client.get("/api/v1/dictionary").json()["terms"]
    assert [(r["name"], r["description"]) for r in rows] == [(t["name"], t["description"]) for t in terms]
    (percent,) = [r for r in rows if r["name"] == "percent"]
    assert percent["schemas"] == "RecipientStatus"
    assert percent["export_columns"] == "agreements #affected+received+pct"


def test_the_dictionary_is_cached_and_revalidated_by_its_etag(client: TestClient) -> None:
    first = client.get("/api/v1/dictionary")
    again = client.get("/api/v1/dictionary", headers={"If-None-Match": first.headers["ETag"]})
    assert again.status_code == 304
    assert "max-age" in first.headers["Cache-Control"]
    as_csv = client.get("/api/v1/dictionary", params={"format": "csv"})
    assert as_csv.headers["ETag"] != first.headers["ETag"]
    assert client.get("/api/v1/dictionary", params={"format": "xml"}).status_code == 422


def test_the_dictionary_is_open_even_where_reads_need_a_key() -> None:
    with TestClient(create_app(Settings(database_url="sqlite://", require_key_for_reads=True))) as closed:
        assert closed.get("/api/v1/agreements").status_code == 401
        assert closed.get("/api/v1/dictionary").status_code == 200
        assert closed.get("/dictionary").status_code == 200


class _Rows(HTMLParser):
    """The id and the first cell's text of every table row."""

    def __init__(self) -> None:
        super().__init__()
        self.rows: dict[str, str] = {}
        self._row: str | None = None
        self._in_name = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "tr":
            self._row = dict(attrs).get("id")
        elif tag == "th" and self._row:
            self._in_name = True

    def handle_endtag(self, tag: str) -> None:
        if tag == "th":
            self._in_name = False

    def handle_data(self, data: str) -> None:
        if self._in_name and self._row:
            self.rows[self._row] = self.rows.get(self._row, "") + data


def test_the_dictionary_page_shows_every_term_and_is_linked_from_every_page(client: TestClient) -> None:
    page = client.get("/dictionary")
    assert page.status_code == 200
    assert page.headers["content-type"].startswith("text/html")
    assert "frame-ancestors 'none'" in page.headers["Content-Security-Policy"]
    parser = _Rows()
    parser.feed(page.text)
    terms = client.get("/api/v1/dictionary").json()["terms"]
    assert len(parser.rows) == len(terms)
    assert sorted(parser.rows.values()) == sorted(t["name"] for t in terms)
    assert parser.rows["received"] == "received" and parser.rows["received-2"] == "received"
    assert 'href="/api/v1/dictionary?format=csv"' in page.text
    assert client.get("/dictionary", headers={"If-None-Match": page.headers["ETag"]}).status_code == 304
    assert 'href="/dictionary"' in client.get("/").text
