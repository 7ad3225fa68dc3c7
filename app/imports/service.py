"""Bulk import of fulfilment updates from the columns of the updates export: every row checked first, then
all written in one transaction, or nothing.

The file is read twice, a row at a time: a first pass checks every row and keeps only what the checks need
(the update ids and idempotency keys seen, and what each agreement allows), a second pass inserts in batches.
"""

import csv
import hashlib
import re
import secrets
import tempfile
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field, fields
from datetime import UTC, date, datetime
from enum import StrEnum
from typing import IO, Any

import orjson
from pydantic import ValidationError
from sqlalchemy import Table, insert, select
from sqlmodel import Session, SQLModel, col

from app.agreements.models import Agreement
from app.audit.service import note
from app.core.db import Database
from app.core.errors import AppError, ImportRefused
from app.core.ids import new_id
from app.exports.service import UPDATE_COLUMNS
from app.status.arithmetic import COUNTERS, Claim, accumulate, weigh
from app.status.models import HandoverFigure, RunningTotal
from app.status.policy import StatusPolicy
from app.status.service import lock_agreement, refresh_status
from app.updates.models import (
    MAX_LINES_PER_UPDATE,
    UNATTRIBUTED,
    FulfilmentUpdate,
    IdempotencyRecord,
    ReviewState,
    UpdateCreate,
    UpdateLine,
)
from app.updates.service import check_lines

COLUMNS = tuple(c.name for c in UPDATE_COLUMNS)
REQUIRED = ("update_id", "agreement_id", "occurred_on", "recipient_id", "quantity")
INFORMATIVE = ("category", "recipient_name", "created_at")
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
MAX_REPORTED = 1000
LOOKUP_BATCH = 500
INSERT_BATCH = 5000
PROGRESS_STEP = 1 << 20
CLI_OWNER = "import"
ID_ALPHABET = "0123456789abcdefghjkmnpqrstvwxyz"  # as app.core.ids

Record = dict[str, Any]


class ImportFormat(StrEnum):
    """The formats an import reads: the updates export as CSV (with or without its HXL row), or NDJSON."""

    csv = "csv"
    ndjson = "ndjson"


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


@dataclass(frozen=True)
class ImportResult:
    """What an import recorded."""

    updates: int
    lines: int
    agreement_ids: list[str]


Progress = Callable[[int], None]
Written = Callable[[int], None]


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


def _csv_records(stream: IO[bytes], progress: Progress | None) -> Iterator[tuple[int, Record]]:
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
        raise ImportRefused(_summary(problems, len(problems)), errors=[p.as_error() for p in problems])
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
        yield line, {name: (value if value != "" else None) for name, value in zip(names, cells, strict=True)}


def _ndjson_records(stream: IO[bytes], progress: Progress | None) -> Iterator[tuple[int, Record]]:
    for line, text in enumerate(_counted_lines(stream, progress), start=1):
        if not text.strip():
            continue
        try:
            value = orjson.loads(text)
        except orjson.JSONDecodeError:
            yield line, {"_broken": "is not valid JSON"}
            continue
        if not isinstance(value, dict):
            yield line, {"_broken": "is not a JSON object"}
            continue
        unknown = [k for k in value if k not in COLUMNS]
        missing = [k for k in REQUIRED if k not in value]
        if unknown or missing:
            message = "; ".join(
                [f"{k!r} is not a column of the updates export" for k in unknown]
                + [f"{k!r} is a required column and is missing" for k in missing]
            )
            yield line, {"_broken": message}
            continue
        yield line, {k: (None if v == "" else v) for k, v in value.items()}


def _records(source: ImportSource, progress: Progress | None) -> Iterator[tuple[int, Record]]:
    with source.open() as stream:
        if source.kind is ImportFormat.csv:
            yield from _csv_records(stream, progress)
        else:
            yield from _ndjson_records(stream, progress)


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


def _groups(records: Iterator[tuple[int, Record]], problems: list[RowProblem] | None) -> Iterator[Group]:
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


# ---- the first pass: check everything, write nothing ---------------------------------------


