"""Expensive reads queue behind a bulkhead, and nothing waits on the database on the event loop."""

import asyncio
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import httpx
import psycopg
import pytest
from fastapi import FastAPI

from app.core.config import Settings
from app.main import create_app
from app.pages.router import PageCache
from app.status import past
from tests.factories import Factory


def _app(settings: Settings, **overrides: Any) -> FastAPI:
    return create_app(settings.model_copy(update={"rate_limit_per_address": 0, "rate_limit_per_key": 0, **overrides}))


def test_expensive_reads_beyond_the_bulkhead_get_503_with_retry_after_while_health_answers(
    factory: Factory, settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    agreement_id = factory.istanbul().agreement_id
    for name in ("timeline", "status_as_of"):
        monkeypatch.setattr(past, name, _slowed(getattr(past, name)))
    app = _app(settings, expensive_reads=1, expensive_read_wait_seconds=0.1)
    timeline = f"/api/v1/agreements/{agreement_id}/timeline"
    dated = f"/api/v1/agreements/{agreement_id}/status?as_of=2025-06-10"

    async def crowd() -> tuple[list[httpx.Response], httpx.Response, float]:
        async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://ledger") as http:
            reads = asyncio.gather(*(http.get(path) for path in (timeline, dated, timeline)))
            await asyncio.sleep(0.2)  # one read holds the only slot; the others have been turned away
            started = time.perf_counter()
            health = await http.get("/healthz")
            waited = time.perf_counter() - started
            return list(await reads), health, waited

    answers, health, waited = asyncio.run(crowd())

    assert sorted(a.status_code for a in answers) == [200, 503, 503]
    for busy in (a for a in answers if a.status_code == 503):
        assert busy.headers["retry-after"] == "1"
        assert busy.headers["content-type"] == "application/problem+json"
        assert busy.json()["type"].endswith("/busy")
    assert health.status_code == 200 and waited < 0.3


def _slowed(read: Any) -> Any:
    def slowly(*args: Any, **kwargs: Any) -> Any:
        time.sleep(0.6)
        return read(*args, **kwargs)

    return slowly


@contextmanager
def _locked(database_url: str, table: str) -> Iterator[threading.Event]:
    """Another session holds the table so no one may read it (as a migration or a VACUUM FULL would).

    It lets go when told, or after 3 s: a server that waits for it on its event loop stalls, not hangs.
    """
    unlock = threading.Event()
    locked = threading.Event()

    def hold() -> None:
        with psycopg.connect(database_url.replace("postgresql+psycopg://", "postgresql://")) as connection:
            connection.execute(f'LOCK TABLE "{table}" IN ACCESS EXCLUSIVE MODE')
            locked.set()
            unlock.wait(timeout=3)
            connection.rollback()

    holder = threading.Thread(target=hold)
    holder.start()
    locked.wait(timeout=10)
    try:
        yield unlock
    finally:
        unlock.set()
        holder.join()


@pytest.mark.parametrize(("table", "path"), [("api_key", "/api/v1/parties"), ("webhook_event", "/metrics")])
def test_a_locked_table_holds_up_only_the_requests_that_read_it(
    factory: Factory, settings: Settings, keys: dict[str, dict[str, str]], table: str, path: str
) -> None:
    if not settings.database_url.startswith("postgresql"):
        pytest.skip("SQLite readers never wait for a lock (WAL)")
    app = _app(settings)

    async def scenario(unlock: threading.Event) -> tuple[float, bool, int]:
        async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://ledger") as http:
            started = time.perf_counter()
            held = asyncio.create_task(http.get(path, headers=keys["reader"]))
            await asyncio.sleep(0.3)  # the held request now waits for the lock; a blocked loop oversleeps
            health = await http.get("/healthz")
            waited = time.perf_counter() - started - 0.3
            still_held = not held.done()
            unlock.set()
            assert health.status_code == 200
            return waited, still_held, (await held).status_code

    with _locked(settings.database_url, table) as unlock:
        waited, still_held, held_status = asyncio.run(scenario(unlock))

    assert waited < 0.2 and still_held
    assert held_status == 200


def test_concurrent_first_viewers_of_a_page_wait_for_one_render() -> None:
    cache = PageCache()
    renders = 0

    async def render() -> str:
        nonlocal renders
        renders += 1
        await asyncio.sleep(0.05)
        return "<p>rendered</p>"

    async def viewers() -> list[bytes | None]:
        return list(await asyncio.gather(*(cache.render_once("agr_1:p2", render) for _ in range(20))))

    pages = asyncio.run(viewers())

    assert pages == [b"<p>rendered</p>"] * 20
    assert renders == 1


def test_a_failed_render_leaves_the_next_viewer_to_render_it() -> None:
    cache = PageCache()
    attempts = 0

    async def render() -> str:
        nonlocal attempts
        attempts += 1
        await asyncio.sleep(0.01)
        if attempts == 1:
            raise RuntimeError("the database went away")
        return "<p>rendered</p>"

    async def viewers() -> list[Any]:
        return list(
            await asyncio.gather(*(cache.render_once("agr_1:p2", render) for _ in range(3)), return_exceptions=True)
        )

    pages = asyncio.run(viewers())

    assert isinstance(pages[0], RuntimeError)
    assert pages[1:] == [b"<p>rendered</p>"] * 2
    assert attempts == 2


def test_scrapes_of_a_locked_backlog_take_one_thread_and_answer_without_it(
    factory: Factory, settings: Settings, keys: dict[str, dict[str, str]]
) -> None:
    if not settings.database_url.startswith("postgresql"):
        pytest.skip("SQLite readers never wait for a lock (WAL)")
    app = _app(settings)
    app.state.metrics.backlog_wait_seconds = 0.2
    scrapes = 60  # more than the worker threads there are: each waiting in a thread of its own would take them all

    async def scenario(unlock: threading.Event) -> tuple[list[httpx.Response], httpx.Response, bool]:
        async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://ledger") as http:
            started = time.perf_counter()
            answers = await asyncio.gather(*(http.get("/metrics") for _ in range(scrapes)))
            # A read that needs a worker thread still finds one while the backlog's table stays locked
            # (the lock lets go by itself after 3 s: answering sooner means nothing waited for it).
            parties = await http.get("/api/v1/parties", headers=keys["reader"])
            held_throughout = time.perf_counter() - started < 2.5
            unlock.set()
            return list(answers), parties, held_throughout

    with _locked(settings.database_url, "webhook_event") as unlock:
        answers, parties, held_throughout = asyncio.run(scenario(unlock))

    assert held_throughout
    assert [a.status_code for a in answers] == [200] * scrapes
    assert all("exchange_ledger_webhook_backlog_read 0.0" in a.text for a in answers)
    assert all("exchange_ledger_webhook_deliveries_pending" not in a.text for a in answers)
    assert all("exchange_ledger_db_pool_size" in a.text for a in answers)
    assert parties.status_code == 200
