"""Webhook delivery end to end: a real receiver on loopback verifies every request with `standardwebhooks`.

Workers run in-process where only the outcome matters, and as `exchange-ledger worker` processes where
the test kills one or runs two at once.
"""

import os
import signal
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import orjson
import pytest
from fastapi.testclient import TestClient
from sqlmodel import Session
from standardwebhooks.webhooks import Webhook, WebhookVerificationError

from app.core.config import Settings
from app.database import open_database
from app.keys.service import key_id_of
from app.webhooks.service import backlog
from app.webhooks.worker import DeliveryWorker
from tests.factories import Factory, line
from tests.server import free_port

WEBHOOKS = "/api/v1/webhooks"
WAIT_SECONDS = 30.0

# Fast retries and short leases so fault tests take seconds; the timeout stays below the lease.
FAST = {
    "webhook_allow_private": True,
    "webhook_backoff_base_seconds": 0.05,
    "webhook_backoff_max_seconds": 0.2,
    "webhook_timeout_seconds": 1.0,
    "webhook_lease_seconds": 10.0,
    "webhook_poll_seconds": 0.05,
}


@dataclass
class Received:
    """One request the receiver accepted."""

    webhook_id: str
    body: bytes
    payload: dict[str, Any]


@dataclass
class Receiver:
    """A tiny HTTP server that accepts only requests signed with its secret, and remembers them."""

    port: int
    secret: str = ""
    status: int = 204
    hold_first: bool = False
    received: list[Received] = field(default_factory=list)
    rejected: list[str] = field(default_factory=list)
    arrived: threading.Event = field(default_factory=threading.Event)
    release: threading.Event = field(default_factory=threading.Event)
    lock: threading.Lock = field(default_factory=threading.Lock)
    server: ThreadingHTTPServer | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/hooks/ledger"

    def ids(self) -> Counter[str]:
        with self.lock:
            return Counter(r.webhook_id for r in self.received)

    def handle(self, body: bytes, headers: dict[str, str]) -> int:
        try:
            payload = Webhook(self.secret).verify(body, headers)
        except WebhookVerificationError as exc:
            with self.lock:
                self.rejected.append(str(exc))
            return 400
        with self.lock:
            self.received.append(Received(headers["webhook-id"], body, payload))
            first = len(self.received) == 1
        if first and self.hold_first:
            self.arrived.set()
            self.release.wait(WAIT_SECONDS)
        return self.status

    @contextmanager
    def running(self) -> Iterator["Receiver"]:
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                body = self.rfile.read(int(self.headers.get("content-length", "0")))
                status = receiver.handle(body, {k.lower(): v for k, v in self.headers.items()})
                try:
                    self.send_response(status)
                    self.send_header("content-length", "0")
                    self.end_headers()
                except OSError:  # the worker that sent this was killed meanwhile
                    pass

            def log_message(self, format: str, *args: Any) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", self.port), Handler)
        self.server.daemon_threads = True
        thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        thread.start()
        try:
            yield self
        finally:
            self.release.set()
            self.server.shutdown()
            self.server.server_close()
            thread.join(timeout=5)


@pytest.fixture
def settings(settings: Settings) -> Settings:
    """The shared test settings with loopback receivers allowed and fast retries."""
    return settings.model_copy(update=FAST)


@pytest.fixture
def receiver() -> Iterator[Receiver]:
    with Receiver(port=free_port()).running() as running:
        yield running


def subscribe(client: TestClient, keys: dict[str, dict[str, str]], url: str, event_types: list[str]) -> dict[str, Any]:
    response = client.post(WEBHOOKS, json={"url": url, "event_types": event_types}, headers=keys["editor"])
    assert response.status_code == 201, response.text
    subscription: dict[str, Any] = response.json()
    return subscription


def deliveries(client: TestClient, keys: dict[str, dict[str, str]], subscription_id: str) -> list[dict[str, Any]]:
    response = client.get(f"{WEBHOOKS}/{subscription_id}/deliveries", params={"limit": 200}, headers=keys["editor"])
    assert response.status_code == 200, response.text
    items: list[dict[str, Any]] = response.json()["items"]
    return items


