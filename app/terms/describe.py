"""Where each schema property, parameter and export column gets its description: from `app.terms.texts` alone.

The descriptions are attached in one step of the OpenAPI generation (`describe_document`, called by the
app's `openapi()`), not by `Field(description=...)` at each field: the shapes live in packages that may
import nothing above them (`app/core` knows no domain, `app/models` only core), and one step over the
finished document reaches every property and parameter, those of `app/core` included. The step refuses a
description written anywhere else and names every property or parameter the dictionary does not describe,
so the document cannot be generated with one missing and no text is written twice.
"""

from typing import Any

from app.terms.texts import FIELDS, IN_EXPORT, IN_OPERATION, IN_SCHEMA, PARAMETERS

METHODS = ("get", "put", "post", "delete", "options", "head", "patch", "trace")


class Undescribed(Exception):
    """A property or parameter has no description in the dictionary, or one written elsewhere."""


def for_property(schema: str, name: str) -> str | None:
    """The description of a property of a schema: the schema's own entry, else the shared one."""
    return IN_SCHEMA.get(schema, {}).get(name) or FIELDS.get(name)


def for_parameter(operation_id: str, location: str, name: str) -> str | None:
    """The description of a parameter: the operation's own entry, else the shared one for its kind.

    A path parameter names a record, so it reads as the field of that name; a query or header parameter
    says what a request asks for, and has an entry of its own in `PARAMETERS`.
    """
    own = IN_OPERATION.get(operation_id, {}).get(name)
    if own:
        return own
    return FIELDS.get(name) if location == "path" else PARAMETERS.get(name)


def for_column(export: str, name: str) -> str:
    """The description of an export's column: the export's own entry, else the field of the same name."""
    text = IN_EXPORT.get(export, {}).get(name) or FIELDS.get(name)
    if not text:
        raise Undescribed(f"export column {export}.{name} has no description in app/terms/texts.py")
    return text


def operations(document: dict[str, Any]) -> list[tuple[str, str, dict[str, Any]]]:
    """Every operation of a document as (path, method, operation), in the document's order."""
    return [
        (path, method, operation)
        for path, item in document.get("paths", {}).items()
        for method, operation in item.items()
        if method in METHODS
    ]


def describe_document(document: dict[str, Any]) -> dict[str, Any]:
    """Write the dictionary's description into every schema property and parameter of the document."""
    problems: list[str] = []
    for schema_name, schema in document.get("components", {}).get("schemas", {}).items():
        for name, prop in schema.get("properties", {}).items():
            if "description" in prop:
                problems.append(f"{schema_name}.{name} has a description written in code; move it to the dictionary")
            text = for_property(schema_name, name)
            if text is None:
                problems.append(f"{schema_name}.{name} has no description in the dictionary")
            else:
                prop["description"] = text
    for path, method, operation in operations(document):
        for parameter in operation.get("parameters", []):
            where = f"{method.upper()} {path} {parameter['in']} parameter {parameter['name']}"
            if "description" in parameter:
                problems.append(f"{where} has a description written in code; move it to the dictionary")
            text = for_parameter(operation.get("operationId", ""), parameter["in"], parameter["name"])
            if text is None:
                problems.append(f"{where} has no description in the dictionary")
            else:
                parameter["description"] = text
    if problems:
        raise Undescribed("write these in app/terms/texts.py:\n" + "\n".join(problems))
    return document
