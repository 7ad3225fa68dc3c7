"""PostgreSQL cuts off the API's statements that run too long; the command line's long work is never cut off."""

import os
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager

import psycopg
import pytest
from fastapi.testclient import TestClient

from app.core.config import Settings
from app.main import create_app
from tests.factories import SOURCE, Factory, line, update_fast_path

LONGEST_HOLD = 10.0
STATEMENT_TIMEOUT = 0.2
GUARDED = {"db_statement_timeout_seconds": STATEMENT_TIMEOUT, "db_idle_in_transaction_timeout_seconds": 1.0}


@pytest.fixture
def postgres_settings(settings: Settings) -> Settings:
    """The test database's settings, PostgreSQL only."""
    if not settings.database_url.startswith("postgresql"):
        pytest.skip("statement and idle-transaction timeouts are PostgreSQL's")
    return settings


def _plain(database_url: str) -> str:
    return database_url.replace("postgresql+psycopg://", "postgresql://", 1)


@contextmanager
def agreements_locked(database_url: str, table: str = "agreement") -> Iterator[None]:
    """Another session holds the table exclusively, as a long migration would, until the block ends."""
    locked, released = threading.Event(), threading.Event()

    def hold() -> None:
        with psycopg.connect(_plain(database_url)) as connection:
            connection.execute(f"LOCK TABLE {table} IN ACCESS EXCLUSIVE MODE")
            locked.set()
            released.wait(LONGEST_HOLD)

    holder = threading.Thread(target=hold)
    holder.start()
    try:
        assert locked.wait(LONGEST_HOLD), "the lock was never taken"
        yield
    finally:
        released.set()
        holder.join()


def wait_for_a_session_waiting_on_a_lock(database_url: str) -> bool:
    """Whether some session of this database comes to wait on a lock within LONGEST_HOLD seconds."""
    deadline = time.monotonic() + LONGEST_HOLD
    with psycopg.connect(_plain(database_url), autocommit=True) as connection:
        while time.monotonic() < deadline:
            waiting = connection.execute(
                "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'"
            ).fetchone()
            if waiting and waiting[0]:
                return True
            time.sleep(0.05)
    return False


def test_a_read_stuck_past_the_statement_timeout_is_answered_busy(postgres_settings: Settings) -> None:
    app = create_app(postgres_settings.model_copy(update=GUARDED))
    with TestClient(app) as client, agreements_locked(postgres_settings.database_url):
        answer = client.get("/api/v1/agreements")

    assert answer.status_code == 503
    assert answer.headers["content-type"] == "application/problem+json"
    assert answer.headers["retry-after"] == "1"


def test_a_key_check_stuck_past_the_statement_timeout_is_answered_busy_and_the_next_one_passes(
    postgres_settings: Settings, keys: dict[str, dict[str, str]]
) -> None:
    app = create_app(postgres_settings.model_copy(update=GUARDED))
    with TestClient(app) as client:
        with agreements_locked(postgres_settings.database_url, table="api_key"):
            stuck = client.get("/api/v1/parties", headers=keys["reader"])
        after = client.get("/api/v1/parties", headers=keys["reader"])

    assert stuck.status_code == 503
    assert stuck.headers["content-type"] == "application/problem+json"
    assert stuck.headers["retry-after"] == "1"
    assert after.status_code == 200


def test_a_posted_update_stuck_past_the_statement_timeout_is_answered_busy_once_and_changes_nothing(
    postgres_settings: Settings, keys: dict[str, dict[str, str]]
) -> None:
    app = create_app(postgres_settings.model_copy(update=GUARDED))
    with TestClient(app) as client:
        factory = Factory(client, keys)
        ist = factory.istanbul()
        body = {"occurred_on": "2025-06-11", "source": SOURCE, "lines": [line(ist.remains, ist.ukraine, 5)]}
        answered = update_fast_path(client).answered
        with agreements_locked(postgres_settings.database_url):
            stuck = client.post(
                f"/api/v1/agreements/{ist.agreement_id}/updates",
                json=body,
                headers={**keys["monitor"], "Idempotency-Key": "stuck"},
            )
        # Answered where it was posted, from the app's handler: not handed on to be written a second time.
        assert update_fast_path(client).answered == answered + 1
        updates = client.get(f"/api/v1/agreements/{ist.agreement_id}/updates").json()["items"]
        retried = client.post(
            f"/api/v1/agreements/{ist.agreement_id}/updates",
            json=body,
            headers={**keys["monitor"], "Idempotency-Key": "stuck"},
        )

    assert stuck.status_code == 503, stuck.text
    assert stuck.headers["content-type"] == "application/problem+json"
    assert stuck.headers["retry-after"] == "1"
    assert updates == []
    assert retried.status_code == 201 and "idempotent-replayed" not in retried.headers


def test_the_command_line_waits_out_what_the_api_would_cut_off(postgres_settings: Settings) -> None:
    env = {
        **os.environ,
        "DATABASE_URL": postgres_settings.database_url,
        "DB_STATEMENT_TIMEOUT_SECONDS": str(STATEMENT_TIMEOUT),
    }
    with agreements_locked(postgres_settings.database_url):
        command = subprocess.Popen(
            [sys.executable, "-m", "app.cli", "totals", "check", "--repair"],
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )
        waited = wait_for_a_session_waiting_on_a_lock(postgres_settings.database_url)
        time.sleep(STATEMENT_TIMEOUT * 5)  # well past the API's statement timeout
    output, _ = command.communicate(timeout=120)

    assert waited, "the command never waited on the lock"
    assert command.returncode == 0, output
    assert "Totals match the updates." in output
