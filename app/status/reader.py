"""A dedicated connection for status reads on the event loop: one indexed lookup, no pool, no ORM."""

import contextlib
import threading
from datetime import date
from typing import Any

from app.core.db import Database
from app.status.service import RenderedStatus, StatusReader


class StatusSource:
    """Reads ready status documents through a connection of its own, one per thread."""

    def __init__(self, database: Database, *, stall_days: int, basis: str = "reported") -> None:
        self._database = database
        self._reader = StatusReader(stall_days=stall_days, basis=basis)
        self._local = threading.local()

    def _connection(self) -> Any:
        connection = getattr(self._local, "connection", None)
        if connection is None:
            # Held for the life of the thread: one pool slot, no checkout per request.
            self._local.pooled = self._database.engine.raw_connection()
            connection = self._local.pooled.driver_connection
            if not self._database.is_sqlite:
                connection.autocommit = True
            self._local.connection = connection
        return connection

    def read(self, *, agreement_id: str, today: date) -> RenderedStatus | None:
        """The rendered status of an agreement, reconnecting once if the connection was lost."""
        try:
            return self._reader.read(self._connection(), agreement_id=agreement_id, today=today)
        except Exception:
            self.close()
            return self._reader.read(self._connection(), agreement_id=agreement_id, today=today)

    def close(self) -> None:
        """Close this thread's connection, if any."""
        pooled = getattr(self._local, "pooled", None)
        self._local.connection = None
        self._local.pooled = None
        if pooled is not None:
            with contextlib.suppress(Exception):  # a broken connection may refuse to close
                pooled.invalidate()
