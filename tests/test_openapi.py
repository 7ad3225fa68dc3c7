"""The committed OpenAPI document is the app's, and reads well for generated clients."""

import json
from pathlib import Path

import pytest

from app.openapi import DOCUMENT, document, render, write_client


def test_committed_document_matches_the_app() -> None:
    assert DOCUMENT.read_text() == render(), "run `python -m app.openapi` and commit openapi/openapi.json"


def test_operation_ids_and_schema_names_read_naturally() -> None:
    spec = document()
    operation_ids = {op["operationId"] for ops in spec["paths"].values() for op in ops.values()}
    assert {"create_agreement", "get_agreement_status", "create_update", "list_agreements"} <= operation_ids
    assert all("api_v1" not in op for op in operation_ids)
    assert all("_" not in name and "[" not in name for name in spec["components"]["schemas"])


def test_every_problem_response_is_declared_as_problem_json() -> None:
    spec = json.loads(render())
    for ops in spec["paths"].values():
        for op in ops.values():
            for code, response in op["responses"].items():
                if code.startswith(("4", "5")):
                    assert list(response["content"]) == ["application/problem+json"], (op["operationId"], code)


def test_open_reads_are_documented_as_callable_without_a_key_unless_keys_are_required() -> None:
    from app.core.config import Settings
    from app.main import create_app

    spec = document()
    assert spec["paths"]["/api/v1/agreements"]["get"]["security"] == [{}, {"HTTPBearer": []}]
    assert spec["paths"]["/api/v1/agreements"]["post"]["security"] == [{"HTTPBearer": []}]
    assert spec["paths"]["/api/v1/audit"]["get"]["security"] == [{"HTTPBearer": []}]  # admin only
    closed = create_app(Settings(database_url="sqlite://", require_key_for_reads=True)).openapi()
    assert closed["paths"]["/api/v1/agreements"]["get"]["security"] == [{"HTTPBearer": []}]


def test_the_import_takes_csv_or_json_rows_as_declared_bodies() -> None:
    spec = document()
    body = spec["paths"]["/api/v1/imports"]["post"]["requestBody"]
    assert body["required"] is True
    assert body["content"]["application/json"]["schema"] == {"$ref": "#/components/schemas/ImportRows"}
    assert body["content"]["text/csv"]["schema"]["format"] == "binary"
    row = spec["components"]["schemas"]["ImportRow"]
    from app.imports.rows import COLUMNS, REQUIRED

    assert set(row["properties"]) == set(COLUMNS) and set(row["required"]) == set(REQUIRED)


@pytest.mark.slow
def test_a_warning_of_the_client_generator_stops_the_generation(tmp_path: Path) -> None:
    spec = document()
    spec["paths"]["/api/v1/notes"] = {
        "post": {
            "operationId": "post_note",
            "requestBody": {"required": True, "content": {"text/plain": {"schema": {"type": "string"}}}},
            "responses": {"204": {"description": "Recorded"}},
        }
    }
    source = tmp_path / "openapi.json"
    source.write_text(json.dumps(spec))

    with pytest.raises(SystemExit) as stopped:
        write_client(document=source, target=tmp_path / "client")

    assert "- warning: " in str(stopped.value)
    assert "POST /api/v1/notes" in str(stopped.value) and "text/plain" in str(stopped.value)
