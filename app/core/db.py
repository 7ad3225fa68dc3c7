"""Engines and the one-transaction-per-request session dependencies."""

from __future__ import annotations

import asyncio
import contextlib
import threading
import weakref
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Annotated, Any, TypeVar

from fastapi import Depends, Request
from sqlalchemy import (
    ARRAY,
    Boolean,
    CursorResult,
    Date,
    DateTime,
    Dialect,
    Engine,
    Executable,
    Insert,
    MetaData,
    Select,
    String,
    Table,
    any_,
    bindparam,
    create_engine,
    event,
    func,
    insert,
    make_url,
    select,
)
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.orm import Session as OrmSession
from sqlalchemy.pool import ConnectionPoolEntry
from sqlalchemy.sql.compiler import SQLCompiler
from sqlalchemy.sql.functions import FunctionElement
from sqlmodel import Session, SQLModel

from app.core.errors import Busy
from app.core.types import UTCDateTime

if TYPE_CHECKING:
    from app.core.config import Settings

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


@dataclass(frozen=True)
class SessionGuards:
    """What PostgreSQL cuts off on each connection: a statement running too long, a transaction left idle (0: never)."""

    statement_timeout_seconds: float = 0
    idle_in_transaction_timeout_seconds: float = 0

    @classmethod
    def from_settings(cls, settings: Settings) -> SessionGuards:
        """The guards the settings ask for."""
        return cls(
            statement_timeout_seconds=settings.db_statement_timeout_seconds,
            idle_in_transaction_timeout_seconds=settings.db_idle_in_transaction_timeout_seconds,
        )

    def startup_options(self) -> str:
        """The `options` a connection is opened with: one `-c name=milliseconds` per guard that is on."""
        limits = {
            "statement_timeout": self.statement_timeout_seconds,
            "idle_in_transaction_session_timeout": self.idle_in_transaction_timeout_seconds,
        }
        return " ".join(f"-c {name}={round(seconds * 1000)}" for name, seconds in limits.items() if seconds > 0)


# The API and the webhook worker pass guards; the CLI's import, totals repair and migrations may rightly run long.
UNGUARDED = SessionGuards()

T = TypeVar("T")


def table_of(model: type[SQLModel]) -> Table:
    """A model's table, for plain statements that skip the ORM's bookkeeping on hot paths."""
    table: Table = model.__table__  # type: ignore[attr-defined]
    return table


def count_of(session: Session, statement: Select[Any]) -> int:
    """How many rows a query selects, its order and limit aside."""
    counted = select(func.count()).select_from(statement.order_by(None).limit(None).subquery())
    return int(session.execute(counted).scalar_one())


@dataclass(frozen=True)
class _BulkInsert:
    sql: str
    keys: tuple[str, ...]
    positional: bool
    processors: tuple[tuple[int, Callable[[Any], Any]], ...]
    # Those of the processors whose values (days and moments) repeat down a bulk load: each distinct value
    # converted once a call.
    remembered: frozenset[int] = frozenset()


_BULK_INSERTS: dict[tuple[object, str, tuple[str, ...]], _BulkInsert | None] = {}


def _bulk_insert(statement: Insert, dialect: Dialect, keys: tuple[str, ...]) -> _BulkInsert | None:
    """The driver's SQL for `statement` with these keys and each column's conversion, compiled once; None if
    the statement binds more than the rows' values or returns anything (SQLAlchemy must run it)."""
    cache_key = (statement, dialect.name, keys)
    if cache_key in _BULK_INSERTS:
        return _BULK_INSERTS[cache_key]
    compiled = statement.compile(dialect=dialect, column_keys=list(keys), for_executemany=True)
    positional = bool(compiled.positional)
    order = tuple(compiled.positiontup or ()) if positional else tuple(compiled.binds)
    table = statement.table
    found: _BulkInsert | None = None
    if not compiled.returning and sorted(order) == sorted(keys) and isinstance(table, Table):
        processors = []
        remembered = set()
        for index, key in enumerate(order):
            column_type = table.c[key].type
            processor = column_type.dialect_impl(dialect).bind_processor(dialect)
            if processor is not None:
                processors.append((index, processor))
                if isinstance(column_type, Date | DateTime | UTCDateTime):
                    remembered.add(index)
        found = _BulkInsert(
            sql=compiled.string,
            keys=order,
            positional=positional,
            processors=tuple(processors),
            remembered=frozenset(remembered),
        )
    _BULK_INSERTS[cache_key] = found
    return found


