"""Bulk import of fulfilment updates from the columns of the updates export: every row checked first, then
all written in one transaction, or nothing.

The file is read twice, a row at a time: a first pass checks every row and keeps only what the checks need
(the update ids and idempotency keys seen, and what each agreement allows), a second pass inserts in batches.
"""

import tempfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass, fields
from datetime import UTC, date, datetime
from operator import attrgetter
from typing import IO, Any

import orjson
from sqlmodel import Session

from app.audit.service import note
from app.core.db import Database, insert_rows, larger_cache, table_of
from app.core.ids import ids_in_order
from app.imports.checks import check_file, recheck_conclusions
from app.imports.rows import SERVICE_UPDATE_ID, ImportFormat, ImportSource, Progress
from app.models.agreement import Agreement
from app.models.status import HandoverFigure
from app.models.update import FulfilmentUpdate, IdempotencyRecord, UpdateLine
from app.models.values import UNATTRIBUTED, ReviewState
from app.status.arithmetic import COUNTERS, Claim, Figure, accumulate, weigh
from app.status.policy import StatusPolicy
from app.status.service import lock_agreement, refresh_figures
from app.status.totals import add_to_totals
from app.webhooks.events import emit
from app.webhooks.models import EventType

__all__ = ["CLI_OWNER", "ImportFormat", "ImportResult", "ImportSource", "import_updates"]

INSERT_BATCH = 5000
CACHE_MIB = 64  # SQLite's page cache while the rows are written: a million-row import's indexes stay in memory
CLI_OWNER = "import"
UPDATE_KEYS = (
    "id",
    "handover_id",
    "agreement_id",
    "occurred_on",
    "stage",
    "location",
    "note",
    "source_url",
    "source_title",
    "source_publisher",
    "source_published_on",
    "created_at",
    "changed_at",
    "created_by",
)
LINE_KEYS = ("update_id", "commitment_id", "recipient_id", "quantity", "qualifier")
RECORD_KEYS = (
    "key_owner",
    "idempotency_key",
    "request_hash",
    "status_code",
    "response_body",
    "resource_id",
    "created_at",
)
FIGURE_FIELDS = tuple(f.name for f in fields(Figure))
FIGURE_KEYS = ("handover_id", "bucket", "recipient_id", "agreement_id", *FIGURE_FIELDS)
FIGURE_VALUES = attrgetter(*FIGURE_FIELDS)


@dataclass(frozen=True)
class ImportResult:
    """What an import recorded."""

    updates: int
    lines: int
    agreement_ids: list[str]


Written = Callable[[int], None]


# ---- the second pass: write in batches -------------------------------------------------------


class NewHandovers:
    """The figures and running totals of imported updates, each the one claim about a handover of its own.

    Weighed by the status rules (`weigh`, `contribution`) as a posted update is, but written in batches
    and summed in memory (one entry per agreement, term and party) instead of one handover at a time.
    """

    def __init__(self) -> None:
        self.figures: list[tuple[Any, ...]] = []
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
            self.figures.append((update_id, bucket, recipient_id, agreement_id, *FIGURE_VALUES(figure)))
            accumulate(self.totals.setdefault((agreement_id, bucket, recipient_id), dict.fromkeys(COUNTERS, 0)), figure)

    def flush(self, session: Session) -> None:
        """Write the figures gathered so far."""
        insert_rows(session, table_of(HandoverFigure), self.figures, keys=FIGURE_KEYS)
        self.figures.clear()

    def apply(self, session: Session, *, policy: StatusPolicy) -> None:
        """Add the sums to the running totals as posting does, then move each touched agreement's figures."""
        self.flush(session)
        by_agreement: dict[str, dict[tuple[str, str], dict[str, Any]]] = {}
        for (agreement_id, bucket, recipient_id), sums in self.totals.items():
            by_agreement.setdefault(agreement_id, {})[(bucket, recipient_id)] = sums
        for agreement_id, changes in sorted(by_agreement.items()):
            add_to_totals(session, agreement_id=agreement_id, changes=changes)
            agreement = session.get(Agreement, agreement_id)
            if agreement is not None:
                refresh_figures(session, agreement=agreement, policy=policy)


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
    updates: list[tuple[Any, ...]] = []
    lines: list[tuple[Any, ...]] = []
    records: list[tuple[Any, ...]] = []
    counts = [0, 0]
    by_agreement: dict[str, list[int]] = {}
    fresh_ids = ids_in_order("upd")
    handovers = NewHandovers()

    def flush() -> None:
        insert_rows(session, table_of(FulfilmentUpdate), updates, keys=UPDATE_KEYS)
        insert_rows(session, table_of(UpdateLine), lines, keys=LINE_KEYS)
        handovers.flush(session)
        insert_rows(session, table_of(IdempotencyRecord), records, keys=RECORD_KEYS)
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
        # each imported update is the first report of its own handover
        updates.append(
            (
                update_id,
                update_id,
                agreement_id,
                occurred_on,
                stage,
                location,
                note,
                url,
                title,
                publisher,
                date.fromordinal(published_day) if published_day else None,
                now,
                now,
                key_id,
            )
        )
        lines.extend((update_id, c, r, q, k) for c, r, q, k in update_lines)
        tally = by_agreement.setdefault(agreement_id, [0, 0])
        tally[0] += 1
        tally[1] += len(update_lines)
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
            answer = orjson.dumps({"id": update_id, "imported": True}).decode()
            records.append((owner, idempotency_key, request_hash, 201, answer, update_id, now))
        if len(lines) >= INSERT_BATCH:
            flush()
    flush()
    handovers.apply(session, policy=policy)
    emit(
        session,
        event_type=EventType.updates_imported,
        payload={
            "updates": counts[0],
            "lines": counts[1],
            "key_id": key_id,
            "agreements": [
                {"agreement_id": agreement_id, "updates": tally[0], "lines": tally[1]}
                for agreement_id, tally in sorted(by_agreement.items())
            ],
        },
    )
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
        recheck_conclusions(session, earliest=agreement_ids)
        with larger_cache(session, mebibytes=CACHE_MIB):
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
