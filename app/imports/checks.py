"""The first pass of an import: every row checked by the ledger's rules, nothing written."""

from datetime import date
from typing import IO, Any

import orjson
from sqlalchemy import select
from sqlmodel import Session, col

from app.core.errors import AppError, ImportRefused
from app.imports.rows import (
    SERVICE_UPDATE_ID,
    Group,
    ImportSource,
    ParsedUpdate,
    Progress,
    RowProblem,
    groups,
    parse_group,
    records,
    summary_of,
)
from app.models.agreement import Agreement
from app.models.update import FulfilmentUpdate, IdempotencyRecord
from app.updates.service import check_lines, occurred_on_problem, request_hash

# ---- the first pass: check everything, write nothing ---------------------------------------

MAX_REPORTED = 1000
LOOKUP_BATCH = 500


class Checker:
    """The ledger's rules for an update, with what each agreement allows looked up once."""

    def __init__(self, session: Session, *, owner: str) -> None:
        self.session = session
        self.owner = owner
        self.today = date.today()
        self.concluded_on: dict[str, date | None] = {}
        # For each agreement, the earliest day an update of the file occurred on and its row.
        self.earliest: dict[str, tuple[date, int]] = {}
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
        if parsed.agreement_id not in self.earliest or occurred_on < self.earliest[parsed.agreement_id][0]:
            self.earliest[parsed.agreement_id] = (occurred_on, parsed.first_row)
        problem = occurred_on_problem(occurred_on, concluded_on=concluded_on, today=self.today)
        if problem is not None:
            problems.append(RowProblem(parsed.first_row, "occurred_on", problem))
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
                request_hash(f"import:{parsed.agreement_id}", parsed.update_in) if parsed.idempotency_key else None,
            ]
        )
        + b"\n"
    )


def check_file(
    session: Session, *, source: ImportSource, owner: str, spool: IO[bytes], progress: Progress | None = None
) -> tuple[dict[str, tuple[date, int]], int]:
    """Check every row, writing each good update to `spool`; ImportRefused naming each bad row (the first
    thousand) unless all are good. Returns the agreements touched, each with the earliest day an update of
    the file occurred on and its row, and the number of updates."""
    checker = Checker(session, owner=owner)
    problems: list[RowProblem] = []
    total = 0

    def report(found: list[RowProblem]) -> None:
        nonlocal total
        total += len(found)
        room = MAX_REPORTED - len(problems)
        if room > 0:
            problems.extend(found[:room])

    reading_problems: list[RowProblem] = []
    for group in groups(records(source, progress), reading_problems):
        report(reading_problems)
        reading_problems.clear()
        parsed, found = parse_group(group)
        if parsed is not None:
            found = checker.check(parsed, group)
            if not found and not total:
                spool.write(_spooled(parsed))
        report(found)
        report(checker.recorded_already(final=False))
    report(reading_problems)
    report(checker.recorded_already(final=True))
    if total:
        problems.sort(key=lambda p: p.row)
        raise ImportRefused(summary_of(problems, total), errors=[p.as_error() for p in problems])
    if not checker.keys_seen:
        raise ImportRefused("The file holds no rows to import.", errors=[])
    return checker.earliest, len(checker.keys_seen)


def recheck_conclusions(session: Session, *, earliest: dict[str, tuple[date, int]]) -> None:
    """Once the agreements are locked, check again that no update of the file occurred before its agreement was
    concluded: a conclusion date may have moved while the file was checked. ImportRefused if one did."""
    problems: list[RowProblem] = []
    # Columns, not rows: the agreements read while checking may be stale in the session.
    for agreement_id, concluded_on in session.execute(
        select(col(Agreement.id), col(Agreement.concluded_on)).where(col(Agreement.id).in_(list(earliest)))
    ):
        occurred_on, row = earliest[agreement_id]
        if occurred_on < concluded_on:
            problems.append(
                RowProblem(row, "occurred_on", f"{occurred_on} is before the agreement was concluded ({concluded_on})")
            )
    if problems:
        problems.sort(key=lambda p: p.row)
        raise ImportRefused(summary_of(problems, len(problems)), errors=[p.as_error() for p in problems])
