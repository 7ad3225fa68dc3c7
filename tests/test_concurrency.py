"""64 monitors post to one commitment at once through a real server with two worker processes.

Half of them send every request twice at the same moment with one Idempotency-Key (a client
that retries on a timeout while the first attempt is still in flight). However the requests
interleave, the totals must equal exactly the acknowledged updates, no update may be recorded
twice, and `exchange-ledger totals check` must find nothing to repair. Bounded: 64 clients x 5
requests (480 HTTP requests).
"""

import asyncio
import os
import secrets
import subprocess
import sys
from dataclasses import dataclass, field
from typing import Any

import httpx
import pytest
from sqlmodel import Session

from app.database import open_database
from app.keys.models import Role
from app.keys.service import create_key
from tests.server import running_server
from tests.test_limits import require_redis

CLIENTS = 64
REQUESTS_PER_CLIENT = 5
NO_RATE_LIMITS = {"RATE_LIMIT_PER_ADDRESS": "0", "RATE_LIMIT_PER_KEY": "0"}


@dataclass
class Ledger:
    """What the clients were told: acknowledged update ids and their quantities."""

    acknowledged: dict[str, int] = field(default_factory=dict)
    by_idempotency_key: dict[str, set[str]] = field(default_factory=dict)
    unexpected: list[str] = field(default_factory=list)


def make_keys(database_url: str) -> dict[str, str]:
    """An editor and a monitor token, made directly in the database as an operator would."""
    database = open_database(database_url)
    with Session(database.write_engine) as session:
        tokens = {
            role.value: create_key(session, name=role.value, role=role)[1] for role in (Role.editor, Role.monitor)
        }
        session.commit()
    database.dispose()
    return tokens


def make_agreement(http: httpx.Client, editor: str) -> tuple[str, str, str]:
    """An agreement with a 6,000 target for one side; returns agreement, commitment and recipient ids."""
    auth = {"Authorization": f"Bearer {editor}"}
    ukraine = http.post("/api/v1/parties", json={"name": "Ukraine", "kind": "state"}, headers=auth).json()["id"]
    russia = http.post("/api/v1/parties", json={"name": "Russia", "kind": "state"}, headers=auth).json()["id"]
    agreement = http.post(
        "/api/v1/agreements",
        headers=auth,
        json={
            "title": "Remains 6,000 for 6,000",
            "concluded_on": "2025-06-02",
            "parties": [ukraine, russia],
            "commitments": [
                {"category": "remains", "measure": "target", "targets": [{"recipient_id": ukraine, "quantity": 6000}]}
            ],
        },
    ).json()
    return agreement["id"], agreement["commitments"][0]["id"], ukraine


async def post_until_answered(
    http: httpx.AsyncClient, path: str, body: dict[str, Any], headers: dict[str, str]
) -> httpx.Response:
    """Post, retrying while the same key is being recorded (409) or the server is busy (503: nothing written)."""
    for _ in range(100):
        response = await http.post(path, json=body, headers=headers)
        if response.status_code not in (409, 503):
            return response
        await asyncio.sleep(float(response.headers.get("retry-after", "0.05")))
    return response


async def monitor(
    http: httpx.AsyncClient, ledger: Ledger, *, number: int, retries: bool, target: tuple[str, str, str], token: str
) -> None:
    agreement_id, commitment_id, recipient_id = target
    path = f"/api/v1/agreements/{agreement_id}/updates"
    for request in range(REQUESTS_PER_CLIENT):
        quantity = number * REQUESTS_PER_CLIENT + request + 1
        body = {
            "occurred_on": "2025-06-20",
            "stage": f"client {number} request {request}",
            "source": {"publisher": f"Monitor {number}"},
            "lines": [{"commitment_id": commitment_id, "recipient_id": recipient_id, "quantity": quantity}],
        }
        headers = {"Authorization": f"Bearer {token}"}
        if retries:
            key = f"c{number}-r{request}"
            headers["Idempotency-Key"] = key
            answers = await asyncio.gather(*(post_until_answered(http, path, body, headers) for _ in range(2)))
        else:
            key = None
            answers = [await post_until_answered(http, path, body, headers)]
        for answer in answers:
            if answer.status_code != 201:
                ledger.unexpected.append(f"{answer.status_code}: {answer.text[:200]}")
                continue
            update = answer.json()
            ledger.acknowledged[update["id"]] = update["lines"][0]["quantity"]
            if key is not None:
                ledger.by_idempotency_key.setdefault(key, set()).add(update["id"])


async def stampede(base: str, token: str, target: tuple[str, str, str]) -> Ledger:
    ledger = Ledger()
    # Idle connections are dropped before the server closes them (its keep-alive is 5 s), or a reused one races that.
    limits = httpx.Limits(max_connections=CLIENTS * 2, keepalive_expiry=1)
    async with httpx.AsyncClient(base_url=base, timeout=120, limits=limits) as http:
        await asyncio.gather(
            *(monitor(http, ledger, number=n, retries=n % 2 == 0, target=target, token=token) for n in range(CLIENTS))
        )
    return ledger