def _driver_rows(plan: _BulkInsert, rows: list[tuple[Any, ...]]) -> list[Any]:
    if plan.processors:
        steps: list[tuple[int, Callable[[Any], Any], dict[Any, Any] | None]] = [
            (index, processor, {} if index in plan.remembered else None) for index, processor in plan.processors
        ]
        converted = []
        for row in rows:
            values = list(row)
            for index, processor, memo in steps:
                value = values[index]
                if memo is None:
                    values[index] = processor(value)
                elif value in memo:
                    values[index] = memo[value]
                else:
                    values[index] = memo[value] = processor(value)
            converted.append(tuple(values))
        rows = converted
    if plan.positional:
        return rows
    return [dict(zip(plan.keys, values, strict=True)) for values in rows]


def _insert_plainly(session: OrmSession, statement: Executable, rows: list[dict[str, Any]]) -> bool:
    """Insert rows of one set of keys with one driver call, past SQLAlchemy's per-row parameter handling (each
    value still passes its column's own conversion); False, having done nothing, where that cannot be done."""
    if not isinstance(statement, Insert) or not rows:
        return False
    keys = tuple(rows[0])
    if any(len(row) != len(keys) for row in rows):
        return False
    connection = session.connection()
    plan = _bulk_insert(statement, connection.dialect, keys)
    if plan is None:
        return False
    try:
        values = [tuple(row[key] for key in plan.keys) for row in rows]
    except KeyError:  # rows with other keys
        return False
    connection.exec_driver_sql(plan.sql, _driver_rows(plan, values))
    return True


def insert_now(session: OrmSession, statement: Insert, rows: list[dict[str, Any]]) -> None:
    """Run a plain INSERT of these rows now, by one driver call where the rows share their keys."""
    if rows and not _insert_plainly(session, statement, rows):
        core(session, statement, rows)


def core(session: OrmSession, statement: Executable, params: Any = None) -> CursorResult[Any]:
    """Run a plain Core statement on the session's connection, past the ORM's execution layer: for the write
    path's statements, built once at import, with the columns' own conversions and the engine's events."""
    return session.connection().execute(statement, params)


LATER = "inserts_later"
Returned = Callable[[list[Any]], None]
Merge = Callable[[list[dict[str, Any]]], list[dict[str, Any]]]
_MERGES: dict[Executable, Merge] = {}


def merged_when_deferred(statement: Executable, merge: Merge) -> None:
    """Say how the rows of `statement` gathered in a batch combine before they are written together (an upsert
    of deltas must not meet one row twice in one statement)."""
    _MERGES[statement] = merge


def defer_inserts(session: Session) -> None:
    """From now on in this transaction, `insert_later` gathers rows until `insert_deferred`: one statement per
    kind of row for a whole batch of writes, not one per write. Only where no savepoint can roll back part of
    the transaction: the gathered rows would not go with it."""
    session.info[LATER] = []


def insert_later(
    session: Session, statement: Executable, rows: list[dict[str, Any]], *, returned: Returned | None = None
) -> None:
    """Run an INSERT of these rows now or, once `defer_inserts` was called, at `insert_deferred` with the others
    of the same statement, in the order statements were first asked for; `returned` hears the values the
    statement returns for these rows, as soon as there are any."""
    pending: list[tuple[Executable, list[dict[str, Any]], Returned | None]] | None = session.info.get(LATER)
    if pending is None:
        result = core(session, statement, rows)
        if returned is not None:
            returned(list(result.scalars().all()))
        return
    pending.append((statement, rows, returned))


def insert_deferred(session: Session) -> None:
    """Write the rows `insert_later` gathered, and gather no more: one statement each, in the order first asked
    for."""
    insert_gathered(session)
    session.info.pop(LATER, None)


def insert_gathered(session: Session) -> None:
    """Write the rows gathered so far, and go on gathering: before a read that must see them."""
    pending: list[tuple[Executable, list[dict[str, Any]], Returned | None]] | None = session.info.get(LATER)
    if not pending:
        return
    session.info[LATER] = []
    by_statement: dict[Executable, list[tuple[list[dict[str, Any]], Returned | None]]] = {}
    for statement, rows, returned in pending:
        by_statement.setdefault(statement, []).append((rows, returned))
    for statement, entries in by_statement.items():
        rows = [row for group, _ in entries for row in group]
        merge = _MERGES.get(statement)
        rows = merge(rows) if merge is not None else rows
        wants_values = any(returned is not None for _, returned in entries)
        if not wants_values and _insert_plainly(session, statement, rows):
            continue
        result = core(session, statement, rows)
        if wants_values:
            values = list(result.scalars().all())
            start = 0
            for group, returned in entries:
                if returned is not None:
                    returned(values[start : start + len(group)])
                start += len(group)


