"""Export downloads that stall or are abandoned hold no database connection, so the service keeps answering.

Forty clients ask for the updates export of a ledger too large for the socket buffers, never read
a byte, then hang up. While they stall and after they have gone, PostgreSQL must show no
connection of the ledger left `idle in transaction`, and a health check, a status read and a
monitor's update must each be answered promptly, on SQLite and on PostgreSQL.
"""

import json
import socket
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from urllib.parse import urlsplit

import httpx
import psycopg
import pytest

from tests.conftest import POSTGRES_ADMIN_URL
from tests.server import running_server
from tests.test_concurrency import make_agreement, make_keys

STALLED_DOWNLOADS = 40
IMPORTED_UPDATES = 5000
# Two kilobytes of note on every line: the export is ~11 MB, beyond what the buffers of a stalled socket absorb.
NOTE = "Handed over at the border crossing; figures confirmed by both sides. " * 30
PROMPTLY = 5.0
SERVER_ENV = {"RATE_LIMIT_PER_ADDRESS": "0", "RATE_LIMIT_PER_KEY": "0", "MAX_BODY_BYTES": str(64 * 1024 * 1024)}


def import_updates(http: httpx.Client, monitor: str, target: tuple[str, str, str]) -> None:
    """Record many one-line updates through the bulk import."""
    agreement_id, commitment_id, recipient_id = target
    rows = (
        {
            "update_id": f"handover-{n}",
            "agreement_id": agreement_id,
            "occurred_on": "2025-06-20",
            "source_publisher": "Coordination Headquarters",
            "note": NOTE,
            "commitment_id": commitment_id,
            "recipient_id": recipient_id,
            "quantity": 1,
            "qualifier": "exact",
        }
        for n in range(IMPORTED_UPDATES)
    )
    body = "".join(json.dumps(row) + "\n" for row in rows).encode()
    imported = http.post(
        "/api/v1/imports",
        content=body,
        headers={"Authorization": f"Bearer {monitor}", "Content-Type": "application/x-ndjson"},
        timeout=300,
    )
    assert imported.status_code == 201, imported.text


@contextmanager
def stalled_downloads(base: str, count: int) -> Iterator[None]:
    """Open `count` raw connections that ask for the updates export and never read; hang up on leaving."""
    address = urlsplit(base)
    request = f"GET /api/v1/exports/updates HTTP/1.1\r\nHost: {address.netloc}\r\n\r\n".encode()
    sockets = []
    try:
        for _ in range(count):
            client = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
            # A small receive window, as a slow client on a poor link would offer.
            client.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)
            client.connect((address.hostname or "", address.port or 80))
            client.sendall(request)
            sockets.append(client)
        yield
    finally:
        for client in sockets:
            client.close()


def idle_in_transaction(database_url: str) -> int:
    """How many connections to this PostgreSQL database sit idle inside an open transaction."""
    name = database_url.rsplit("/", 1)[1]
    with psycopg.connect(POSTGRES_ADMIN_URL, autocommit=True) as connection:
        row = connection.execute(
            "SELECT count(*) FROM pg_stat_activity WHERE datname = %s AND state LIKE 'idle in transaction%%'",
            (name,),
        ).fetchone()
    return int(row[0]) if row else 0


def wait_for_no_idle_transactions(database_url: str, *, seconds: float) -> int:
    """Poll until no connection is idle in a transaction, or the time is up; the last count seen."""
    deadline = time.monotonic() + seconds
    while (count := idle_in_transaction(database_url)) and time.monotonic() < deadline:
        time.sleep(0.2)
    return count


def assert_service_answers(http: httpx.Client, monitor: str, target: tuple[str, str, str]) -> None:
    """A health check, a status read and a monitor's update, each answered within PROMPTLY seconds."""
    agreement_id, commitment_id, recipient_id = target
    update = {
        "occurred_on": "2025-06-21",
        "source": {"publisher": "ICRC"},
        "lines": [{"commitment_id": commitment_id, "recipient_id": recipient_id, "quantity": 7}],
    }
    calls: dict[str, Callable[[], httpx.Response]] = {
        "health check": lambda: http.get("/healthz"),
        "status read": lambda: http.get(f"/api/v1/agreements/{agreement_id}/status"),
        "monitor's update": lambda: http.post(
            f"/api/v1/agreements/{agreement_id}/updates", json=update, headers={"Authorization": f"Bearer {monitor}"}
        ),
    }
    for name, call in calls.items():
        started = time.monotonic()
        try:
            answer = call()
        except httpx.TimeoutException:
            pytest.fail(f"the {name} was not answered within {PROMPTLY} s")
        assert answer.status_code in (200, 201), f"the {name} was answered {answer.status_code}: {answer.text[:200]}"
        assert time.monotonic() - started < PROMPTLY, f"the {name} took {time.monotonic() - started:.1f} s"


@pytest.mark.slow
def test_stalled_and_abandoned_export_downloads_hold_no_database_connection(
    database_url: str, settings: object
) -> None:
    tokens = make_keys(database_url)
    on_postgres = database_url.startswith("postgresql")
    with (
        running_server(database_url, env=SERVER_ENV, startup_seconds=120) as base,
        httpx.Client(base_url=base, timeout=PROMPTLY) as http,
    ):
        target = make_agreement(http, tokens["editor"])
        import_updates(http, tokens["monitor"], target)

        with stalled_downloads(base, STALLED_DOWNLOADS):
            time.sleep(3)  # every download has started and filled its socket
            stalled_idle = wait_for_no_idle_transactions(database_url, seconds=PROMPTLY) if on_postgres else 0
            assert_service_answers(http, tokens["monitor"], target)
        abandoned_idle = wait_for_no_idle_transactions(database_url, seconds=PROMPTLY) if on_postgres else 0
        assert_service_answers(http, tokens["monitor"], target)
        complete = http.get("/api/v1/exports/updates", params={"format": "ndjson"}, timeout=120)

    assert stalled_idle == 0, f"{stalled_idle} connections idle in transaction while downloads stalled"
    assert abandoned_idle == 0, f"{abandoned_idle} connections still idle in transaction after the clients left"
    # A client that does read gets every line once: the imported ones and the two posted meanwhile.
    exported = [json.loads(line)["update_id"] for line in complete.text.splitlines()]
    assert len(exported) == len(set(exported)) == IMPORTED_UPDATES + 2
