"""Group commit: writes queued together commit as one batch, and a refused one never takes its batch-mates down."""

import asyncio
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from functools import partial
from typing import Any

from fastapi.testclient import TestClient
from sqlalchemy import func, select
from sqlmodel import Session, col

from app.audit.models import AuditEntry
from app.audit.service import verify_chain
from app.core.config import Settings
from app.core.errors import InvalidInput
from app.core.writer import Batch, GroupWriter
from app.database import open_database
from app.keys.models import Role
from app.keys.service import Caller, create_key
from app.main import create_app
from app.status.policy import StatusPolicy
from app.updates import service
from app.updates.models import UpdateCreate
from tests.factories import SOURCE, Factory, line, recipient

MONITOR = Caller(key_id=None, role=Role.monitor)
POLICY = StatusPolicy.from_settings(Settings())


def _body(lines: list[dict[str, Any]]) -> UpdateCreate:
    return UpdateCreate.model_validate({"occurred_on": "2025-06-11", "source": SOURCE, "lines": lines})


def _holding(started: threading.Event, released: threading.Event) -> Any:
    """A write that keeps the writer busy until released, so that the next writes queue behind it."""

    def hold(session: Session) -> None:
        started.set()
        released.wait(timeout=30)

    return hold


def _hold_writer(client: TestClient) -> tuple[threading.Event, threading.Thread]:
    """Keep the app's writer busy with one write until the event is set; the thread ends with that write."""
    writer: GroupWriter = client.app.state.writer  # type: ignore[attr-defined]
    started, released = threading.Event(), threading.Event()
    hold = partial(writer.submit, _holding(started, released), actor=MONITOR, order="0")
    portal = client.portal
    assert portal is not None
    holding = threading.Thread(target=lambda: portal.call(hold))
    holding.start()
    assert started.wait(10)  # the writer is busy with it: nothing else is queued ahead of the next writes
    return released, holding


def _audit_entries(session: Session) -> int:
    return int(session.execute(select(func.count()).select_from(AuditEntry)).scalar_one())


def test_a_refused_write_in_a_batch_changes_nothing_and_its_batch_mates_commit_in_one_chain(
    factory: Factory, settings: Settings
) -> None:
    deal = factory.istanbul()
    database = open_database(settings.database_url)
    batches: list[int] = []
    ran_in: list[int] = []

    def begin(session: Session, batch: Batch) -> None:
        batches.append(len(batch.orders))
        service.prepare_batch(session, batch)

    writer = GroupWriter(database, begin=begin, finish=service.finish_batch)
    released = threading.Event()

    def record(quantity: int, recipient_id: str) -> Any:
        body = _body([line(deal.remains, recipient_id, quantity)])

        def work(session: Session) -> Any:
            ran_in.append(len(batches))
            return service.record_update(
                session,
                agreement_id=deal.agreement_id,
                update_in=body,
                caller=MONITOR,
                idempotency_key=None,
                policy=POLICY,
            )

        return work

    def held(session: Session) -> None:
        released.wait(timeout=30)  # keeps the writer busy while the next batch queues behind it

    async def post_together() -> list[Any]:
        first = asyncio.ensure_future(writer.submit(held, actor=MONITOR, order="0"))
        await asyncio.sleep(0.2)
        queued = [
            writer.submit(record(100, deal.ukraine), actor=MONITOR, order=deal.agreement_id),
            writer.submit(record(7, deal.turkiye), actor=MONITOR, order=deal.agreement_id),  # not bound: refused
            writer.submit(record(200, deal.russia), actor=MONITOR, order=deal.agreement_id),
            writer.submit(record(300, deal.ukraine), actor=MONITOR, order=deal.agreement_id),
        ]
        tasks = [asyncio.ensure_future(job) for job in queued]
        await asyncio.sleep(0.2)
        released.set()
        await first
        return await asyncio.gather(*tasks, return_exceptions=True)

    with database.session() as session:
        entries_before = _audit_entries(session)
    try:
        outcomes = asyncio.run(post_together())
    finally:
        writer.close()

    # One batch: run together until the refused one, rolled back, then run again each in a savepoint.
    assert ran_in == [2, 2, 3, 3, 3, 3], "the four queued writes were not committed as one batch"
    assert isinstance(outcomes[1], InvalidInput)
    recorded = [outcome for outcome in outcomes if not isinstance(outcome, BaseException)]
    assert len(recorded) == 3
    with database.session() as session:
        # The update and its line, for each of the three recorded: nothing of the refused one.
        assert _audit_entries(session) == entries_before + 3 * 2
        created = session.execute(
            select(col(AuditEntry.entity_id)).where(col(AuditEntry.entity_type) == "fulfilment_update")
        ).scalars()
        assert set(created) == {outcome.update.id for outcome in recorded}
    with database.session() as session:
        assert verify_chain(session).ok
    database.dispose()

    status = factory.status(deal.agreement_id)
    assert recipient(status, deal.remains, deal.ukraine)["received"] == 400
    assert recipient(status, deal.remains, deal.russia)["received"] == 200


