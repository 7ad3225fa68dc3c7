"""Answers to anonymous list reads kept in the process until the ledger next changes.

A list of agreements is the same answer for every anonymous reader until something is written, and
building it (routing, dependencies, a query, the agreements as shown, serialisation) costs many times
sending it. So the answer is kept under the ledger's generation, a number every committed write moves,
read afresh on each request with one indexed lookup: a write anywhere, by any process, makes every kept
answer unreachable at once. Nothing is ever served that an answer built now would not say.

The generation is read *before* the answer is built, so what is kept under a generation is at least
as new as it; a reader that sees that generation started before any later write committed.
"""

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from dataclasses import dataclass
from datetime import date
from typing import Any

from starlette.types import ASGIApp, Message, Receive, Scope, Send

MAX_KEPT_BODY = 512 * 1024
MAX_KEPT_BYTES = 32 * 1024 * 1024
VARY_ON = (b"accept", b"accept-language")


@dataclass(frozen=True)
class _Kept:
    status: int
    headers: list[tuple[bytes, bytes]]
    body: bytes
    route: Any


class AnonymousReadCache:
    """Serve the anonymous GET of a listed path from the answer kept for the ledger's current generation.

    Only the plainest request qualifies: GET, one of `paths`, no Authorization, no conditional header,
    reads open. Only a whole 200 answer is kept. Everything else, and every request while the generation
    cannot be read, goes through to the route unchanged.
    """

    def __init__(
        self,
        app: ASGIApp,
        *,
        paths: frozenset[str],
        generation: Callable[[], Hashable | None],
        enabled: Callable[[], bool],
        capacity: int = 1024,
    ) -> None:
        self.app = app
        self._paths = paths
        self._generation = generation
        self._enabled = enabled
        self._capacity = capacity
        self._kept: OrderedDict[tuple[Any, ...], _Kept] = OrderedDict()
        self._kept_bytes = 0
        self._kept_generation: Hashable | None = None
        self._lock = threading.Lock()

    def _key(self, scope: Scope) -> tuple[Any, ...] | None:
        if scope["type"] != "http" or scope["method"] != "GET" or scope["path"] not in self._paths:
            return None
        varied: list[bytes] = []
        for name, value in scope["headers"]:
            if name in (b"authorization", b"if-none-match", b"if-modified-since", b"cookie"):
                return None
            if name in VARY_ON:
                varied.append(name + b"=" + value)
        return (scope["path"], scope["query_string"], tuple(sorted(varied)), date.today())

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        key = self._key(scope)
        if key is None or not self._enabled():
            await self.app(scope, receive, send)
            return
        try:
            generation = self._generation()
        except Exception:  # the route reports a database that does not answer
            generation = None
        if generation is None:
            await self.app(scope, receive, send)
            return
        full_key = (*key, generation)
        with self._lock:
            if generation != self._kept_generation:
                # Generations only move forward: nothing kept under an earlier one can be asked for again.
                self._kept.clear()
                self._kept_bytes = 0
                self._kept_generation = generation
            kept = self._kept.get(full_key)
            if kept is not None:
                self._kept.move_to_end(full_key)
        if kept is not None:
            if kept.route is not None:
                scope["route"] = kept.route
            # A list of its own each time, for the middleware outside to add to.
            await send({"type": "http.response.start", "status": kept.status, "headers": list(kept.headers)})
            await send({"type": "http.response.body", "body": kept.body})
            return
        await self._answer_and_keep(scope, receive, send, full_key)

    async def _answer_and_keep(self, scope: Scope, receive: Receive, send: Send, key: tuple[Any, ...]) -> None:
        start: Message | None = None
        chunks: list[bytes] = []
        size = 0
        keepable = True

        async def keeping(message: Message) -> None:
            nonlocal start, size, keepable
            if message["type"] == "http.response.start":
                # Copied now: the middleware outside adds its own headers (request id, rate limit, CORS) to
                # this very message once it is sent, and those belong to this request alone.
                start = {**message, "headers": list(message.get("headers", []))}
                keepable = message["status"] == 200
            elif message["type"] == "http.response.body" and keepable:
                body: bytes = message.get("body", b"")
                size += len(body)
                if size > MAX_KEPT_BODY:
                    keepable = False
                    chunks.clear()
                else:
                    chunks.append(body)
                if not message.get("more_body", False) and keepable and start is not None:
                    self._keep(key, _Kept(200, list(start.get("headers", [])), b"".join(chunks), scope.get("route")))
            await send(message)

        await self.app(scope, receive, keeping)

    def _keep(self, key: tuple[Any, ...], kept: _Kept) -> None:
        with self._lock:
            if key[-1] != self._kept_generation:
                return  # built while the ledger moved on
            previous = self._kept.pop(key, None)
            if previous is not None:
                self._kept_bytes -= len(previous.body)
            self._kept[key] = kept
            self._kept_bytes += len(kept.body)
            while self._kept and (len(self._kept) > self._capacity or self._kept_bytes > MAX_KEPT_BYTES):
                _, dropped = self._kept.popitem(last=False)
                self._kept_bytes -= len(dropped.body)