def attempts(client: TestClient, keys: dict[str, dict[str, str]], subscription_id: str) -> list[dict[str, Any]]:
    response = client.get(f"{WEBHOOKS}/{subscription_id}/attempts", params={"limit": 200}, headers=keys["editor"])
    assert response.status_code == 200, response.text
    items: list[dict[str, Any]] = response.json()["items"]
    return items


def deliver_until(settings: Settings, done: Callable[[], bool], *, what: str) -> None:
    """Run an in-process worker pass after pass until `done`, for at most WAIT_SECONDS."""
    database = open_database(settings.database_url)
    worker = DeliveryWorker(database, settings, concurrency=4)
    deadline = time.monotonic() + WAIT_SECONDS
    try:
        while not done():
            assert time.monotonic() < deadline, f"gave up waiting for {what}"
            worker.run(once=True)
            time.sleep(0.02)
    finally:
        database.dispose()


def deliver_once(settings: Settings) -> None:
    """One in-process worker run, until nothing is due."""
    database = open_database(settings.database_url)
    try:
        DeliveryWorker(database, settings).run(once=True)
    finally:
        database.dispose()


def wait_for(done: Callable[[], bool], *, what: str) -> None:
    deadline = time.monotonic() + WAIT_SECONDS
    while not done():
        assert time.monotonic() < deadline, f"gave up waiting for {what}"
        time.sleep(0.05)


def update_id_of(received: Received) -> str:
    """The update an update.* event is about (the payload may be the whole update or a reference to it)."""
    data = received.payload["data"]
    return str(data.get("update_id") or data["id"])


def post_updates(factory: Factory, count: int) -> list[str]:
    """`count` handovers on a new agreement; returns the update ids."""
    agreement = factory.agreement()
    recipient = agreement["parties"][0]["id"]
    return [factory.update(agreement["id"], [line(None, recipient, 10 + n)])["id"] for n in range(count)]


@contextmanager
def worker_processes(
    settings: Settings, *, count: int = 1, concurrency: int = 2, lease_seconds: float | None = None
) -> Iterator[list[subprocess.Popen[bytes]]]:
    """`count` processes of `exchange-ledger worker`, stopped (unless already killed) at the end."""
    env = {**os.environ, "DATABASE_URL": settings.database_url, "LOG_LEVEL": "info"}
    env.update({name.upper(): str(value) for name, value in FAST.items()})
    if lease_seconds is not None:
        env["WEBHOOK_LEASE_SECONDS"] = str(lease_seconds)
    logs = [Path(tempfile.mkstemp(prefix="webhook-worker-", suffix=".log")[1]) for _ in range(count)]
    processes = []
    for log in logs:
        with log.open("wb") as output:
            processes.append(
                subprocess.Popen(
                    [sys.executable, "-m", "app.cli", "worker", "--concurrency", str(concurrency)],
                    env=env,
                    stdout=output,
                    stderr=subprocess.STDOUT,
                )
            )
    try:
        yield processes
    finally:
        for process in processes:
            if process.poll() is None:
                process.send_signal(signal.SIGTERM)
        for process in processes:
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
        for log in logs:
            log.unlink(missing_ok=True)


def test_a_delivery_is_signed_and_verified_by_the_receiver(
    client: TestClient, keys: dict[str, dict[str, str]], factory: Factory, settings: Settings, receiver: Receiver
) -> None:
    subscription = subscribe(client, keys, receiver.url, ["update.created"])
    receiver.secret = subscription["secret"]
    istanbul = factory.istanbul()
    update = factory.update(istanbul.agreement_id, [line(istanbul.remains, istanbul.ukraine, 307)])

    deliver_until(settings, lambda: len(receiver.received) == 1, what="one delivery")

    got = receiver.received[0]
    assert receiver.rejected == []
    assert got.payload["type"] == "update.created"
    assert update_id_of(got) == update["id"]
    assert got.payload["data"]["agreement_id"] == istanbul.agreement_id
    [delivery] = deliveries(client, keys, subscription["id"])
    assert delivery["event_id"] == got.webhook_id
    assert delivery["state"] == "delivered" and delivery["attempts"] == 1
    [attempt] = attempts(client, keys, subscription["id"])
    assert attempt["outcome"] == "succeeded" and attempt["status_code"] == 204
    assert attempt["duration_ms"] is not None and attempt["event_id"] == got.webhook_id


