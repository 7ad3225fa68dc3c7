"""Reading an import file: the updates export's columns, as CSV, NDJSON or JSON, to validated updates, row by row."""

import csv
import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from typing import IO, Any

import orjson
from pydantic import ValidationError

from app.core.errors import ImportRefused, MalformedJson
from app.exports.formats import from_cell
from app.exports.service import UPDATE_COLUMNS
from app.updates.models import (
    MAX_LINES_PER_UPDATE,
    UpdateCreate,
)

COLUMNS = tuple(c.name for c in UPDATE_COLUMNS)
REQUIRED = ("update_id", "agreement_id", "occurred_on", "recipient_id", "quantity")
INFORMATIVE = (
    "category",
    "recipient_name",
    "recipient_country_code",
    "created_at",
    "handover_id",
    "claim_of",
    "supersedes",
    "superseded_by",
    "review_state",
    "attribution_disputed",
    "counted",
)
# What every line of one update must repeat, as in the export.
UPDATE_FIELDS = (
    "agreement_id",
    "occurred_on",
    "stage",
    "location",
    "source_publisher",
    "source_title",
    "source_url",
    "source_published_on",
    "note",
    "idempotency_key",
)
SERVICE_UPDATE_ID = re.compile(r"^upd_[0-9a-hjkmnp-tv-z]{26}$")
PROGRESS_STEP = 1 << 20

Record = dict[str, Any]


class ImportFormat(StrEnum):
    """The formats an import reads: the updates export as CSV (with or without its HXL row), as NDJSON, or as
    JSON: `{"rows": [...]}`, the objects NDJSON has a line each for."""

    csv = "csv"
    ndjson = "ndjson"
    json = "json"


@dataclass(frozen=True)
class ImportSource:
    """A file to import: how to open it afresh (it is read twice), its format and its size in bytes."""

    open: Callable[[], IO[bytes]]
    kind: ImportFormat
    size: int


@dataclass(frozen=True)
class RowProblem:
    """Why one row (numbered as a spreadsheet shows it) cannot be imported."""

    row: int
    column: str | None
    message: str
    kind: str = "invalid"

    def as_error(self) -> dict[str, Any]:
        """The problem as an entry of a problem document's `errors`."""
        location: list[str | int] = ["row", self.row] if self.row else ["header"]
        if self.column:
            location.append(self.column)
        return {"location": location, "message": self.message, "type": self.kind}

    def __str__(self) -> str:
        where = f"row {self.row}" if self.row else "header"
        return f"{where}{f' ({self.column})' if self.column else ''}: {self.message}"


Progress = Callable[[int], None]


# ---- reading ------------------------------------------------------------------------------


def _counted_lines(stream: IO[bytes], progress: Progress | None) -> Iterator[str]:
    unreported = 0
    for number, raw in enumerate(stream):
        unreported += len(raw)
        if progress is not None and unreported >= PROGRESS_STEP:
            progress(unreported)
            unreported = 0
        yield raw.decode("utf-8-sig" if number == 0 else "utf-8")
    if progress is not None and unreported:
        progress(unreported)


def _header_problems(names: Sequence[str]) -> list[RowProblem]:
    problems = [
        RowProblem(0, name or "(empty)", "is not a column of the updates export", "header")
        for name in names
        if name not in COLUMNS
    ]
    problems += [
        RowProblem(0, name, "is a required column and is missing", "header") for name in REQUIRED if name not in names
    ]
    seen: set[str] = set()
    for name in names:
        if name in seen:
            problems.append(RowProblem(0, name, "appears twice", "header"))
        seen.add(name)
    return problems