@contextmanager
def larger_cache(session: Session, *, mebibytes: int) -> Iterator[None]:
    """On SQLite, a page cache of this size for the session's connection while a bulk load runs, so that the
    indexes it grows stay in memory (the default 2 MiB spills them to the log and reads them back), and the
    connection's own size again afterwards. Nothing on other databases."""
    connection = session.connection()
    if connection.dialect.name != "sqlite":
        yield
        return
    before = connection.exec_driver_sql("PRAGMA cache_size").scalar_one()
    connection.exec_driver_sql(f"PRAGMA cache_size=-{int(mebibytes) * 1024}")
    try:
        yield
    finally:
        connection.exec_driver_sql(f"PRAGMA cache_size={int(before)}")


def insert_rows(session: Session, table: Table, rows: list[tuple[Any, ...]], *, keys: tuple[str, ...]) -> None:
    """Insert many rows of `keys`' values with one driver call: for bulk loads, past the per-row work of
    SQLAlchemy's parameter handling; each value still passes the column type's own conversion."""
    if not rows:
        return
    connection = session.connection()
    plan = _bulk_insert(insert(table), connection.dialect, keys)
    if plan is None:
        raise ValueError(f"{keys} are not the columns of one plain insert into {table.name}")
    if plan.keys != keys:  # the dialect orders its parameters otherwise
        where = [keys.index(key) for key in plan.keys]
        rows = [tuple(row[i] for i in where) for row in rows]
    connection.exec_driver_sql(plan.sql, _driver_rows(plan, rows))


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


class DirectConnections:
    """One raw driver connection per thread, held for the thread's life: a read on the event loop costs no
    pool checkout, no session and no ORM (the status poll, the ledger's generation, an API key on SQLite)."""

    def __init__(self, database: Database) -> None:
        self.database = database
        self._local = threading.local()

    def _connection(self) -> Any:
        connection = getattr(self._local, "connection", None)
        if connection is None:
            self._local.pooled = self.database.engine.raw_connection()
            connection = self._local.pooled.driver_connection
            if not self.database.is_sqlite:
                connection.autocommit = True
            self._local.connection = connection
        return connection

    def call(self, read: Callable[[Any], T]) -> T:
        """`read` on this thread's connection, reconnecting once if the connection was lost."""
        try:
            return read(self._connection())
        except Exception:
            self.close()
            return read(self._connection())

    def first_row(self, sql: str, params: tuple[Any, ...] = ()) -> tuple[Any, ...] | None:
        """The first row of a query in the driver's own parameter style (None for none)."""

        def read(connection: Any) -> tuple[Any, ...] | None:
            cursor = connection.execute(sql, params) if params else connection.execute(sql)
            row = cursor.fetchone()
            cursor.close()
            return None if row is None else tuple(row)

        return self.call(read)

    def close(self) -> None:
        """Close this thread's connection, if any."""
        pooled = getattr(self._local, "pooled", None)
        self._local.connection = None
        self._local.pooled = None
        if pooled is not None:
            with contextlib.suppress(Exception):  # a broken connection may refuse to close
                pooled.invalidate()


class LoopReads:
    """On PostgreSQL, one asynchronous driver connection per event loop for the reads a request makes before it
    is routed (an API key): the read waits for the server without holding the loop or a worker thread.

    Reads on it run one at a time, each one row by primary key; a read kept waiting by a lock holds up only
    the reads behind it, and the guards' statement timeout ends it (503 busy). A lost connection is opened
    again once. On SQLite, reads are made on `DirectConnections` instead: a local file never waits.
    """

    def __init__(self, database: Database, *, guards: SessionGuards) -> None:
        self._database = database
        self._guards = guards
        self._connections: weakref.WeakKeyDictionary[asyncio.AbstractEventLoop, Any] = weakref.WeakKeyDictionary()

    async def _connection(self) -> Any:
        loop = asyncio.get_running_loop()
        connection = self._connections.get(loop)
        if connection is None or connection.closed:
            import psycopg  # only PostgreSQL servers read this way

            url = make_url(self._database.url)
            _, params = self._database.engine.dialect.create_connect_args(url)
            params.update(_guarded_connect_args(self._database.url, self._guards))
            connection = await psycopg.AsyncConnection.connect(**params, autocommit=True)
            self._connections[loop] = connection
        return connection

    async def first_row(self, sql: str, params: tuple[Any, ...]) -> tuple[Any, ...] | None:
        """The first row of a query in the driver's parameter style (None for none)."""
        import psycopg

        for attempt in (1, 2):
            connection = await self._connection()
            try:
                cursor = await connection.execute(sql, params)
                row = await cursor.fetchone()
                return None if row is None else tuple(row)
            except psycopg.errors.QueryCanceled as exc:
                raise Busy(
                    "The database took too long to answer; nothing was written. Retry shortly.", retry_after=1
                ) from exc
            except psycopg.OperationalError:
                await self._forget(connection)
                if attempt == 2:
                    raise
        raise AssertionError("unreachable")

    async def _forget(self, connection: Any) -> None:
        self._connections.pop(asyncio.get_running_loop(), None)
        with contextlib.suppress(Exception):
            await connection.close()

    async def close(self) -> None:
        """Close this loop's connection, if any."""
        connection = self._connections.pop(asyncio.get_running_loop(), None)
        if connection is not None:
            with contextlib.suppress(Exception):
                await connection.close()


