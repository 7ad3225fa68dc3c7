"""The write path's statements read by index on both databases, and one text serves every length of id list."""

import sqlite3
from typing import Any

import psycopg
import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select
from sqlalchemy.dialects import postgresql, sqlite

from app.audit import tree
from app.core.config import Settings
from app.core.db import larger_cache, one_of, table_of
from app.database import open_database
from app.main import create_app
from app.models.agreement import Commitment
from app.status.service import KEPT_BODIES
from app.updates.service import EARLIER_ANSWERS
from tests.factories import Factory

COMMITMENTS = table_of(Commitment)


def test_one_of_finds_exactly_the_listed_rows_whatever_the_lists_length(factory: Factory, settings: Settings) -> None:
    first, second = factory.istanbul(), factory.agreement()
    database = open_database(settings.database_url)
    by_agreement = select(COMMITMENTS.c.agreement_id).where(one_of(COMMITMENTS.c.agreement_id, "ids"))
    by_id = select(COMMITMENTS.c.id).where(one_of(COMMITMENTS.c.id, "ids"))
    try:
        with database.session() as session:

            def agreements(ids: list[str]) -> set[str]:
                return set(session.execute(by_agreement, {"ids": ids}).scalars())

            assert agreements([first.agreement_id]) == {first.agreement_id}
            assert agreements([first.agreement_id, second["id"], "agr_none"]) == {first.agreement_id}
            assert agreements([]) == set()
            # Another column under the same parameter name is another statement, not a cached one.
            assert set(session.execute(by_id, {"ids": [first.remains]}).scalars()) == {first.remains}
    finally:
        database.dispose()


def test_on_postgresql_every_length_of_list_is_one_sql_text() -> None:
    dialect = postgresql.dialect()  # type: ignore[no-untyped-call]
    texts = {str(EARLIER_ANSWERS.compile(dialect=dialect)), str(KEPT_BODIES.compile(dialect=dialect))}

    assert all("= ANY (" in text and "POSTCOMPILE" not in text for text in texts)


def _sqlite_plan(database_url: str, statement: Any) -> str:
    sql, params = (
        statement
        if isinstance(statement, tuple)
        else (str(statement.compile(dialect=sqlite.dialect(), compile_kwargs={"literal_binds": True})), ())
    )
    connection = sqlite3.connect(database_url.removeprefix("sqlite:///"))
    try:
        return " | ".join(row[-1] for row in connection.execute(f"EXPLAIN QUERY PLAN {sql}", params))
    finally:
        connection.close()


def test_the_batch_reads_search_indexes_not_whole_tables(settings: Settings) -> None:
    if not settings.database_url.startswith("sqlite"):
        pytest.skip("the plans read here are SQLite's; PostgreSQL plans = ANY on an index the same way")

    answers = _sqlite_plan(settings.database_url, EARLIER_ANSWERS.params(owner="key_1", keys=["a", "b"]))
    nodes = _sqlite_plan(settings.database_url, tree.nodes_sql({(0, 6), (0, 7), (1, 2), (3, 0)}, marker="?"))

    assert "SEARCH idempotency_record USING INDEX" in answers, answers
    assert "SCAN" not in nodes and "SEARCH audit_tree_node" in nodes, nodes


def test_a_key_is_read_again_after_its_connection_was_cut(factory: Factory, settings: Settings) -> None:
    if not settings.database_url.startswith("postgresql"):
        pytest.skip("on SQLite a key is read on the loop's own file connection")
    app = create_app(settings)
    plain = settings.database_url.replace("postgresql+psycopg://", "postgresql://", 1)
    with TestClient(app) as client:
        assert client.get("/api/v1/parties", headers=factory.keys["reader"]).status_code == 200
        with psycopg.connect(plain, autocommit=True) as admin:
            cut = admin.execute(
                "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity "
                "WHERE datname = current_database() AND pid <> pg_backend_pid() AND query LIKE 'SELECT secret_hash%'"
            ).fetchone()
        again = client.get("/api/v1/parties", headers=factory.keys["reader"])

    assert cut is not None and cut[0] >= 1
    assert again.status_code == 200


def test_a_bulk_load_has_a_larger_sqlite_cache_and_leaves_the_connection_as_it_was(settings: Settings) -> None:
    database = open_database(settings.database_url)
    try:
        with database.write_transaction() as session:
            connection = session.connection()
            if connection.dialect.name != "sqlite":
                with larger_cache(session, mebibytes=64):  # nothing to change, and nothing fails
                    assert connection.exec_driver_sql("SELECT 1").scalar_one() == 1
                return
            before = connection.exec_driver_sql("PRAGMA cache_size").scalar_one()
            with larger_cache(session, mebibytes=64):
                assert connection.exec_driver_sql("PRAGMA cache_size").scalar_one() == -64 * 1024
            assert connection.exec_driver_sql("PRAGMA cache_size").scalar_one() == before
            with pytest.raises(RuntimeError), larger_cache(session, mebibytes=64):
                raise RuntimeError("the load failed")
            assert connection.exec_driver_sql("PRAGMA cache_size").scalar_one() == before
    finally:
        database.dispose()