def _csvrecords(stream: IO[bytes], progress: Progress | None) -> Iterator[tuple[int, Record]]:
    reader = csv.reader(_counted_lines(stream, progress))
    try:
        names = [n.strip() for n in next(reader)]
    except StopIteration:
        raise ImportRefused(
            "The file is empty.", errors=[RowProblem(0, None, "no header", "header").as_error()]
        ) from None
    except (csv.Error, UnicodeDecodeError) as exc:
        raise ImportRefused(f"The header cannot be read: {exc}.") from exc
    problems = _header_problems(names)
    if problems:
        raise ImportRefused(summary_of(problems, len(problems)), errors=[p.as_error() for p in problems])
    line = 1
    while True:
        try:
            cells = next(reader)
        except StopIteration:
            return
        except (csv.Error, UnicodeDecodeError) as exc:
            yield line + 1, {"_broken": f"cannot be read: {exc}"}
            return
        line = reader.line_num
        if not cells or (len(cells) == 1 and not cells[0].strip()):
            continue
        if line == 2 and cells[0].startswith("#"):
            continue  # the HXL hashtag row of the export
        if len(cells) != len(names):
            yield line, {"_broken": f"has {len(cells)} cells; the header has {len(names)}"}
            continue
        yield (
            line,
            {name: (from_cell(value) if value != "" else None) for name, value in zip(names, cells, strict=True)},
        )


def _ndjsonrecords(stream: IO[bytes], progress: Progress | None) -> Iterator[tuple[int, Record]]:
    texts = _counted_lines(stream, progress)
    line = 0
    while True:
        line += 1
        try:
            text = next(texts)
        except StopIteration:
            return
        except UnicodeDecodeError as exc:
            yield line, {"_broken": f"is not UTF-8 text ({exc.reason} at byte {exc.start})"}
            return  # the reader cannot go on past bytes it cannot decode
        if not text.strip():
            continue
        try:
            value = orjson.loads(text)
        except orjson.JSONDecodeError:
            yield line, {"_broken": "is not valid JSON"}
            continue
        yield line, _record_of(value)


def _record_of(value: Any) -> Record:
    """One row given as a JSON value (an NDJSON line, an item of a JSON body's rows), or why it is not one."""
    if not isinstance(value, dict):
        return {"_broken": "is not a JSON object"}
    unknown = [k for k in value if k not in COLUMNS]
    missing = [k for k in REQUIRED if k not in value]
    if unknown or missing:
        message = "; ".join(
            [f"{k!r} is not a column of the updates export" for k in unknown]
            + [f"{k!r} is a required column and is missing" for k in missing]
        )
        return {"_broken": message}
    return {k: (None if v == "" else v) for k, v in value.items()}


def _jsonrecords(stream: IO[bytes], progress: Progress | None) -> Iterator[tuple[int, Record]]:
    """The rows of a JSON body, `{"rows": [...]}`, numbered from 1 as NDJSON lines are."""
    text = stream.read()
    if progress is not None and text:
        progress(len(text))
    try:
        value = orjson.loads(text)
    except orjson.JSONDecodeError as exc:
        raise MalformedJson(f"The rows could not be parsed as JSON: {exc}.") from None
    if not isinstance(value, dict) or set(value) != {"rows"} or not isinstance(value["rows"], list):
        raise ImportRefused('A JSON body is an object with one member, "rows": an array of objects, one per row.')
    for number, item in enumerate(value["rows"], start=1):
        yield number, _record_of(item)


def records(source: ImportSource, progress: Progress | None) -> Iterator[tuple[int, Record]]:
    with source.open() as stream:
        if source.kind is ImportFormat.csv:
            yield from _csvrecords(stream, progress)
        elif source.kind is ImportFormat.json:
            yield from _jsonrecords(stream, progress)
        else:
            yield from _ndjsonrecords(stream, progress)


# ---- one update: rows to a validated UpdateCreate ------------------------------------------


@dataclass
class Group:
    """The consecutive rows that share an update_id: one update."""

    key: str
    rows: list[tuple[int, Record]] = field(default_factory=list)

    @property
    def first_row(self) -> int:
        return self.rows[0][0]


@dataclass(frozen=True)
class ParsedUpdate:
    """An update read from the file and validated as the API validates a posted one."""

    key: str
    first_row: int
    agreement_id: str
    idempotency_key: str | None
    update_in: UpdateCreate


_LOCATION_COLUMNS = {
    ("source", "url"): "source_url",
    ("source", "title"): "source_title",
    ("source", "publisher"): "source_publisher",
    ("source", "published_on"): "source_published_on",
}