class Checker:
    """The ledger's rules for an update, with what each agreement allows looked up once."""

    def __init__(self, session: Session, *, owner: str) -> None:
        self.session = session
        self.owner = owner
        self.today = date.today()
        self.concluded_on: dict[str, date | None] = {}
        self.line_verdicts: dict[tuple[str, str | None, str], str | None] = {}
        self.keys_seen: set[str] = set()
        self.idempotency_seen: dict[str, int] = {}
        self.pending_ids: list[tuple[int, str]] = []
        self.pending_keys: list[tuple[int, str]] = []

    def _agreement(self, agreement_id: str) -> date | None:
        if agreement_id not in self.concluded_on:
            agreement = self.session.get(Agreement, agreement_id)
            self.concluded_on[agreement_id] = agreement.concluded_on if agreement else None
        return self.concluded_on[agreement_id]

    def _line_verdict(self, agreement_id: str, line_in: Any) -> str | None:
        key = (agreement_id, line_in.commitment_id, line_in.recipient_id)
        if key not in self.line_verdicts:
            try:
                check_lines(self.session, agreement_id=agreement_id, lines=[line_in], label="line")
                self.line_verdicts[key] = None
            except AppError as exc:
                self.line_verdicts[key] = exc.detail.split(": ", 1)[-1]
        return self.line_verdicts[key]

    def check(self, parsed: ParsedUpdate, group: Group) -> list[RowProblem]:
        """Why this update cannot be recorded, by the same rules as a posted one."""
        problems: list[RowProblem] = []
        if parsed.key in self.keys_seen:
            problems.append(
                RowProblem(
                    parsed.first_row,
                    "update_id",
                    f"update {parsed.key!r} appeared earlier in the file; keep the rows of one update together",
                    "duplicate",
                )
            )
        self.keys_seen.add(parsed.key)
        if SERVICE_UPDATE_ID.match(parsed.key):
            self.pending_ids.append((parsed.first_row, parsed.key))
        if parsed.idempotency_key is not None:
            earlier = self.idempotency_seen.get(parsed.idempotency_key)
            if earlier is not None:
                problems.append(
                    RowProblem(
                        parsed.first_row,
                        "idempotency_key",
                        f"{parsed.idempotency_key!r} is also the key of row {earlier}",
                        "duplicate",
                    )
                )
            else:
                self.idempotency_seen[parsed.idempotency_key] = parsed.first_row
                self.pending_keys.append((parsed.first_row, parsed.idempotency_key))
        concluded_on = self._agreement(parsed.agreement_id)
        if concluded_on is None:
            problems.append(
                RowProblem(
                    parsed.first_row, "agreement_id", f"no agreement with id {parsed.agreement_id!r}", "not_found"
                )
            )
            return problems
        occurred_on = parsed.update_in.occurred_on
        if occurred_on > self.today:
            problems.append(RowProblem(parsed.first_row, "occurred_on", f"{occurred_on} is in the future"))
        elif occurred_on < concluded_on:
            problems.append(
                RowProblem(
                    parsed.first_row,
                    "occurred_on",
                    f"{occurred_on} is before the agreement was concluded ({concluded_on})",
                )
            )
        for (row, _), line_in in zip(group.rows, parsed.update_in.lines, strict=True):
            verdict = self._line_verdict(parsed.agreement_id, line_in)
            if verdict is not None:
                problems.append(RowProblem(row, "recipient_id" if "party" in verdict else "commitment_id", verdict))
        return problems

    def recorded_already(self, *, final: bool) -> list[RowProblem]:
        """Update ids and idempotency keys of the file that the ledger holds already, looked up in batches."""
        problems: list[RowProblem] = []
        if self.pending_ids and (final or len(self.pending_ids) >= LOOKUP_BATCH):
            rows = {key: row for row, key in self.pending_ids}
            for found in self.session.scalars(
                select(col(FulfilmentUpdate.id)).where(col(FulfilmentUpdate.id).in_(list(rows)))
            ):
                problems.append(
                    RowProblem(rows[found], "update_id", f"update {found!r} is recorded already", "duplicate")
                )
            self.pending_ids = []
        if self.pending_keys and (final or len(self.pending_keys) >= LOOKUP_BATCH):
            rows = {key: row for row, key in self.pending_keys}
            for found in self.session.scalars(
                select(col(IdempotencyRecord.idempotency_key)).where(
                    col(IdempotencyRecord.key_owner) == self.owner,
                    col(IdempotencyRecord.idempotency_key).in_(list(rows)),
                )
            ):
                problems.append(RowProblem(rows[found], "idempotency_key", f"{found!r} was used already", "duplicate"))
            self.pending_keys = []
        return problems


def _summary(problems: Sequence[RowProblem], total: int) -> str:
    listed = "; ".join(str(p) for p in problems[:3])
    more = f" and {total - 3} more" if total > 3 else ""
    return f"{total} problem(s), nothing imported: {listed}{more}."


def _spooled(parsed: ParsedUpdate) -> bytes:
    """An update as checked, in a line of JSON for the second pass: ids, and dates as day numbers."""
    update_in = parsed.update_in
    source = update_in.source
    return (
        orjson.dumps(
            [
                parsed.key,
                parsed.agreement_id,
                parsed.idempotency_key,
                update_in.occurred_on.toordinal(),
                update_in.stage,
                update_in.location,
                update_in.note,
                source.url,
                source.title,
                source.publisher,
                source.published_on.toordinal() if source.published_on else None,
                [[x.commitment_id, x.recipient_id, x.quantity, x.qualifier.value] for x in update_in.lines],
                _request_hash(parsed) if parsed.idempotency_key is not None else None,
            ]
        )
        + b"\n"
    )