def test_a_receiver_with_another_secret_rejects_the_delivery(
    client: TestClient, keys: dict[str, dict[str, str]], factory: Factory, settings: Settings, receiver: Receiver
) -> None:
    subscription = subscribe(client, keys, receiver.url, ["agreement.created"])
    receiver.secret = subscribe(client, keys, "https://hooks.example.org/other", ["agreement.created"])["secret"]
    factory.agreement()

    deliver_until(settings, lambda: len(receiver.rejected) >= 1, what="a rejected signature")

    assert receiver.received == []
    [delivery] = deliveries(client, keys, subscription["id"])
    assert delivery["state"] == "pending" and delivery["last_status_code"] == 400


def test_changes_become_events_with_the_catalogue_types(
    client: TestClient, keys: dict[str, dict[str, str]], factory: Factory, settings: Settings, receiver: Receiver
) -> None:
    everything = [
        "update.created",
        "update.reviewed",
        "update.corrected",
        "commitment.state_changed",
        "agreement.created",
        "agreement.updated",
    ]
    receiver.secret = subscribe(client, keys, receiver.url, everything)["secret"]
    istanbul = factory.istanbul()
    factory.update(istanbul.agreement_id, [line(istanbul.remains, istanbul.ukraine, 6000)], occurred_on="2025-06-11")
    factory.update(istanbul.agreement_id, [line(istanbul.remains, istanbul.russia, 6000)], occurred_on="2025-06-12")
    patched = client.patch(
        f"/api/v1/agreements/{istanbul.agreement_id}", json={"venue": "Ciragan Palace"}, headers=keys["editor"]
    )
    assert patched.status_code == 200, patched.text

    def types() -> list[str]:
        return [r.payload["type"] for r in receiver.received]

    deliver_until(settings, lambda: len(receiver.received) >= 6, what="six events")

    assert Counter(types()) == Counter(
        {"agreement.created": 1, "update.created": 2, "commitment.state_changed": 2, "agreement.updated": 1}
    )
    changes = [
        (r.payload["data"]["commitment_id"], r.payload["data"]["previous_state"], r.payload["data"]["state"])
        for r in sorted(receiver.received, key=lambda r: r.webhook_id)
        if r.payload["type"] == "commitment.state_changed"
    ]
    assert changes == [
        (istanbul.remains, "not_started", "in_progress"),
        (istanbul.remains, "in_progress", "fulfilled"),
    ]
    created = next(r for r in receiver.received if r.payload["type"] == "agreement.created")
    assert created.payload["data"]["agreement_id"] == istanbul.agreement_id
    assert len(receiver.ids()) == 6