def groups(records: Iterator[tuple[int, Record]], problems: list[RowProblem] | None) -> Iterator[Group]:
    current: Group | None = None
    for row, record in records:
        if "_broken" in record:
            if problems is not None:
                problems.append(RowProblem(row, None, record["_broken"], "unreadable"))
            continue
        key = record.get("update_id")
        key = str(key).strip() if key is not None else ""
        if not key:
            if problems is not None:
                problems.append(RowProblem(row, "update_id", "is empty; every row names the update it belongs to"))
            continue
        if current is not None and current.key != key:
            yield current
            current = None
        if current is None:
            current = Group(key)
        current.rows.append((row, record))
    if current is not None:
        yield current


def _quantity(value: Any) -> Any:
    if isinstance(value, str) and re.fullmatch(r"\s*\d+\s*", value):
        return int(value)
    return value


def _text(value: Any) -> Any:
    return value.strip() if isinstance(value, str) else value


def parse_group(group: Group) -> tuple[ParsedUpdate | None, list[RowProblem]]:
    """The update these rows describe, or why not, row by row."""
    problems: list[RowProblem] = []
    if len(group.rows) > MAX_LINES_PER_UPDATE:
        problems.append(
            RowProblem(
                group.rows[MAX_LINES_PER_UPDATE][0], "update_id", f"an update has at most {MAX_LINES_PER_UPDATE} lines"
            )
        )
        return None, problems
    first_row, first = group.rows[0]
    for row, record in group.rows[1:]:
        for name in UPDATE_FIELDS:
            if _text(record.get(name)) != _text(first.get(name)):
                problems.append(
                    RowProblem(row, name, f"differs from row {first_row}, the first row of update {group.key!r}")
                )
    source = {
        "url": _text(first.get("source_url")),
        "title": _text(first.get("source_title")),
        "publisher": _text(first.get("source_publisher")),
        "published_on": _text(first.get("source_published_on")),
    }
    body = {
        "occurred_on": _text(first.get("occurred_on")),
        "stage": _text(first.get("stage")),
        "location": _text(first.get("location")),
        "note": first.get("note"),
        "source": {k: v for k, v in source.items() if v is not None},
        "lines": [
            {
                "commitment_id": _text(record.get("commitment_id")),
                "recipient_id": _text(record.get("recipient_id")),
                "quantity": _quantity(record.get("quantity")),
                **({"qualifier": _text(record["qualifier"])} if record.get("qualifier") is not None else {}),
            }
            for _, record in group.rows
        ],
    }
    try:
        update_in = UpdateCreate.model_validate(body)
    except ValidationError as exc:
        for error in exc.errors():
            loc = tuple(error["loc"])
            row, column = first_row, ".".join(str(p) for p in loc) or None
            if loc and loc[0] == "lines" and len(loc) >= 2 and isinstance(loc[1], int):
                row = group.rows[loc[1]][0]
                column = str(loc[2]) if len(loc) > 2 else None
            elif len(loc) >= 2 and (str(loc[0]), str(loc[1])) in _LOCATION_COLUMNS:
                column = _LOCATION_COLUMNS[(str(loc[0]), str(loc[1]))]
            problems.append(RowProblem(row, column, str(error["msg"])))
        return None, problems
    agreement_id = _text(first.get("agreement_id"))
    idempotency_key = _text(first.get("idempotency_key"))
    if not isinstance(agreement_id, str) or not agreement_id:
        problems.append(RowProblem(first_row, "agreement_id", "is empty"))
    if idempotency_key is not None and (
        not isinstance(idempotency_key, str) or not re.fullmatch(r"[\x21-\x7e]{1,200}", idempotency_key)
    ):
        problems.append(RowProblem(first_row, "idempotency_key", "must be 1 to 200 visible ASCII characters"))
    if problems:
        return None, problems
    return ParsedUpdate(group.key, first_row, str(agreement_id), idempotency_key, update_in), []


def summary_of(problems: Sequence[RowProblem], total: int) -> str:
    listed = "; ".join(str(p) for p in problems[:3])
    more = f" and {total - 3} more" if total > 3 else ""
    return f"{total} problem(s), nothing imported: {listed}{more}."