def test_a_burst_of_posts_waits_in_the_writers_queue_not_at_the_write_gate_and_commits_as_one_batch(
    settings: Settings, keys: dict[str, dict[str, str]]
) -> None:
    # A pool of two would let two writes at a time through the gate, which bounds writes holding a thread.
    app = create_app(settings.model_copy(update={"db_pool_size": 2}))
    with TestClient(app) as client:
        deal = Factory(client, keys).istanbul()
        writer: GroupWriter = app.state.writer
        released, holding = _hold_writer(client)

        def post(quantity: int) -> int:
            body = {
                "occurred_on": "2025-06-11",
                "source": SOURCE,
                "lines": [line(deal.remains, deal.ukraine, quantity)],
            }
            path = f"/api/v1/agreements/{deal.agreement_id}/updates"
            answer: int = client.post(path, json=body, headers=keys["monitor"]).status_code
            return answer

        with ThreadPoolExecutor(max_workers=8) as pool:
            answers = [pool.submit(post, n) for n in range(1, 9)]
            deadline = time.monotonic() + 10
            while writer._queue.qsize() < 8 and time.monotonic() < deadline:
                time.sleep(0.01)
            queued = writer._queue.qsize()
            released.set()
            assert [a.result() for a in answers] == [201] * 8
        holding.join()
        assert queued == 8, "the posts were held at the write gate instead of queueing for the writer"
        status = client.get(f"/api/v1/agreements/{deal.agreement_id}/status").json()
    assert recipient(status, deal.remains, deal.ukraine)["received"] == sum(range(1, 9))


def test_in_one_batch_a_retry_replays_the_first_answer_and_each_monitor_is_named_for_its_own_update(
    factory: Factory, keys: dict[str, dict[str, str]], settings: Settings
) -> None:
    deal = factory.istanbul()
    database = open_database(settings.database_url)
    with Session(database.write_engine) as session:
        other, token = create_key(session, name="second monitor", role=Role.monitor)
        other_id = other.id
        session.commit()
    database.dispose()
    second = {"Authorization": f"Bearer {token}"}
    client = factory.client
    writer: GroupWriter = client.app.state.writer  # type: ignore[attr-defined]
    released, holding = _hold_writer(client)
    path = f"/api/v1/agreements/{deal.agreement_id}/updates"

    def post(quantity: int, headers: dict[str, str]) -> Any:
        body = {"occurred_on": "2025-06-11", "source": SOURCE, "lines": [line(deal.remains, deal.ukraine, quantity)]}
        return client.post(path, json=body, headers=headers)

    retried = {**keys["monitor"], "Idempotency-Key": "stage-3-hq"}
    with ThreadPoolExecutor(max_workers=3) as pool:
        answers = [pool.submit(post, 500, retried), pool.submit(post, 500, retried), pool.submit(post, 70, second)]
        deadline = time.monotonic() + 10
        while writer._queue.qsize() < 3 and time.monotonic() < deadline:
            time.sleep(0.01)
        assert writer._queue.qsize() == 3
        released.set()
        first, again, theirs = (answer.result() for answer in answers)
    holding.join()

    assert {first.status_code, again.status_code, theirs.status_code} == {201}
    assert first.json()["id"] == again.json()["id"]
    assert [first.headers.get("Idempotent-Replayed"), again.headers.get("Idempotent-Replayed")].count("true") == 1
    assert recipient(factory.status(deal.agreement_id), deal.remains, deal.ukraine)["received"] == 570
    audit = client.get("/api/v1/audit", params={"entity_type": "fulfilment_update"}, headers=keys["admin"]).json()
    named = {entry["entity_id"]: entry["actor_key_id"] for entry in audit["items"]}
    assert named[theirs.json()["id"]] == other_id
    assert named[first.json()["id"]] == first.json()["created_by"] != other_id
