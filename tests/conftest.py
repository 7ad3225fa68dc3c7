"""Test harness: every API test runs on SQLite and on PostgreSQL, each in a database of its own."""

import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import psycopg
import pytest
from fastapi.testclient import TestClient
from sqlalchemy import text
from sqlmodel import Session

from app.audit.service import verify_chain
from app.core.config import Settings
from app.core.db import metadata
from app.core.migrations import upgrade
from app.database import open_database
from app.keys.models import Role
from app.keys.service import create_key
from app.main import create_app
from tests.factories import Factory

POSTGRES_ADMIN_URL = os.environ.get("TEST_POSTGRES_URL", "postgresql://postgres@127.0.0.1:5432/postgres")
IN_CI = os.environ.get("CI", "").lower() == "true"


def _worker() -> str:
    return os.environ.get("PYTEST_XDIST_WORKER", "main")


def postgres_available() -> bool:
    """Whether the PostgreSQL server for the tests answers."""
    try:
        with psycopg.connect(POSTGRES_ADMIN_URL, connect_timeout=3):
            return True
    except psycopg.OperationalError:
        return False


def require_postgres() -> None:
    """Skip a PostgreSQL test outside CI when the server is down; in CI, fail instead."""
    if not postgres_available():
        if IN_CI:
            pytest.fail(f"PostgreSQL is unreachable at {POSTGRES_ADMIN_URL}; CI never skips it.")
        pytest.skip("PostgreSQL is unreachable")


def create_postgres_database(label: str) -> str:
    """A new, empty PostgreSQL database; returns its SQLAlchemy URL."""
    name = f"el_test_{label}_{_worker()}_{uuid.uuid4().hex[:8]}"
    with psycopg.connect(POSTGRES_ADMIN_URL, autocommit=True) as connection:
        connection.execute(f'CREATE DATABASE "{name}"')
    base = POSTGRES_ADMIN_URL.rsplit("/", 1)[0].replace("postgresql://", "postgresql+psycopg://", 1)
    return f"{base}/{name}"


def drop_postgres_database(url: str) -> None:
    """Drop a database made by create_postgres_database."""
    name = url.rsplit("/", 1)[1]
    with psycopg.connect(POSTGRES_ADMIN_URL, autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture(scope="session", params=["sqlite", "postgresql"])
def database_url(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A migrated database of each kind, one per test worker."""
    if request.param == "sqlite":
        path: Path = tmp_path_factory.mktemp("sqlite") / "ledger.db"
        url = f"sqlite:///{path}"
        upgrade(url)
        yield url
        return
    require_postgres()
    url = create_postgres_database("api")
    upgrade(url)
    yield url
    drop_postgres_database(url)


def _empty_tables(url: str) -> None:
    database = open_database(url)
    with database.write_engine.begin() as connection:
        if database.is_sqlite:
            for table in reversed(metadata.sorted_tables):
                connection.execute(table.delete())
        else:
            names = ", ".join(f'"{t.name}"' for t in metadata.sorted_tables)
            connection.execute(text(f"TRUNCATE {names} RESTART IDENTITY CASCADE"))
    database.dispose()


@pytest.fixture
def settings(database_url: str) -> Settings:
    """Settings for an app on the test database, emptied before each test."""
    _empty_tables(database_url)
    return Settings(database_url=database_url, environment="test")


@pytest.fixture
def client(settings: Settings, request: pytest.FixtureRequest) -> Iterator[TestClient]:
    """An HTTP client driving the app in-process; afterwards, the audit chain of its writes must verify."""
    app = create_app(settings)
    with TestClient(app) as test_client:
        yield test_client
    if request.node.get_closest_marker("tampers_with_audit") is None:
        database = open_database(settings.database_url)
        with database.session() as session:
            verification = verify_chain(session)
        database.dispose()
        assert verification.ok, f"the audit chain broke during this test: {verification}"


@pytest.fixture
def keys(settings: Settings) -> dict[str, dict[str, str]]:
    """Authorization headers for a fresh key of each role."""
    database = open_database(settings.database_url)
    headers = {}
    with Session(database.write_engine) as session:
        for role in Role:
            _, token = create_key(session, name=f"test {role.value}", role=role)
            headers[role.value] = {"Authorization": f"Bearer {token}"}
        session.commit()
    database.dispose()
    return headers


@pytest.fixture
def factory(client: TestClient, keys: dict[str, dict[str, str]]) -> Factory:
    """Builds parties, agreements and updates through the API."""
    return Factory(client, keys)
