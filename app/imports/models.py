"""API shapes of bulk imports: a row as a JSON body gives it, and what an import recorded."""

from datetime import date, datetime
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from app.models.values import Category, Qualifier, ReviewState


def _column(name: str, *, required: bool = False) -> Any:
    """A field named as the updates export's column; its description is the dictionary's (app/terms)."""
    return Field() if required else Field(None)


class ImportRow(BaseModel):
    """One line of an update, in the columns of the updates export: an item of a JSON import body, or a line of
    an NDJSON one. Declared for clients only: the import reads every body, CSV, NDJSON or JSON, by one reader
    and checks it by the same rules as a posted update."""

    model_config = ConfigDict(extra="forbid")

    update_id: str = _column("update_id", required=True)
    agreement_id: str = _column("agreement_id", required=True)
    occurred_on: date = _column("occurred_on", required=True)
    stage: str | None = _column("stage")
    location: str | None = _column("location")
    source_publisher: str | None = _column("source_publisher")
    source_title: str | None = _column("source_title")
    source_url: str | None = _column("source_url")
    source_published_on: date | None = _column("source_published_on")
    note: str | None = _column("note")
    commitment_id: str | None = _column("commitment_id")
    category: Category | None = _column("category")
    recipient_id: str = _column("recipient_id", required=True)
    recipient_name: str | None = _column("recipient_name")
    recipient_name_en: str | None = _column("recipient_name_en")
    recipient_name_uk: str | None = _column("recipient_name_uk")
    recipient_name_ru: str | None = _column("recipient_name_ru")
    recipient_country_code: str | None = _column("recipient_country_code")
    quantity: int | None = _column("quantity", required=True)
    qualifier: Qualifier | None = _column("qualifier")
    created_at: datetime | None = _column("created_at")
    handover_id: str | None = _column("handover_id")
    claim_of: str | None = _column("claim_of")
    supersedes: str | None = _column("supersedes")
    superseded_by: str | None = _column("superseded_by")
    review_state: ReviewState | None = _column("review_state")
    attribution_disputed: bool | None = _column("attribution_disputed")
    counted: bool | None = _column("counted")
    idempotency_key: str | None = _column("idempotency_key")


class ImportRows(BaseModel):
    """A JSON import body: the rows, in the order a file would give them."""

    model_config = ConfigDict(extra="forbid")

    rows: list[ImportRow]


class ImportSummary(BaseModel):
    """What an import recorded."""

    updates: int
    lines: int
    agreement_ids: list[str]


def declare_import_rows(document: dict[str, Any]) -> None:
    """Add ImportRows (and the schemas it names) to the document's: only the JSON body of the import, which the
    route reads itself, refers to it."""
    schema = ImportRows.model_json_schema(ref_template="#/components/schemas/{model}")
    schemas = document.setdefault("components", {}).setdefault("schemas", {})
    for name, definition in {**schema.pop("$defs", {}), ImportRows.__name__: schema}.items():
        if schemas.setdefault(name, definition) != definition:
            raise ValueError(f"two schemas named {name} differ")
