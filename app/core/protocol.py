"""The HTTP protocol `serve` runs: uvicorn's httptools, with a bound on each request head and a deadline to send it.

httptools is the fast parser (about twice h11's requests a second here), but it buffers a request head
of any size, and uvicorn times out only idle keep-alive connections, where any byte resets the clock:
one client sending a 64 MB header, or a byte a second, would hold memory or a connection for ever.
"""

import asyncio
from typing import Any

from uvicorn.config import Config
from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol
from uvicorn.server import ServerState

from app.core.config import Settings, get_settings
from app.core.logging import log_config

END_OF_HEAD = b"\r\n\r\n"


class GuardedHttpToolsProtocol(HttpToolsProtocol):
    """httptools that refuses a request head over MAX_HEADER_BYTES and drops a client too slow to send a request."""

    def __init__(
        self,
        config: Config,
        server_state: ServerState,
        app_state: dict[str, Any],
        _loop: asyncio.AbstractEventLoop | None = None,
    ) -> None:
        super().__init__(config, server_state, app_state, _loop)
        settings = get_settings()
        self.max_head_bytes = settings.max_header_bytes
        self.read_timeout = settings.request_read_timeout_seconds
        self.read_deadline: asyncio.TimerHandle | None = None
        self.reading_head = True
        self.head_bytes = 0
        self.carry = b""  # the end of the last chunk, where the head's end may have begun

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        super().connection_made(transport)
        self._await_request()

    def connection_lost(self, exc: Exception | None) -> None:
        self._stop_waiting()
        super().connection_lost(exc)

    def data_received(self, data: bytes) -> None:
        if self.reading_head:
            window = self.carry + data
            end = window.find(END_OF_HEAD)
            # Only the head counts: a body may follow it in the same chunk.
            self.head_bytes += (end + len(END_OF_HEAD) - len(self.carry)) if end >= 0 else len(data)
            self.carry = window[-(len(END_OF_HEAD) - 1) :] if end < 0 else b""
            if self.head_bytes > self.max_head_bytes:
                self._stop_waiting()
                self.send_400_response(f"The request line and headers exceed {self.max_head_bytes} bytes.")
                return
            if end >= 0:
                self.reading_head = False
        super().data_received(data)

    def on_message_complete(self) -> None:
        # A request that has fully arrived is the app's to answer, however long that takes.
        self._stop_waiting()
        super().on_message_complete()

    def on_response_complete(self) -> None:
        # Armed first: a pipelined request that has already arrived stops it again.
        self.reading_head, self.head_bytes, self.carry = True, 0, b""
        self._await_request()
        super().on_response_complete()

    def _await_request(self) -> None:
        self._stop_waiting()
        self.read_deadline = self.loop.call_later(self.read_timeout, self._too_slow)

    def _stop_waiting(self) -> None:
        if self.read_deadline is not None:
            self.read_deadline.cancel()
            self.read_deadline = None

    def _too_slow(self) -> None:
        self.read_deadline = None
        if not self.transport.is_closing():
            self.transport.close()


def server_options(settings: Settings) -> dict[str, Any]:
    """How uvicorn serves the app (and, in the benchmark, every reference beside it), host, port and workers aside."""
    return {
        "access_log": settings.access_log,
        "log_level": settings.log_level,
        "proxy_headers": True,
        "server_header": False,
        # httptools, bounded: the protocol caps each request head and the time to send a request.
        # No limit_concurrency: it counts slow and idle connections too, so it would refuse everyone while they last.
        "http": GuardedHttpToolsProtocol,
        "log_config": log_config(settings.log_level),
        # A worker importing the app on a busy machine can take longer than uvicorn's 5 s default.
        "timeout_worker_healthcheck": 60,
    }
