"""Crash safety: SIGKILL the server in the middle of a stream of writes, restart it, lose nothing.

Every acknowledged write must be there after the restart, no write may be half applied (an
update without all its lines, totals that disagree with the updates), and the retries of the
writes that were in flight when the server died must each be recorded exactly once.
"""

import os
import signal
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import httpx
import pytest

from tests.server import free_port
from tests.test_concurrency import all_updates, make_agreement, make_keys, totals_check

WRITERS = 4
MAX_WRITES_PER_WRITER = 40


@contextmanager
def server_process(database_url: str) -> Iterator[tuple[subprocess.Popen[bytes], str]]:
    """`exchange-ledger serve` as one process (so its pid is the server's), ready to answer."""
    port = free_port()
    log = Path(tempfile.gettempdir()) / f"exchange-ledger-crash-{port}.log"
    env = {**os.environ, "DATABASE_URL": database_url, "RATE_LIMIT_PER_ADDRESS": "0", "RATE_LIMIT_PER_KEY": "0"}
    with log.open("w") as output:
        process = subprocess.Popen(
            [sys.executable, "-m", "app.cli", "serve", "--port", str(port)], env=env, stdout=output, stderr=output
        )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 120
        while True:
            if process.poll() is not None:
                raise RuntimeError(f"server exited: {log.read_text()}")
            try:
                if httpx.get(f"{base}/readyz", timeout=1).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            if time.monotonic() > deadline:
                raise RuntimeError(f"server did not start: {log.read_text()}")
            time.sleep(0.1)
        yield process, base
    finally:
        if process.poll() is None:
            process.kill()
        process.wait(timeout=30)


def update_body(target: tuple[str, str, str], writer: int, number: int) -> dict[str, Any]:
    _, commitment_id, ukraine = target
    return {
        "occurred_on": "2025-06-20",
        "stage": f"writer {writer} number {number}",
        "source": {"publisher": "ICRC"},
        "lines": [
            {"commitment_id": commitment_id, "recipient_id": ukraine, "quantity": writer * 1000 + number},
            {"commitment_id": None, "recipient_id": ukraine, "quantity": 1},
        ],
    }


@pytest.mark.slow
def test_a_killed_server_loses_no_acknowledged_write_and_half_applies_none(database_url: str, settings: object) -> None:
    tokens = make_keys(database_url)
    monitor = {"Authorization": f"Bearer {tokens['monitor']}"}
    acknowledged: dict[str, str] = {}  # idempotency key -> update id
    sent: dict[str, dict[str, Any]] = {}  # idempotency key -> body, for every request sent
    lock = threading.Lock()

    with server_process(database_url) as (process, base):
        with httpx.Client(base_url=base, timeout=30) as http:
            target = make_agreement(http, tokens["editor"])
        path = f"/api/v1/agreements/{target[0]}/updates"

        def write(writer: int) -> None:
            with httpx.Client(base_url=base, timeout=30) as http:
                for number in range(MAX_WRITES_PER_WRITER):
                    key = f"w{writer}-n{number}"
                    body = update_body(target, writer, number)
                    with lock:
                        sent[key] = body
                    try:
                        response = http.post(path, json=body, headers={**monitor, "Idempotency-Key": key})
                    except httpx.TransportError:
                        return  # the server died under this request
                    if response.status_code == 201:
                        with lock:
                            acknowledged[key] = response.json()["id"]

        writers = [threading.Thread(target=write, args=(n,)) for n in range(WRITERS)]
        for thread in writers:
            thread.start()
        deadline = time.monotonic() + 60
        while len(acknowledged) < 20 and time.monotonic() < deadline:
            time.sleep(0.01)
        process.send_signal(signal.SIGKILL)  # in the middle of the stream: writers are still posting
        for thread in writers:
            thread.join(timeout=60)

    assert len(acknowledged) >= 20
    in_flight = set(sent) - set(acknowledged)
    assert in_flight, "the kill should land while writes are in flight"

    with server_process(database_url) as (_, base), httpx.Client(base_url=base, timeout=30) as http:
        # Every acknowledged write survived, whole.
        for key, update_id in acknowledged.items():
            update = http.get(f"/api/v1/updates/{update_id}")
            assert update.status_code == 200, key
            assert [ln["quantity"] for ln in update.json()["lines"]] == [ln["quantity"] for ln in sent[key]["lines"]]
        # No update is half applied: each has both its lines.
        recorded = all_updates(http, target[0])
        assert all(len(u["lines"]) == 2 for u in recorded)
        # Retrying what was in flight records each exactly once.
        for key in sorted(in_flight):
            retry = http.post(
                f"/api/v1/agreements/{target[0]}/updates", json=sent[key], headers={**monitor, "Idempotency-Key": key}
            )
            assert retry.status_code == 201, retry.text
        final = all_updates(http, target[0])
        status = http.get(f"/api/v1/agreements/{target[0]}/status").json()

    assert len(final) == len(sent) == len({u["stage"] for u in final})
    term = next(c for c in status["commitments"] if c["commitment_id"] == target[1])
    assert term["recipients"][0]["received"] == sum(body["lines"][0]["quantity"] for body in sent.values())
    check = totals_check(database_url)
    assert check.returncode == 0, check.stdout + check.stderr
