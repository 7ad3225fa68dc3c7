"""Engines and the one-transaction-per-request session dependencies."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Annotated, Any

from fastapi import Depends, Request
from sqlalchemy import Engine, MetaData, create_engine, event
from sqlalchemy.pool import ConnectionPoolEntry
from sqlmodel import Session, SQLModel

# Stable constraint names so Alembic migrations read the same on SQLite and PostgreSQL.
SQLModel.metadata.naming_convention = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}
metadata: MetaData = SQLModel.metadata
# Where a write transaction keeps whom the audit log names: a caller, or the request whose key check names it.
AUDIT_ACTOR = "actor"


@dataclass
class Database:
    """The engines of one process: reads, and writes that take the write lock up front."""

    url: str
    engine: Engine
    write_engine: Engine
    # SQLite allows one writer; queueing writers here beats the driver's retry back-off.
    write_lock: threading.Lock | None = field(default=None)

    @property
    def is_sqlite(self) -> bool:
        return self.url.startswith("sqlite")

    def session(self, *, write: bool = False) -> Session:
        """A session on the write or read engine."""
        return Session(self.write_engine if write else self.engine, expire_on_commit=False)

    @contextmanager
    def write_transaction(self, *, actor: object | None = None) -> Iterator[Session]:
        """One write transaction, the only way anything writes: the SQLite write lock held throughout,
        committed when the block ends, rolled back if it raises; `actor` is whom the audit log names."""
        if self.write_lock is not None:
            self.write_lock.acquire()
        try:
            with self.session(write=True) as session:
                if actor is not None:
                    session.info[AUDIT_ACTOR] = actor
                try:
                    yield session
                    session.commit()
                except BaseException:
                    session.rollback()
                    raise
        finally:
            if self.write_lock is not None:
                self.write_lock.release()

    def dispose(self) -> None:
        self.engine.dispose()
        if self.write_engine is not self.engine:
            self.write_engine.dispose()


def _sqlite_engine(url: str, *, immediate: bool) -> Engine:
    engine = create_engine(url, connect_args={"check_same_thread": False, "timeout": 30})

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: ConnectionPoolEntry) -> None:
        # Let SQLAlchemy, not the driver, decide when a transaction begins.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.execute("PRAGMA busy_timeout=30000")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection: Any) -> None:
        # A write transaction takes the lock first, so it can never fail to upgrade later.
        connection.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")

    return engine


def make_database(url: str, *, pool_size: int = 10) -> Database:
    """Open the engines for a database URL; every session on them is audited."""
    from app.audit.service import install  # the audit log builds on the engines, not the reverse

    install()
    if url.startswith("sqlite"):
        return Database(
            url=url,
            engine=_sqlite_engine(url, immediate=False),
            write_engine=_sqlite_engine(url, immediate=True),
            write_lock=threading.Lock(),
        )
    engine = create_engine(url, pool_size=pool_size, max_overflow=pool_size, pool_pre_ping=True)
    return Database(url=url, engine=engine, write_engine=engine)


def get_database(request: Request) -> Database:
    """The database of the app serving this request."""
    database: Database = request.app.state.database
    return database


def get_session(database: Annotated[Database, Depends(get_database)]) -> Iterator[Session]:
    """A read session for one request."""
    with database.session() as session:
        yield session


def get_write_session(request: Request, database: Annotated[Database, Depends(get_database)]) -> Iterator[Session]:
    """One transaction for one request: committed when the route returns, rolled back if it raises."""
    # The audit log reads who is writing from the request once the route's key check has named them.
    with database.write_transaction(actor=request.state) as session:
        yield session


SessionDep = Annotated[Session, Depends(get_session)]
WriteSessionDep = Annotated[Session, Depends(get_write_session, scope="function")]