def check_file(
    session: Session, *, source: ImportSource, owner: str, spool: IO[bytes], progress: Progress | None = None
) -> tuple[set[str], int]:
    """Check every row, writing each good update to `spool`; ImportRefused naming each bad row (the first
    thousand) unless all are good. Returns the agreements touched and the number of updates."""
    checker = Checker(session, owner=owner)
    problems: list[RowProblem] = []
    total = 0
    agreement_ids: set[str] = set()

    def report(found: list[RowProblem]) -> None:
        nonlocal total
        total += len(found)
        room = MAX_REPORTED - len(problems)
        if room > 0:
            problems.extend(found[:room])

    reading_problems: list[RowProblem] = []
    for group in _groups(_records(source, progress), reading_problems):
        report(reading_problems)
        reading_problems.clear()
        parsed, found = parse_group(group)
        if parsed is not None:
            found = checker.check(parsed, group)
            agreement_ids.add(parsed.agreement_id)
            if not found and not total:
                spool.write(_spooled(parsed))
        report(found)
        report(checker.recorded_already(final=False))
    report(reading_problems)
    report(checker.recorded_already(final=True))
    if total:
        problems.sort(key=lambda p: p.row)
        raise ImportRefused(_summary(problems, total), errors=[p.as_error() for p in problems])
    if not checker.keys_seen:
        raise ImportRefused("The file holds no rows to import.", errors=[])
    return agreement_ids, len(checker.keys_seen)


# ---- the second pass: write in batches -------------------------------------------------------


def _ids_in_file_order() -> Iterator[str]:
    """New update ids that sort in the order of the file: one random start, then counting up."""
    start = new_id("upd").removeprefix("upd_")
    value = 0
    for char in start:
        value = value * 32 + ID_ALPHABET.index(char)
    value &= ~((1 << 60) - 1)  # room to count up without touching the time part
    value |= secrets.randbits(40) << 20
    while True:
        value += 1
        digits = []
        rest = value
        for _ in range(26):
            digits.append(ID_ALPHABET[rest & 31])
            rest >>= 5
        yield "upd_" + "".join(reversed(digits))


def _request_hash(parsed: ParsedUpdate) -> str:
    canonical = orjson.dumps(
        {"import": parsed.agreement_id, "update": parsed.update_in.model_dump(mode="json")}, option=orjson.OPT_SORT_KEYS
    )
    return hashlib.sha256(canonical).hexdigest()


def _table(model: type[SQLModel]) -> Table:
    """The model's table, for plain executemany inserts that skip the ORM's per-row bookkeeping."""
    table: Table = model.__table__  # type: ignore[attr-defined]
    return table


class NewHandovers:
    """The figures and running totals of imported updates, each the one claim about a handover of its own.

    Weighed by the status rules (`weigh`, `contribution`) as a posted update is, but written in batches
    and summed in memory (one entry per agreement, term and party) instead of one handover at a time.
    """

    def __init__(self) -> None:
        self.figures: list[dict[str, Any]] = []
        self.totals: dict[tuple[str, str, str], dict[str, Any]] = {}

    def add(
        self,
        *,
        agreement_id: str,
        update_id: str,
        created_at: datetime,
        occurred_on: date,
        publisher: str | None,
        url: str | None,
        lines: Sequence[Sequence[Any]],
    ) -> None:
        """Weigh one imported update as the first and only claim about its handover."""
        claim = Claim(
            update_id=update_id,
            created_at=created_at,
            occurred_on=occurred_on,
            review_state=ReviewState.reported.value,
            reviewed_at=None,
            superseded=False,
            publisher=publisher,
            url=url,
            figures={
                (commitment_id or UNATTRIBUTED, recipient_id): (quantity, qualifier)
                for commitment_id, recipient_id, quantity, qualifier in lines
            },
        )
        for (bucket, recipient_id), figure in weigh([claim], attribution_disputed=False).items():
            self.figures.append(
                {
                    "handover_id": update_id,
                    "bucket": bucket,
                    "recipient_id": recipient_id,
                    "agreement_id": agreement_id,
                    **{f.name: getattr(figure, f.name) for f in fields(figure)},
                }
            )
            accumulate(self.totals.setdefault((agreement_id, bucket, recipient_id), dict.fromkeys(COUNTERS, 0)), figure)

    def flush(self, session: Session) -> None:
        """Write the figures gathered so far."""
        if self.figures:
            session.execute(insert(_table(HandoverFigure)), self.figures)
            self.figures.clear()

    def apply(self, session: Session, *, policy: StatusPolicy) -> None:
        """Add the sums to the running totals, then rebuild each touched agreement's status document."""
        self.flush(session)
        for (agreement_id, bucket, recipient_id), sums in self.totals.items():
            total = session.get(RunningTotal, (agreement_id, bucket, recipient_id)) or RunningTotal(
                agreement_id=agreement_id, bucket=bucket, recipient_id=recipient_id
            )
            for name in COUNTERS:
                setattr(total, name, (getattr(total, name) or 0) + sums[name])
            if total.last_update_on is None or sums["last_update_on"] > total.last_update_on:
                total.last_update_on = sums["last_update_on"]
            session.add(total)
        session.flush()
        for agreement_id in sorted({key[0] for key in self.totals}):
            agreement = session.get(Agreement, agreement_id)
            if agreement is not None:
                refresh_status(session, agreement=agreement, policy=policy)


