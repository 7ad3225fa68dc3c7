"""On PostgreSQL each server hears when a status document changes, so it answers polls without asking each time."""

import time
from collections.abc import Callable, Iterator

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import text

from app.core.config import Settings
from app.database import open_database
from app.main import create_app
from tests.factories import Factory, line, recipient


@pytest.fixture
def other_server(settings: Settings) -> Iterator[TestClient]:
    """A second server on the same database, as a second process or machine would be."""
    if settings.database_url.startswith("sqlite"):
        pytest.skip("SQLite has no notifications: each poll asks for the revision, which costs no round trip")
    with TestClient(create_app(settings)) as client:
        yield client


def _eventually(check: Callable[[], bool], seconds: float = 5.0) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if check():
            return True
        time.sleep(0.02)
    return check()


def _sql(settings: Settings, statement: str, **params: str) -> None:
    database = open_database(settings.database_url)
    with database.write_engine.begin() as connection:
        connection.execute(text(statement), params)
    database.dispose()


def test_a_handover_recorded_on_one_server_reaches_the_polls_of_another_within_a_moment(
    factory: Factory, other_server: TestClient
) -> None:
    ist = factory.istanbul()
    path = f"/api/v1/agreements/{ist.agreement_id}/status"
    assert _eventually(lambda: other_server.app.state.status_source.listening)  # type: ignore[attr-defined]
    for _ in range(3):  # rendered once, then answered from what it kept
        assert recipient(other_server.get(path).json(), ist.remains, ist.ukraine)["received"] == 0

    factory.update(ist.agreement_id, [line(ist.remains, ist.ukraine, 1212)])

    assert _eventually(lambda: recipient(other_server.get(path).json(), ist.remains, ist.ukraine)["received"] == 1212)
    # The server that recorded it answers with it at once: its own commit forgets what it kept.
    assert recipient(factory.status(ist.agreement_id), ist.remains, ist.ukraine)["received"] == 1212


def test_while_listening_a_kept_status_is_answered_without_a_query_until_its_document_changes(
    factory: Factory, other_server: TestClient, settings: Settings
) -> None:
    ist = factory.istanbul()
    path = f"/api/v1/agreements/{ist.agreement_id}/status"
    assert _eventually(lambda: other_server.app.state.status_source.listening)  # type: ignore[attr-defined]
    kept = other_server.get(path)
    # The document's revision moved with its notification switched off: a server that asked would see it.
    _sql(settings, "ALTER TABLE status_snapshot DISABLE TRIGGER status_snapshot_changed")
    try:
        _sql(
            settings,
            "UPDATE status_snapshot SET revision = revision + 100 WHERE agreement_id = :id",
            id=ist.agreement_id,
        )
    finally:
        _sql(settings, "ALTER TABLE status_snapshot ENABLE TRIGGER status_snapshot_changed")
    assert other_server.get(path).headers["ETag"] == kept.headers["ETag"]

    # Any change of the document is heard, and the next poll asks again.
    _sql(settings, "UPDATE status_snapshot SET revision = revision + 1 WHERE agreement_id = :id", id=ist.agreement_id)
    assert _eventually(lambda: other_server.get(path).headers["ETag"] != kept.headers["ETag"])
    assert other_server.get(path).json()["revision"] == kept.json()["revision"] + 101


def test_with_notifications_off_a_server_asks_at_each_poll(settings: Settings) -> None:
    if settings.database_url.startswith("sqlite"):
        pytest.skip("SQLite has no notifications: each poll asks for the revision, which costs no round trip")
    with TestClient(create_app(settings.model_copy(update={"status_notifications": False}))) as client:
        time.sleep(0.3)
        assert client.app.state.status_source.listening is False  # type: ignore[attr-defined]