UNICODE_LOWER = "unicode_lower"


def _unicode_lower(value: object) -> object:
    return value.lower() if isinstance(value, str) else value


class folded(FunctionElement[str]):
    """A text in lower case in every script, on SQLite as on PostgreSQL (whose lower() needs a UTF-8 LC_CTYPE,
    initdb's default on UTF-8 systems); compare it with `str.lower()` of what is looked for."""

    type = String()
    inherit_cache = True


@compiles(folded)
def _folded(element: folded, compiler: SQLCompiler, **kw: Any) -> str:
    return f"lower({compiler.process(element.clauses, **kw)})"


@compiles(folded, "sqlite")
def _folded_sqlite(element: folded, compiler: SQLCompiler, **kw: Any) -> str:
    return f"{UNICODE_LOWER}({compiler.process(element.clauses, **kw)})"


class one_of(FunctionElement[bool]):
    """`column IN :name`, the list given when the statement runs, in one SQL text whatever its length: an
    expanding list on SQLite, `column = ANY(:name)` (one array) on PostgreSQL, whose driver then parses and
    the server plans the statement once, not once per length of list."""

    type = Boolean()
    inherit_cache = True
    _is_implicitly_boolean = True  # a condition as it stands: no "= 1" after it where booleans are integers

    def __init__(self, column: Any, name: str) -> None:
        super().__init__(column, bindparam(name, expanding=True))


@compiles(one_of)
def _one_of(element: one_of, compiler: SQLCompiler, **kw: Any) -> str:
    column, values = element.clauses.clauses
    return compiler.process(column.in_(values), **kw)


@compiles(one_of, "postgresql")
def _one_of_postgresql(element: one_of, compiler: SQLCompiler, **kw: Any) -> str:
    column, values = element.clauses.clauses
    array = bindparam(values.key, type_=ARRAY(column.type))
    return compiler.process(column == any_(array), **kw)


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
        # SQLite's own lower() folds ASCII only; searches fold every script, as PostgreSQL's does.
        dbapi_connection.create_function(UNICODE_LOWER, 1, _unicode_lower, deterministic=True)

    @event.listens_for(engine, "begin")
    def _on_begin(connection: Any) -> None:
        # A write transaction takes the lock first, so it can never fail to upgrade later.
        connection.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")

    return engine


def _guarded_connect_args(url: str, guards: SessionGuards) -> dict[str, Any]:
    connect_args: dict[str, Any] = {}
    if options := guards.startup_options():
        given = make_url(url).query.get("options")
        connect_args["options"] = f"{given} {options}" if isinstance(given, str) else options
    return connect_args


def _postgres_engine(url: str, *, pool_size: int, guards: SessionGuards) -> Engine:
    connect_args = _guarded_connect_args(url, guards)
    return create_engine(
        url, pool_size=pool_size, max_overflow=pool_size, pool_pre_ping=True, connect_args=connect_args
    )


def make_database(
    url: str,
    *,
    pool_size: int = 10,
    guards: SessionGuards = UNGUARDED,
) -> Database:
    """Open the engines for a database URL, PostgreSQL's guarded as asked (`app.database` adds the audit)."""
    if url.startswith("sqlite"):
        return Database(
            url=url,
            engine=_sqlite_engine(url, immediate=False),
            write_engine=_sqlite_engine(url, immediate=True),
            write_lock=threading.Lock(),
        )
    engine = _postgres_engine(url, pool_size=pool_size, guards=guards)
    return Database(url=url, engine=engine, write_engine=engine)


async def get_database(request: Request) -> Database:
    """The database of the app serving this request (async: a dependency that costs no thread)."""
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


def read_one_snapshot(session: Session) -> None:
    """Make every later read of this fresh session see one snapshot of the database, whatever commits meanwhile."""
    # PostgreSQL's default READ COMMITTED takes a new snapshot per statement; a SQLite read transaction is one already.
    if session.get_bind().dialect.name == "postgresql":
        session.connection(execution_options={"isolation_level": "REPEATABLE READ", "postgresql_readonly": True})


SessionDep = Annotated[Session, Depends(get_session)]
WriteSessionDep = Annotated[Session, Depends(get_write_session, scope="function")]