def test_an_import_is_one_summarising_event_and_each_term_it_moves_is_announced(
    client: TestClient, keys: dict[str, dict[str, str]], factory: Factory, settings: Settings, receiver: Receiver
) -> None:
    istanbul = factory.istanbul()
    subscription = subscribe(
        client, keys, receiver.url, ["update.created", "updates.imported", "commitment.state_changed"]
    )
    receiver.secret = subscription["secret"]
    header = "update_id,agreement_id,occurred_on,source_publisher,commitment_id,recipient_id,quantity"
    source = "Coordination Headquarters"
    rows = [
        f"stage-1,{istanbul.agreement_id},2025-06-11,{source},{istanbul.remains},{istanbul.ukraine},6000",
        f"stage-1,{istanbul.agreement_id},2025-06-11,{source},{istanbul.remains},{istanbul.russia},6000",
        f"stage-2,{istanbul.agreement_id},2025-06-12,{source},{istanbul.wounded},{istanbul.russia},12",
    ]
    imported = client.post(
        "/api/v1/imports",
        content="\n".join([header, *rows]).encode(),
        headers={**keys["monitor"], "Content-Type": "text/csv"},
    )
    assert imported.status_code == 201, imported.text

    deliver_until(settings, lambda: len(receiver.received) >= 3, what="the import's events")

    assert len(deliveries(client, keys, subscription["id"])) == 3  # no update.created for imported updates
    by_type = {r.payload["type"]: r.payload["data"] for r in receiver.received}
    assert sorted(by_type) == ["commitment.state_changed", "updates.imported"]
    assert by_type["updates.imported"] == {
        "updates": 2,
        "lines": 3,
        "key_id": key_id_of(keys["monitor"]["Authorization"].removeprefix("Bearer ")),
        "agreements": [{"agreement_id": istanbul.agreement_id, "updates": 2, "lines": 3}],
    }
    changes = sorted(
        (r.payload["data"]["commitment_id"], r.payload["data"]["previous_state"], r.payload["data"]["state"])
        for r in receiver.received
        if r.payload["type"] == "commitment.state_changed"
    )
    assert changes == sorted(
        [(istanbul.remains, "not_started", "fulfilled"), (istanbul.wounded, "not_started", "in_progress")]
    )


def test_receiver_down_then_up_gets_every_event_exactly_once(
    client: TestClient, keys: dict[str, dict[str, str]], factory: Factory, settings: Settings
) -> None:
    # Enough attempts that a slow machine cannot run out of them while the receiver is down.
    settings = settings.model_copy(update={"webhook_max_attempts": 100})
    down = Receiver(port=free_port())
    subscription = subscribe(client, keys, down.url, ["update.created"])
    down.secret = subscription["secret"]
    update_ids = post_updates(factory, 3)

    def every_delivery_failed_twice() -> bool:
        return all(d["attempts"] >= 2 for d in deliveries(client, keys, subscription["id"]) or [{"attempts": 0}])

    deliver_until(settings, every_delivery_failed_twice, what="failed attempts while the receiver is down")
    failed = attempts(client, keys, subscription["id"])
    assert failed and all(a["outcome"] == "failed" and a["status_code"] is None and a["error"] for a in failed)

    with down.running() as up:
        deliver_until(settings, lambda: len(up.ids()) == 3, what="every event once the receiver is up")

    assert sorted(update_id_of(r) for r in up.received) == sorted(update_ids)
    assert set(up.ids().values()) == {1}  # exactly once per webhook id
    assert {d["state"] for d in deliveries(client, keys, subscription["id"])} == {"delivered"}


def test_retries_back_off_then_the_delivery_is_dead_and_a_replay_delivers_it(
    client: TestClient, keys: dict[str, dict[str, str]], factory: Factory, settings: Settings, receiver: Receiver
) -> None:
    settings = settings.model_copy(update={"webhook_max_attempts": 3})
    subscription = subscribe(client, keys, receiver.url, ["agreement.created"])
    receiver.secret, receiver.status = subscription["secret"], 503
    factory.agreement()

    def dead() -> list[dict[str, Any]]:
        return [d for d in deliveries(client, keys, subscription["id"]) if d["state"] == "dead"]

    deliver_until(settings, lambda: bool(dead()), what="a dead delivery")
    [delivery] = dead()
    assert delivery["attempts"] == 3 and delivery["last_status_code"] == 503 and delivery["next_attempt_at"] is None
    tried = attempts(client, keys, subscription["id"])
    assert [a["number"] for a in tried] == [3, 2, 1]
    assert {(a["outcome"], a["status_code"]) for a in tried} == {("failed", 503)}
    assert receiver.ids() == Counter({delivery["event_id"]: 3})
    assert len({r.body for r in receiver.received}) == 1  # every retry carries the same body

    path = f"{WEBHOOKS}/{subscription['id']}/deliveries/{delivery['id']}/replay"
    assert client.post(path, headers=keys["monitor"]).status_code == 403
    receiver.status = 200
    replayed = client.post(path, headers=keys["editor"])
    assert replayed.status_code == 202, replayed.text
    assert replayed.json()["state"] == "pending" and replayed.json()["attempts"] == 0

    deliver_until(settings, lambda: receiver.ids()[delivery["event_id"]] == 4, what="the replayed delivery")
    [after] = deliveries(client, keys, subscription["id"])
    assert after["state"] == "delivered" and after["event_id"] == delivery["event_id"]
    assert client.post(path, headers=keys["editor"]).status_code == 409  # only a dead delivery is replayed