def _write(
    session: Session,
    *,
    spool: IO[bytes],
    owner: str,
    key_id: str | None,
    policy: StatusPolicy,
    progress: Written | None,
) -> tuple[int, int]:
    now = datetime.now(UTC)
    updates: list[dict[str, Any]] = []
    lines: list[dict[str, Any]] = []
    records: list[dict[str, Any]] = []
    counts = [0, 0]
    fresh_ids = _ids_in_file_order()
    handovers = NewHandovers()

    def flush() -> None:
        if updates:
            session.execute(insert(_table(FulfilmentUpdate)), updates)
            session.execute(insert(_table(UpdateLine)), lines)
            handovers.flush(session)
        if records:
            session.execute(insert(_table(IdempotencyRecord)), records)
        counts[0] += len(updates)
        counts[1] += len(lines)
        if progress is not None:
            progress(counts[0])
        updates.clear()
        lines.clear()
        records.clear()

    spool.seek(0)
    for text in spool:
        (
            key,
            agreement_id,
            idempotency_key,
            occurred_day,
            stage,
            location,
            note,
            url,
            title,
            publisher,
            published_day,
            update_lines,
            request_hash,
        ) = orjson.loads(text)
        update_id = key if SERVICE_UPDATE_ID.match(key) else next(fresh_ids)
        occurred_on = date.fromordinal(occurred_day)
        updates.append(
            {
                "id": update_id,
                "handover_id": update_id,  # each imported update is the first report of its own handover
                "agreement_id": agreement_id,
                "occurred_on": occurred_on,
                "stage": stage,
                "location": location,
                "note": note,
                "source_url": url,
                "source_title": title,
                "source_publisher": publisher,
                "source_published_on": date.fromordinal(published_day) if published_day else None,
                "created_at": now,
                "created_by": key_id,
            }
        )
        lines.extend(
            {"update_id": update_id, "commitment_id": c, "recipient_id": r, "quantity": q, "qualifier": k}
            for c, r, q, k in update_lines
        )
        handovers.add(
            agreement_id=agreement_id,
            update_id=update_id,
            created_at=now,
            occurred_on=occurred_on,
            publisher=publisher,
            url=url,
            lines=update_lines,
        )
        if idempotency_key is not None:
            records.append(
                {
                    "key_owner": owner,
                    "idempotency_key": idempotency_key,
                    "request_hash": request_hash,
                    "status_code": 201,
                    "response_body": orjson.dumps({"id": update_id, "imported": True}).decode(),
                    "resource_id": update_id,
                    "created_at": now,
                }
            )
        if len(lines) >= INSERT_BATCH:
            flush()
    flush()
    handovers.apply(session, policy=policy)
    return counts[0], counts[1]


def import_updates(
    database: Database,
    *,
    source: ImportSource,
    owner: str,
    caller: object | None,
    key_id: str | None,
    policy: StatusPolicy,
    checking: Progress | None = None,
    writing: Callable[[int, int], None] | None = None,
) -> ImportResult:
    """Check the whole file, then record every update in one transaction and move the touched totals.

    `caller` is whom the audit log names; `checking` hears how many bytes of the file were read;
    `writing`, how many of how many updates were written.
    """
    with tempfile.TemporaryFile() as spool, database.write_transaction(actor=caller) as session:
        agreement_ids, count = check_file(session, source=source, owner=owner, spool=spool, progress=checking)
        for agreement_id in sorted(agreement_ids):
            lock_agreement(session, agreement_id=agreement_id)
        updates, lines = _write(
            session,
            spool=spool,
            owner=owner,
            key_id=key_id,
            policy=policy,
            progress=(lambda done: writing(done, count)) if writing is not None else None,
        )
        # Bulk inserts pass by the ORM, so the audit chain gets one entry for the whole import.
        note(
            session,
            action="import",
            entity_type="fulfilment_update",
            entity_id=f"import:{updates}",
            after={"updates": updates, "lines": lines, "agreement_ids": sorted(agreement_ids), "key_id": key_id},
        )
    return ImportResult(updates=updates, lines=lines, agreement_ids=sorted(agreement_ids))
