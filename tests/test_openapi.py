"""The committed OpenAPI document is the app's, and reads well for generated clients."""

import json

from app.openapi import DOCUMENT, document, render


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