def test_a_paused_subscription_keeps_its_deliveries_until_resumed(
    client: TestClient, keys: dict[str, dict[str, str]], factory: Factory, settings: Settings, receiver: Receiver
) -> None:
    subscription = subscribe(client, keys, receiver.url, ["update.created"])
    receiver.secret = subscription["secret"]
    path = f"{WEBHOOKS}/{subscription['id']}"
    assert client.patch(path, json={"active": False}, headers=keys["editor"]).status_code == 200
    update_ids = post_updates(factory, 2)

    deliver_once(settings)
    held = deliveries(client, keys, subscription["id"])
    assert receiver.received == []
    assert [(d["state"], d["attempts"]) for d in held] == [("pending", 0), ("pending", 0)]

    assert client.patch(path, json={"active": True}, headers=keys["editor"]).status_code == 200
    deliver_until(settings, lambda: len(receiver.received) == 2, what="the deliveries held during the pause")
    assert sorted(update_id_of(r) for r in receiver.received) == sorted(update_ids)


def test_the_backlog_counts_what_is_still_to_send(
    client: TestClient, keys: dict[str, dict[str, str]], factory: Factory, settings: Settings
) -> None:
    subscribe(client, keys, "http://127.0.0.1:9/nobody-listens", ["update.created"])
    post_updates(factory, 2)
    database = open_database(settings.database_url)

    def measured() -> Any:
        with Session(database.engine) as session:
            return backlog(session)

    try:
        waiting = measured()
        assert waiting.events_waiting >= 2 and waiting.deliveries_pending == 0
        deliver_until(settings, lambda: measured().events_waiting == 0, what="fan-out")
        assert measured().deliveries_pending == 2
        assert measured().oldest_pending_at is not None
    finally:
        database.dispose()


@pytest.mark.slow
def test_a_worker_killed_mid_delivery_loses_nothing_once_another_runs(
    client: TestClient, keys: dict[str, dict[str, str]], factory: Factory, settings: Settings, receiver: Receiver
) -> None:
    subscription = subscribe(client, keys, receiver.url, ["update.created"])
    receiver.secret, receiver.hold_first = subscription["secret"], True
    update_ids = post_updates(factory, 5)

    # A short lease, so the killed worker's claim expires quickly.
    with worker_processes(settings, concurrency=1, lease_seconds=2.0) as [doomed]:
        assert receiver.arrived.wait(WAIT_SECONDS), "the first delivery never reached the receiver"
        doomed.send_signal(signal.SIGKILL)
        doomed.wait(timeout=10)
    receiver.release.set()
    held = receiver.received[0].webhook_id

    with worker_processes(settings, lease_seconds=2.0):
        wait_for(lambda: len(receiver.ids()) == 5, what="every event after the restart")
        wait_for(
            lambda: {d["state"] for d in deliveries(client, keys, subscription["id"])} == {"delivered"},
            what="every delivery recorded as delivered",
        )

    assert {update_id_of(r) for r in receiver.received} == set(update_ids)
    # The killed attempt may have reached the receiver: then it is sent again under the same webhook-id.
    bodies_by_id: dict[str, set[bytes]] = {}
    for got in receiver.received:
        bodies_by_id.setdefault(got.webhook_id, set()).add(got.body)
    assert all(len(bodies) == 1 for bodies in bodies_by_id.values())
    outcomes = {(a["event_id"], a["outcome"]) for a in attempts(client, keys, subscription["id"])}
    assert (held, "abandoned") in outcomes and (held, "succeeded") in outcomes


