"""The data dictionary, gathered from the described OpenAPI document and the export columns."""

import csv
import hashlib
import io
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from fastapi import FastAPI

from app.dictionary.models import DataDictionary, DictionaryColumn, DictionaryParameter, DictionaryTerm
from app.exports.formats import Column, to_cell
from app.exports.service import AGREEMENT_COLUMNS, UPDATE_COLUMNS
from app.imports.rows import INFORMATIVE
from app.terms.describe import operations

EXPORTS: tuple[tuple[str, Sequence[Column]], ...] = (("agreements", AGREEMENT_COLUMNS), ("updates", UPDATE_COLUMNS))
CSV_HEADER = ("name", "type", "description", "schemas", "parameters", "export_columns")
CSV_CELL = "CSV cell"


@dataclass
class _Gathered:
    types: list[str] = field(default_factory=list)
    schemas: list[str] = field(default_factory=list)
    parameters: list[DictionaryParameter] = field(default_factory=list)
    columns: list[DictionaryColumn] = field(default_factory=list)


def type_of(schema: dict[str, Any], components: dict[str, Any]) -> str:
    """A JSON schema's type in words: `string (date)`, `integer or null`, `array of Source`, an enum's values."""
    if "$ref" in schema:
        name = str(schema["$ref"]).rsplit("/", 1)[-1]
        target = components.get(name, {})
        return f"{name}: one of {', '.join(map(str, target['enum']))}" if "enum" in target else name
    for combined in ("anyOf", "oneOf", "allOf"):
        if combined in schema:
            parts = [type_of(part, components) for part in schema[combined] if part.get("type") != "null"]
            nullable = any(part.get("type") == "null" for part in schema[combined])
            return " or ".join([*parts, *(["null"] if nullable else [])])
    if "enum" in schema:
        return f"{schema.get('type', 'string')}: one of {', '.join(map(str, schema['enum']))}"
    kind = schema.get("type")
    if kind == "array":
        return "array of " + type_of(schema.get("items", {}), components)
    if kind is None:
        return "any"
    return f"{kind} ({schema['format']})" if "format" in schema else str(kind)


def build(document: dict[str, Any]) -> DataDictionary:
    """Every term of a described document and of the exports: one per name and meaning, in name order."""
    components: dict[str, Any] = document.get("components", {}).get("schemas", {})
    gathered: dict[tuple[str, str], _Gathered] = {}

    def entry(name: str, description: str) -> _Gathered:
        return gathered.setdefault((name, description), _Gathered())

    for schema_name in sorted(components):
        for name, prop in components[schema_name].get("properties", {}).items():
            found = entry(name, prop["description"])
            found.schemas.append(schema_name)
            found.types.append(type_of(prop, components))
    for path, method, operation in operations(document):
        for parameter in operation.get("parameters", []):
            found = entry(parameter["name"], parameter["description"])
            found.parameters.append(
                DictionaryParameter(
                    operation_id=operation.get("operationId", ""),
                    method=method.upper(),
                    path=path,
                    location=parameter["in"],
                )
            )
            found.types.append(type_of(parameter.get("schema", {}), components))
    for export, columns in EXPORTS:
        for column in columns:
            read_back = column.name not in INFORMATIVE if export == "updates" else None
            entry(column.name, column.description).columns.append(
                DictionaryColumn(export=export, hxl=column.hxl, read_on_import=read_back)
            )
    return DataDictionary(
        terms=[
            DictionaryTerm(
                name=name,
                type=" | ".join(dict.fromkeys(found.types)) or CSV_CELL,
                description=description,
                schemas=found.schemas,
                parameters=found.parameters,
                export_columns=found.columns,
            )
            for (name, description), found in sorted(gathered.items())
        ]
    )


def as_csv(dictionary: DataDictionary) -> str:
    """The dictionary as CSV: one row per term, where it appears joined by '; '."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(CSV_HEADER)
    for term in dictionary.terms:
        parameters = [f"{p.method} {p.path} ({p.location})" for p in term.parameters]
        columns = [f"{c.export} {c.hxl}" for c in term.export_columns]
        cells = (term.name, term.type, term.description, *("; ".join(x) for x in (term.schemas, parameters, columns)))
        writer.writerow([to_cell(cell) for cell in cells])
    return buffer.getvalue()


@dataclass(frozen=True)
class Published:
    """The dictionary of one app, ready to send in each form, with the validator of each."""

    dictionary: DataDictionary
    json: bytes
    csv: bytes
    json_etag: str
    csv_etag: str


def published(app: FastAPI) -> Published:
    """The app's dictionary, gathered once from its OpenAPI document."""
    ready: Published | None = getattr(app.state, "data_dictionary", None)
    if ready is None:
        dictionary = build(app.openapi())
        content = dictionary.model_dump_json().encode()
        table = as_csv(dictionary).encode()
        ready = app.state.data_dictionary = Published(
            dictionary=dictionary,
            json=content,
            csv=table,
            json_etag=f'"d{hashlib.sha256(content).hexdigest()[:20]}"',
            csv_etag=f'"c{hashlib.sha256(table).hexdigest()[:20]}"',
        )
    return ready
