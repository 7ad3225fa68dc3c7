"""The naive writer: a FastAPI endpoint that inserts a row and bumps a counter in its own transaction, and no more.

It takes the service's POST (same path, body and headers, so `bench/lua/post_update.lua` drives both) and does
what any FastAPI tutorial would: insert the update and add its quantities to one counter, in one transaction.
On SQLite: WAL, synchronous=NORMAL, one process lock around each write (as the service serialises its writers);
on PostgreSQL: an INSERT and an UPDATE of the counter row, whose lock serialises them.
"""

import argparse
import secrets
import sqlite3
import threading
from collections.abc import Iterator
from contextlib import contextmanager, nullcontext
from typing import Any

import psycopg
from fastapi import FastAPI, Header, status
from pydantic import BaseModel

from bench.uvicorn_options import run

SCHEMA = [
    "CREATE TABLE IF NOT EXISTS naive_update (id TEXT PRIMARY KEY, idempotency_key TEXT UNIQUE, "
    "agreement_id TEXT NOT NULL, quantity BIGINT NOT NULL)",
    "CREATE TABLE IF NOT EXISTS naive_counter (id INTEGER PRIMARY KEY, received BIGINT NOT NULL)",
]


class HandoverLine(BaseModel):
    """One line of a posted handover, as the service reads it."""

    commitment_id: str | None = None
    recipient_id: str
    quantity: int


class Handover(BaseModel):
    """A posted handover: only the fields the counter needs are checked."""

    occurred_on: str
    lines: list[HandoverLine]


class Recorded(BaseModel):
    """What the naive writer answers: the new row's id and the lines it counted."""

    id: str
    lines: list[HandoverLine]


class Tally(BaseModel):
    """The counter and the rows behind it, for the benchmark's check that every acknowledged post was written."""

    updates: int
    received: int
    rows_received: int


class Ledger:
    """One table of updates and one counter, on SQLite or PostgreSQL, a connection per thread."""

    def __init__(self, url: str) -> None:
        self.url = url
        self.is_sqlite = url.startswith("sqlite:///")
        self._local = threading.local()
        # SQLite allows one writer; a lock in the process instead of busy retries, as the service does.
        self._write_lock = threading.Lock() if self.is_sqlite else None
        with self._transaction() as cursor:
            for statement in SCHEMA:
                cursor.execute(statement)
            cursor.execute(
                "INSERT INTO naive_counter (id, received) VALUES (1, 0) ON CONFLICT (id) DO NOTHING",
            )

    def _connection(self) -> Any:
        connection = getattr(self._local, "connection", None)
        if connection is None:
            if self.is_sqlite:
                connection = sqlite3.connect(self.url.removeprefix("sqlite:///"), isolation_level=None)
                connection.execute("PRAGMA journal_mode=WAL")
                connection.execute("PRAGMA synchronous=NORMAL")
                connection.execute("PRAGMA busy_timeout=5000")
            else:
                connection = psycopg.connect(self.url, autocommit=True)
            self._local.connection = connection
        return connection

    @contextmanager
    def _transaction(self) -> Iterator[Any]:
        connection = self._connection()
        with self._write_lock or nullcontext():
            cursor = connection.cursor()
            cursor.execute("BEGIN IMMEDIATE" if self.is_sqlite else "BEGIN")
            try:
                yield cursor
            except BaseException:
                cursor.execute("ROLLBACK")
                raise
            cursor.execute("COMMIT")

    def record(self, *, agreement_id: str, idempotency_key: str | None, quantity: int) -> str:
        """Insert the update and add its quantity to the counter, in one transaction; returns the new id."""
        update_id = "nu_" + secrets.token_hex(12)
        mark = "?" if self.is_sqlite else "%s"
        with self._transaction() as cursor:
            cursor.execute(
                f"INSERT INTO naive_update (id, idempotency_key, agreement_id, quantity) "  # noqa: S608 (placeholders)
                f"VALUES ({mark}, {mark}, {mark}, {mark})",
                (update_id, idempotency_key, agreement_id, quantity),
            )
            cursor.execute(f"UPDATE naive_counter SET received = received + {mark} WHERE id = 1", (quantity,))  # noqa: S608
        return update_id

    def tally(self) -> Tally:
        """The counter beside the rows it should equal."""
        with self._transaction() as cursor:
            # One statement, one snapshot: under READ COMMITTED two statements could straddle a late commit.
            cursor.execute(
                "SELECT (SELECT count(*) FROM naive_update), (SELECT coalesce(sum(quantity), 0) FROM naive_update), "
                "(SELECT received FROM naive_counter WHERE id = 1)"
            )
            updates, rows_received, received = cursor.fetchone()
        return Tally(updates=int(updates), received=int(received), rows_received=int(rows_received))


def create_app(url: str) -> FastAPI:
    """The naive writer on this database."""
    ledger = Ledger(url)
    app = FastAPI()

    # A plain `def`, as the service's POST route: the write runs in the thread pool.
    @app.post("/api/v1/agreements/{agreement_id}/updates", status_code=status.HTTP_201_CREATED)
    def record_update(
        agreement_id: str, handover: Handover, idempotency_key: str | None = Header(default=None)
    ) -> Recorded:
        """Insert the handover and bump the counter."""
        quantity = sum(line.quantity for line in handover.lines)
        update_id = ledger.record(agreement_id=agreement_id, idempotency_key=idempotency_key, quantity=quantity)
        return Recorded(id=update_id, lines=handover.lines)

    @app.get("/tally")
    def tally() -> Tally:
        """The counter and the rows behind it."""
        return ledger.tally()

    return app


def main() -> None:
    """Serve the naive writer on a loopback port."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--database", required=True, help="sqlite:///path or postgresql://user@host/db")
    arguments = parser.parse_args()
    run(create_app(arguments.database), port=arguments.port)


if __name__ == "__main__":
    main()