@pytest.mark.slow
def test_two_workers_deliver_each_event_once(
    client: TestClient, keys: dict[str, dict[str, str]], factory: Factory, settings: Settings, receiver: Receiver
) -> None:
    subscription = subscribe(client, keys, receiver.url, ["update.created"])
    receiver.secret = subscription["secret"]
    update_ids = post_updates(factory, 20)

    with worker_processes(settings, count=2):
        wait_for(lambda: len(receiver.ids()) == 20, what="every event")
        wait_for(
            lambda: {d["state"] for d in deliveries(client, keys, subscription["id"])} == {"delivered"},
            what="every delivery recorded as delivered",
        )

    assert {update_id_of(r) for r in receiver.received} == set(update_ids)
    assert set(receiver.ids().values()) == {1}, "an event reached the receiver twice"
    assert receiver.rejected == []
    assert all(a["outcome"] == "succeeded" for a in attempts(client, keys, subscription["id"]))


def test_event_bodies_are_json_with_type_timestamp_and_data(
    client: TestClient, keys: dict[str, dict[str, str]], factory: Factory, settings: Settings, receiver: Receiver
) -> None:
    receiver.secret = subscribe(client, keys, receiver.url, ["agreement.created"])["secret"]
    agreement = factory.agreement()

    deliver_until(settings, lambda: len(receiver.received) == 1, what="one delivery")

    body = orjson.loads(receiver.received[0].body)
    assert set(body) == {"type", "timestamp", "data"}
    assert body["data"]["agreement_id"] == agreement["id"] and body["data"]["title"] == agreement["title"]
    assert body["timestamp"].endswith("Z")


def test_prune_forgets_what_was_delivered_and_keeps_dead_deliveries(
    client: TestClient, keys: dict[str, dict[str, str]], factory: Factory, settings: Settings, receiver: Receiver
) -> None:
    from datetime import UTC, datetime, timedelta

    from app.webhooks.service import prune

    settings = settings.model_copy(update={"webhook_max_attempts": 1})
    delivered = subscribe(client, keys, receiver.url, ["update.created"])
    receiver.secret = delivered["secret"]
    failing = subscribe(client, keys, "http://127.0.0.1:9/nobody-listens", ["update.created"])
    post_updates(factory, 2)
    deliver_until(
        settings,
        lambda: {d["state"] for d in deliveries(client, keys, failing["id"])} == {"dead"} and len(receiver.ids()) == 2,
        what="two delivered and two dead",
    )

    database = open_database(settings.database_url)
    try:
        with Session(database.write_engine) as session:
            kept = prune(session, before=datetime.now(UTC) - timedelta(days=1))
            session.commit()
        with Session(database.write_engine) as session:
            pruned = prune(session, before=datetime.now(UTC) + timedelta(minutes=1))
            session.commit()
    finally:
        database.dispose()

    assert (kept.deliveries, kept.events) == (0, 0)
    assert pruned.deliveries == 2 and pruned.events >= 1  # agreement.created had no subscriber at all
    assert deliveries(client, keys, delivered["id"]) == []
    assert attempts(client, keys, delivered["id"]) == []
    assert [d["state"] for d in deliveries(client, keys, failing["id"])] == ["dead", "dead"]


def test_the_command_line_reports_the_backlog_and_refuses_a_lease_shorter_than_the_timeout(tmp_path: Path) -> None:
    from app.core.migrations import upgrade

    url = f"sqlite:///{tmp_path / 'cli.db'}"
    upgrade(url)
    env = {**os.environ, "DATABASE_URL": url}

    def run(*args: str, **extra: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "app.cli", *args],
            env={**env, **extra},
            capture_output=True,
            text=True,
            timeout=60,
            check=False,
        )

    backlog_out = run("webhooks", "backlog")
    refused = run("worker", "--once", WEBHOOK_LEASE_SECONDS="5", WEBHOOK_TIMEOUT_SECONDS="10")

    assert backlog_out.returncode == 0, backlog_out.stderr
    assert "events waiting: 0" in backlog_out.stdout and "deliveries dead: 0" in backlog_out.stdout
    assert refused.returncode == 2 and "WEBHOOK_LEASE_SECONDS" in refused.stderr


