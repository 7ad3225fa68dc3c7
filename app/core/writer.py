"""Group commit: one writer thread per process runs queued writes in batches, one transaction a batch.

Each write still gets its own answer. A batch first runs its writes one after the other in one
transaction; if one is refused, that transaction is rolled back and the batch runs again with each
write in a savepoint of its own, so the refused one is rolled back alone and answered with its own
error while its batch-mates commit. Refusals are rare, so most batches pay for no savepoint.
A write is acknowledged only once its batch has committed, so a crash loses nothing acknowledged. A commit, the lock of
the audit chain's head and whatever the app defers to the end of a batch (the status documents) are
paid once a batch instead of once a write.
"""

import asyncio
import logging
import queue
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Annotated, Any, Generic, TypeVar

from fastapi import Depends, Request
from sqlmodel import Session

from app.core.db import AUDIT_ACTOR, Database

logger = logging.getLogger("app.writer")

T = TypeVar("T")
Work = Callable[[Session], T]
BatchHook = Callable[[Session], None]


@dataclass(frozen=True)
class Batch:
    """What the start of a batch is told: its writes' `order` keys (sorted), the `hint` each gave (what it
    will look up, to be read for all at once), and whether each write is isolated in a savepoint."""

    orders: list[str]
    hints: list[object]
    isolated: bool


BatchStart = Callable[[Session, Batch], None]
MAX_BATCH = 256
SHORT_BATCH = 8
LINGER_SECONDS = 0.002
F = TypeVar("F", bound=Callable[..., Any])
QUEUED_WRITES: set[Callable[..., Any]] = set()


def queued_write(endpoint: F) -> F:
    """Mark a route whose write waits in the writer's queue, holding no thread and no connection: the write
    gate, which bounds writes that hold both, lets it by, so a whole burst of them can share a batch."""
    QUEUED_WRITES.add(endpoint)
    return endpoint


@dataclass
class _Job(Generic[T]):
    work: Work[T]
    actor: object
    order: str
    hint: object
    loop: asyncio.AbstractEventLoop
    future: "asyncio.Future[T]"
    outcome: tuple[bool, Any] | None = field(default=None)


class GroupWriter:
    """The process's writer: `submit` a write and await its answer; writes queue here, not on locks."""

    def __init__(self, database: Database, *, begin: BatchStart | None = None, finish: BatchHook | None = None) -> None:
        self.database = database
        # The app's own steps at each end of a batch (core knows no domain): read and lock at once what the
        # batch's writes will need (`Batch`), defer work, then do it once.
        self.begin = begin
        self.finish = finish
        self._queue: queue.SimpleQueue[_Job[Any] | None] = queue.SimpleQueue()
        self._thread: threading.Thread | None = None
        self._lock = threading.Lock()

    def _ensure_running(self) -> None:
        if self._thread is None:
            with self._lock:
                if self._thread is None:
                    self._thread = threading.Thread(target=self._run, name="group-writer", daemon=True)
                    self._thread.start()

    async def submit(self, work: Work[T], *, actor: object, order: str, hint: object = None) -> T:
        """Run `work` in the next batch, in a savepoint of its own; its result once the batch has committed.

        `order` sorts a batch (the agreement a write locks), so that processes lock rows in one order; `hint`
        is handed to the batch's start (see `Batch`).
        """
        self._ensure_running()
        loop = asyncio.get_running_loop()
        future: asyncio.Future[T] = loop.create_future()
        self._queue.put(_Job(work=work, actor=actor, order=order, hint=hint, loop=loop, future=future))
        return await future

    def close(self) -> None:
        """Finish the queued writes and stop the thread."""
        if self._thread is not None:
            self._queue.put(None)
            self._thread.join(timeout=30)
            self._thread = None

    def _run(self) -> None:
        last_size = 0
        while True:
            first = self._queue.get()
            if first is None:
                return
            batch = [first]
            # Under load (the last batch held more than one write), a short batch waits a moment for the writes
            # being read on the event loop: a batch's fixed costs (its commit, the audit chain's head, the
            # status documents' reads) are then shared by more writes. A lone writer never waits.
            lingered = last_size <= 1
            while len(batch) < MAX_BATCH:
                try:
                    job = self._queue.get_nowait()
                except queue.Empty:
                    if lingered or len(batch) >= SHORT_BATCH:
                        break
                    lingered = True
                    time.sleep(LINGER_SECONDS)
                    continue
                if job is None:
                    self._write(batch)
                    return
                batch.append(job)
            last_size = len(batch)
            self._write(batch)

    def _write(self, batch: list[_Job[Any]]) -> None:
        batch.sort(key=lambda job: job.order)
        try:
            try:
                # Optimistic: the writes one after the other in one transaction, no savepoint between them.
                self._commit(batch, isolated=False)
            except _Refused as refused:
                if len(batch) > 1:
                    raise
                batch[0].outcome = (False, refused.cause)  # its own transaction, rolled back: nothing written
        except Exception:
            # A write refused (or the commit failed): none of the batch was kept. Again, each write in a
            # savepoint of its own, so the refused one is rolled back alone and its batch-mates commit.
            try:
                self._commit(batch, isolated=True)
            except Exception as exc:  # the batch did not commit: nothing of it was written
                logger.warning("a batch of %d writes failed to commit", len(batch), exc_info=True)
                for job in batch:
                    job.outcome = (False, exc)
        for job in batch:
            assert job.outcome is not None
            job.loop.call_soon_threadsafe(_settle, job.future, job.outcome)

    def _commit(self, batch: list[_Job[Any]], *, isolated: bool) -> None:
        with self.database.write_transaction() as session:
            if self.begin is not None:
                orders = sorted({job.order for job in batch})
                self.begin(session, Batch(orders, [job.hint for job in batch if job.hint is not None], isolated))
            for job in batch:
                job.outcome = self._attempt(session, job) if isolated else self._one_of_many(session, job)
            if self.finish is not None:
                self.finish(session)

    @staticmethod
    def _one_of_many(session: Session, job: _Job[Any]) -> tuple[bool, Any]:
        session.info[AUDIT_ACTOR] = job.actor
        try:
            return True, job.work(session)
        except Exception as exc:
            raise _Refused(exc) from exc

    @staticmethod
    def _attempt(session: Session, job: _Job[Any]) -> tuple[bool, Any]:
        session.info[AUDIT_ACTOR] = job.actor
        savepoint = session.begin_nested()
        try:
            result = job.work(session)
            session.flush()
            savepoint.commit()
        except Exception as exc:
            if savepoint.is_active:
                savepoint.rollback()
            return False, exc
        return True, result


class _Refused(Exception):
    """A write of an optimistic batch raised: the batch's transaction is rolled back."""

    def __init__(self, cause: Exception) -> None:
        super().__init__(str(cause))
        self.cause = cause


def _settle(future: "asyncio.Future[Any]", outcome: tuple[bool, Any]) -> None:
    if future.cancelled():
        return
    succeeded, value = outcome
    if succeeded:
        future.set_result(value)
    else:
        future.set_exception(value)


async def get_writer(request: Request) -> GroupWriter:
    """The writer of the app serving this request (async: a dependency that costs no thread)."""
    writer: GroupWriter = request.app.state.writer
    return writer


WriterDep = Annotated[GroupWriter, Depends(get_writer)]
