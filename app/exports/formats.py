"""Tabular formats shared by exports and imports: CSV, HXL-tagged CSV and NDJSON, chosen per request."""

import csv
import io
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

import orjson

from app.core.errors import NotAcceptable


class ExportFormat(StrEnum):
    """A tabular format: plain CSV, CSV with an HXL hashtag row under the header, or one JSON object a line."""

    csv = "csv"
    hxl = "hxl"
    ndjson = "ndjson"


# Both CSV forms are answered as plain `text/csv; charset=utf-8`: libhxl, which HDX uses to read a dataset
# from its address, takes a Content-Type of exactly that shape and refuses any further parameter.
MEDIA_TYPES = {
    ExportFormat.csv: "text/csv; charset=utf-8",
    ExportFormat.hxl: "text/csv; charset=utf-8",
    ExportFormat.ndjson: "application/x-ndjson",
}
NDJSON_MEDIA_TYPES = ("application/x-ndjson", "application/ndjson", "application/jsonl", "application/json-lines")


@dataclass(frozen=True)
class Column:
    """One column of an export: its header, its HXL hashtag and what it holds."""

    name: str
    hxl: str
    description: str


def _media_range(part: str) -> tuple[str, dict[str, str], float]:
    kind, *raw_params = (p.strip() for p in part.split(";"))
    params: dict[str, str] = {}
    quality = 1.0
    for raw in raw_params:
        key, _, value = raw.partition("=")
        key, value = key.strip().lower(), value.strip().strip('"').lower()
        if key == "q":
            try:
                quality = float(value)
            except ValueError:
                quality = 0.0
        elif key:
            params[key] = value
    return kind.lower(), params, quality


def _format_of(kind: str, params: dict[str, str]) -> ExportFormat | None:
    if kind in NDJSON_MEDIA_TYPES:
        return ExportFormat.ndjson
    if kind in ("text/csv", "text/*", "*/*"):
        if "hxl" in params and params["hxl"] not in ("false", "absent", "0", "no"):
            return ExportFormat.hxl
        return ExportFormat.csv
    return None


def negotiate(requested: ExportFormat | None, accept: str | None) -> ExportFormat:
    """The format asked for: the `format` parameter wins, then the best `Accept` range; CSV by default."""
    if requested is not None:
        return requested
    if not accept or not accept.strip():
        return ExportFormat.csv
    best: tuple[float, ExportFormat] | None = None
    for part in accept.split(","):
        if not part.strip():
            continue
        kind, params, quality = _media_range(part)
        chosen = _format_of(kind, params)
        if chosen is not None and quality > 0 and (best is None or quality > best[0]):
            best = (quality, chosen)
    if best is None:
        raise NotAcceptable(
            f"No export format matches Accept: {accept[:200]!r}. Ask for text/csv, text/csv;hxl=present or "
            "application/x-ndjson, or pass format=csv, hxl or ndjson."
        )
    return best[1]


# A spreadsheet reads a cell that begins with one of these as a formula (OWASP, "CSV injection").
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
# The mark that neutralises such a cell; a text that begins with the mark itself gets one more, so that
# reading a cell back (`from_cell`) is the exact inverse of writing it.
NEUTRALISER = "'"
BYTE_ORDER_MARK = "\ufeff".encode()


def to_cell(value: Any) -> str:
    """A value as a CSV cell: text that a spreadsheet would run as a formula is neutralised, numbers stay numbers."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return NEUTRALISER + value if value.startswith((*FORMULA_STARTS, NEUTRALISER)) else value
    return str(value)


def from_cell(text: str) -> str:
    """A CSV cell's text as it was before `to_cell` neutralised it."""
    if text.startswith(NEUTRALISER) and text[1:].startswith((*FORMULA_STARTS, NEUTRALISER)):
        return text[1:]
    return text


def render(
    rows: Iterable[Sequence[dict[str, Any]]],
    *,
    columns: Sequence[Column],
    export_format: ExportFormat,
    byte_order_mark: bool = False,
) -> Iterator[bytes]:
    """Encode batches of rows as they arrive, so memory holds one batch at a time; a CSV may open with a
    byte-order mark, which spreadsheets need to read UTF-8 rightly."""
    names = [c.name for c in columns]
    if export_format is ExportFormat.ndjson:
        for batch in rows:
            yield b"".join(orjson.dumps({n: row[n] for n in names}, default=str) + b"\n" for row in batch)
        return
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(names)
    if export_format is ExportFormat.hxl:
        writer.writerow([c.hxl for c in columns])
    yield (BYTE_ORDER_MARK if byte_order_mark else b"") + buffer.getvalue().encode()
    for batch in rows:
        buffer.seek(0)
        buffer.truncate()
        writer.writerows([to_cell(row[n]) for n in names] for row in batch)
        yield buffer.getvalue().encode()


def response_content() -> dict[str, Any]:
    """The OpenAPI content of an export response: every media type it can be sent as."""
    text = {"schema": {"type": "string", "format": "binary"}}
    return {"text/csv": text, "application/x-ndjson": text}