def test_a_receiver_that_hangs_does_not_hold_up_deliveries_to_others(
    client: TestClient, keys: dict[str, dict[str, str]], factory: Factory, settings: Settings, receiver: Receiver
) -> None:
    # A timeout far longer than the test waits: a worker stuck behind the hanging receiver would fail it.
    settings = settings.model_copy(update={"webhook_timeout_seconds": 120.0, "webhook_lease_seconds": 180.0})
    hanging = subscribe(client, keys, receiver.url, ["agreement.created"])
    receiver.secret, receiver.hold_first = hanging["secret"], True
    with Receiver(port=free_port()).running() as prompt:
        prompt.secret = subscribe(client, keys, prompt.url, ["update.created"])["secret"]
        factory.agreement()
        database = open_database(settings.database_url)
        worker = DeliveryWorker(database, settings, concurrency=2)
        thread = threading.Thread(target=worker.run, daemon=True)
        thread.start()
        try:
            assert receiver.arrived.wait(WAIT_SECONDS), "the hanging receiver was never called"
            post_updates(factory, 4)
            wait_for(lambda: len(prompt.ids()) == 4, what="deliveries beside a hanging receiver")
        finally:
            worker.stopping.set()
            receiver.release.set()
            thread.join(timeout=WAIT_SECONDS)
            database.dispose()
    assert not thread.is_alive()


def test_a_rotated_secret_signs_from_then_on_and_nothing_is_lost_meanwhile(
    client: TestClient, keys: dict[str, dict[str, str]], factory: Factory, settings: Settings, receiver: Receiver
) -> None:
    settings = settings.model_copy(update={"webhook_max_attempts": 100})
    subscription = subscribe(client, keys, receiver.url, ["update.created"])
    old_secret = subscription["secret"]
    path = f"{WEBHOOKS}/{subscription['id']}/secret"

    assert client.post(path, headers=keys["monitor"]).status_code == 403
    rotated = client.post(path, headers=keys["editor"])
    assert rotated.status_code == 200, rotated.text
    new_secret = rotated.json()["secret"]
    assert new_secret.startswith("whsec_") and new_secret != old_secret
    assert new_secret not in client.get(f"{WEBHOOKS}/{subscription['id']}", headers=keys["editor"]).text

    receiver.secret = old_secret  # the receiver has not been told yet
    update_ids = post_updates(factory, 1)
    deliver_until(settings, lambda: len(receiver.rejected) >= 1, what="a signature the old secret refuses")
    receiver.secret = new_secret
    deliver_until(settings, lambda: len(receiver.received) == 1, what="delivery once the receiver has the new secret")

    assert [update_id_of(r) for r in receiver.received] == update_ids


def test_a_retried_update_with_the_same_idempotency_key_is_announced_once(
    client: TestClient, keys: dict[str, dict[str, str]], factory: Factory, settings: Settings, receiver: Receiver
) -> None:
    receiver.secret = subscribe(client, keys, receiver.url, ["update.created"])["secret"]
    agreement = factory.agreement()
    body = {
        "occurred_on": "2025-06-11",
        "source": {"publisher": "ICRC"},
        "lines": [{"commitment_id": None, "recipient_id": agreement["parties"][0]["id"], "quantity": 84}],
    }
    headers = {**keys["monitor"], "Idempotency-Key": "stage-4-retry"}
    first = client.post(f"/api/v1/agreements/{agreement['id']}/updates", json=body, headers=headers)
    again = client.post(f"/api/v1/agreements/{agreement['id']}/updates", json=body, headers=headers)
    assert first.status_code == 201 and again.status_code in (200, 201)
    assert again.json()["id"] == first.json()["id"]

    deliver_until(settings, lambda: len(receiver.received) >= 1, what="the update's event")
    deliver_once(settings)  # a second event, if there were one, would be sent in this pass

    assert [update_id_of(r) for r in receiver.received] == [first.json()["id"]]