def all_updates(http: httpx.Client, agreement_id: str) -> list[dict[str, Any]]:
    updates: list[dict[str, Any]] = []
    params: dict[str, Any] = {"limit": 200}
    while True:
        page = http.get(f"/api/v1/agreements/{agreement_id}/updates", params=params).json()
        updates.extend(page["items"])
        if not page["next_cursor"]:
            return updates
        params["cursor"] = page["next_cursor"]


def totals_check(database_url: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "DATABASE_URL": database_url}
    return subprocess.run(
        [sys.executable, "-m", "app.cli", "totals", "check"],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


@pytest.mark.slow
def test_64_concurrent_monitors_half_retrying_count_each_handover_once(database_url: str, settings: object) -> None:
    tokens = make_keys(database_url)
    with (
        running_server(database_url, workers=2, env=NO_RATE_LIMITS, startup_seconds=120) as base,
        httpx.Client(base_url=base) as http,
    ):
        target = make_agreement(http, tokens["editor"])
        ledger = asyncio.run(stampede(base, tokens["monitor"], target))
        recorded = all_updates(http, target[0])
        status = http.get(f"/api/v1/agreements/{target[0]}/status").json()

    assert ledger.unexpected == []
    # Every logical request was acknowledged, each idempotency key with one update only.
    assert len(ledger.acknowledged) == CLIENTS * REQUESTS_PER_CLIENT
    assert all(len(ids) == 1 for ids in ledger.by_idempotency_key.values())
    assert len(ledger.by_idempotency_key) == CLIENTS // 2 * REQUESTS_PER_CLIENT
    # What is recorded is exactly what was acknowledged, no more.
    assert {u["id"] for u in recorded} == set(ledger.acknowledged)
    assert len(recorded) == len(ledger.acknowledged)
    received = status["commitments"][0]["recipients"][0]
    assert received["received"] == sum(ledger.acknowledged.values())
    assert received["handovers"] == len(ledger.acknowledged)
    check = totals_check(database_url)
    assert check.returncode == 0, check.stdout + check.stderr


@pytest.mark.slow
def test_two_service_processes_on_one_postgresql_behave_as_one(database_url: str, settings: object) -> None:
    if not database_url.startswith("postgresql"):
        pytest.skip("several machines share PostgreSQL; SQLite is the single-machine setup")
    require_redis()
    tokens = make_keys(database_url)
    monitor = {"Authorization": f"Bearer {tokens['monitor']}"}
    redis_db = str(secrets.randbelow(15) + 1)
    env = {"REDIS_URL": f"redis://127.0.0.1:6379/{redis_db}", "RATE_LIMIT_PER_ADDRESS": "40", "RATE_LIMIT_PER_KEY": "0"}
    with (
        running_server(database_url, env=env, startup_seconds=120) as one_base,
        running_server(database_url, env=env, startup_seconds=120) as two_base,
        httpx.Client(base_url=one_base, timeout=30) as one,
        httpx.Client(base_url=two_base, timeout=30) as two,
    ):
        target = make_agreement(one, tokens["editor"])
        agreement_id, commitment_id, ukraine = target
        path = f"/api/v1/agreements/{agreement_id}/updates"
        body = {
            "occurred_on": "2025-06-20",
            "source": {"publisher": "ICRC"},
            "lines": [{"commitment_id": commitment_id, "recipient_id": ukraine, "quantity": 307}],
        }

        # Written through one, visible through the other.
        assert two.get(f"/api/v1/agreements/{agreement_id}").status_code == 200
        first = one.post(path, json=body, headers={**monitor, "Idempotency-Key": "stage-3"})
        retried = two.post(path, json=body, headers={**monitor, "Idempotency-Key": "stage-3"})
        status = two.get(f"/api/v1/agreements/{agreement_id}/status").json()

        # The same key sent to both at once is still recorded once.
        async def both_at_once() -> list[httpx.Response]:
            async with httpx.AsyncClient(timeout=30) as http:
                headers = {**monitor, "Idempotency-Key": "stage-4"}
                return list(
                    await asyncio.gather(
                        post_until_answered(http, f"{one_base}{path}", body, headers),
                        post_until_answered(http, f"{two_base}{path}", body, headers),
                    )
                )

        racing = asyncio.run(both_at_once())
        updates = all_updates(one, agreement_id)

        # One allowance per address, counted across both processes in Redis.
        answers = [client.get("/api/v1/parties").status_code for _ in range(30) for client in (one, two)]

    assert first.status_code == retried.status_code == 201
    assert retried.json()["id"] == first.json()["id"]
    assert retried.headers["idempotent-replayed"] == "true"
    assert status["commitments"][0]["recipients"][0]["received"] == 307
    assert [r.status_code for r in racing] == [201, 201]
    assert racing[0].json()["id"] == racing[1].json()["id"]
    assert len(updates) == 2
    assert 429 in answers and answers.count(200) < 60
