"""The main flow over real HTTP against `exchange-ledger serve` on a loopback port."""

import contextlib
import select
import socket
import time
from datetime import date

import httpx
import pytest
from sqlmodel import Session

from app.core.config import Settings
from app.database import open_database
from app.keys.models import Role
from app.keys.service import create_key
from tests.server import running_server


@pytest.mark.slow
def test_main_flow_over_real_http(database_url: str, settings: object) -> None:
    database = open_database(database_url)
    with Session(database.write_engine) as session:
        _, editor = create_key(session, name="editor", role=Role.editor)
        _, monitor = create_key(session, name="monitor", role=Role.monitor)
        session.commit()
    database.dispose()

    with running_server(database_url) as base, httpx.Client(base_url=base, timeout=10) as http:
        as_editor = {"Authorization": f"Bearer {editor}"}
        ukraine = http.post("/api/v1/parties", json={"name": "Ukraine", "kind": "state"}, headers=as_editor).json()[
            "id"
        ]
        russia = http.post("/api/v1/parties", json={"name": "Russia", "kind": "state"}, headers=as_editor).json()["id"]
        agreement = http.post(
            "/api/v1/agreements",
            headers=as_editor,
            json={
                "title": "Remains 6,000 for 6,000",
                "concluded_on": "2025-06-02",
                "parties": [ukraine, russia],
                "commitments": [
                    {
                        "category": "remains",
                        "measure": "target",
                        "targets": [
                            {"recipient_id": ukraine, "quantity": 6000},
                            {"recipient_id": russia, "quantity": 6000},
                        ],
                    }
                ],
            },
        ).json()
        remains = agreement["commitments"][0]["id"]
        posted = http.post(
            f"/api/v1/agreements/{agreement['id']}/updates",
            headers={"Authorization": f"Bearer {monitor}", "Idempotency-Key": "stage-1"},
            json={
                "occurred_on": str(date.today()),
                "source": {"publisher": "ICRC"},
                "lines": [
                    {"commitment_id": remains, "recipient_id": ukraine, "quantity": 6057},
                    {"commitment_id": remains, "recipient_id": russia, "quantity": 78},
                ],
            },
        )
        assert posted.status_code == 201

        status = http.get(f"/api/v1/agreements/{agreement['id']}/status")

        assert status.status_code == 200
        received = {r["recipient_id"]: r["received"] for r in status.json()["commitments"][0]["recipients"]}
        assert received == {ukraine: 6057, russia: 78}
        assert status.json()["commitments"][0]["imbalance"]["difference"] == 5979
        assert http.get("/healthz").json()["status"] == "ok"


def _closed_by_server(connection: socket.socket) -> bool:
    """Whether the server has closed this connection (read without waiting)."""
    readable, _, _ = select.select([connection], [], [], 0)
    if not readable:
        return False
    try:
        return connection.recv(65536) == b""
    except ConnectionResetError:
        return True


def _loopback(base: str) -> socket.socket:
    host, port = base.removeprefix("http://").split(":")
    return socket.create_connection((host, int(port)), timeout=5)


def test_a_request_head_over_the_limit_is_refused_and_the_server_keeps_answering(settings: Settings) -> None:
    if not settings.database_url.startswith("sqlite"):
        pytest.skip("reading request heads does not depend on the database")
    with running_server(settings.database_url, env={"MAX_HEADER_BYTES": "16384"}) as base:
        with _loopback(base) as connection:
            head = b"GET /healthz HTTP/1.1\r\nHost: ledger\r\nX-Padding: " + b"a" * 1_000_000 + b"\r\n\r\n"
            with contextlib.suppress(BrokenPipeError, ConnectionResetError):  # refused before it was all sent
                connection.sendall(head)
            try:
                answer = connection.recv(65536)
            except ConnectionResetError:
                answer = b""
        started = time.monotonic()
        healthy = httpx.get(f"{base}/healthz", timeout=5)

    assert answer == b"" or answer.startswith((b"HTTP/1.1 400", b"HTTP/1.1 431")), answer[:100]
    assert healthy.status_code == 200 and time.monotonic() - started < 1


def test_clients_sending_a_byte_at_a_time_are_disconnected_while_others_are_answered(settings: Settings) -> None:
    if not settings.database_url.startswith("sqlite"):
        pytest.skip("reading requests does not depend on the database")
    env = {"REQUEST_READ_TIMEOUT_SECONDS": "1"}
    with running_server(settings.database_url, env=env) as base:
        slow = [_loopback(base) for _ in range(4)]
        for connection in slow:
            connection.sendall(b"GET /healthz HTTP/1.1\r\nHost: ledger\r\n")
        closed: set[int] = set()
        answered = []
        deadline = time.monotonic() + 4
        while time.monotonic() < deadline and len(closed) < len(slow):
            for number, connection in enumerate(slow):
                if number in closed:
                    continue
                if _closed_by_server(connection):
                    closed.add(number)
                    continue
                try:
                    connection.send(b"a")  # one byte of an endless header
                except OSError:
                    closed.add(number)
            answered.append(httpx.get(f"{base}/healthz", timeout=2).status_code)
            time.sleep(0.25)
        for connection in slow:
            connection.close()

    assert closed == set(range(len(slow))), f"{len(slow) - len(closed)} slow client(s) still connected after 4 s"
    assert set(answered) == {200}
