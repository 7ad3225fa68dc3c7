"""The HTTP protocol `serve` runs: uvicorn's h11, with a deadline for each request to arrive."""

import asyncio
from typing import Any

import h11
from uvicorn.config import Config
from uvicorn.protocols.http.h11_impl import H11Protocol
from uvicorn.server import ServerState

from app.core.config import get_settings


class DeadlineH11Protocol(H11Protocol):
    """h11 (which bounds the request head it buffers) that disconnects a client too slow to send a whole request.

    uvicorn times out only idle keep-alive connections, and any byte resets that; a client sending one byte a
    second would hold its connection for ever.
    """

    def __init__(
        self,
        config: Config,
        server_state: ServerState,
        app_state: dict[str, Any],
        _loop: asyncio.AbstractEventLoop | None = None,
    ) -> None:
        super().__init__(config, server_state, app_state, _loop)
        self.read_timeout = get_settings().request_read_timeout_seconds
        self.read_deadline: asyncio.TimerHandle | None = None

    def _await_request(self) -> None:
        self._stop_waiting()
        self.read_deadline = self.loop.call_later(self.read_timeout, self._too_slow)

    def _stop_waiting(self) -> None:
        if self.read_deadline is not None:
            self.read_deadline.cancel()
            self.read_deadline = None

    def _too_slow(self) -> None:
        # A request that has fully arrived is the app's to answer, however long that takes.
        if self.conn.their_state is not h11.DONE and not self.transport.is_closing():
            self.transport.close()

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        super().connection_made(transport)
        self._await_request()

    def connection_lost(self, exc: Exception | None) -> None:
        self._stop_waiting()
        super().connection_lost(exc)

    def handle_events(self) -> None:
        super().handle_events()
        if self.conn.their_state is h11.DONE:
            self._stop_waiting()

    def on_response_complete(self) -> None:
        # Armed first: handling a pipelined request that has already arrived stops it again.
        self._await_request()
        super().on_response_complete()
