"""Request shape checks before routing: URL length, JSON media type, duplicate keys, depth, NaN.

A ledger of contested facts must not guess which of two values for the same key a client
meant, so a JSON object that names a key twice is refused rather than read last-wins.
Reads (GET, HEAD) pay only for two length comparisons.
"""

import asyncio
import json
import math
from collections.abc import AsyncIterator, Sequence
from contextlib import asynccontextmanager
from typing import Any

from fastapi import Depends, Request
from fastapi.routing import iter_route_contexts
from starlette.routing import BaseRoute, Match
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from app.core.errors import Busy, problem_response
from app.core.writer import QUEUED_WRITES

MAX_JSON_DEPTH = 32
MAX_PATH_BYTES = 2048
_NUL_REFUSED = ("invalid-input", "The request breaks a rule of the ledger", "Text must not contain NUL characters.")
_WRITE_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})
# Bodies a route may take besides JSON (file imports); they pass through for the route to judge.
_PASS_THROUGH_MEDIA_TYPES = frozenset({b"text/csv", b"application/x-ndjson", b"multipart/form-data"})


class _DuplicateKey(ValueError):
    def __init__(self, key: str) -> None:
        super().__init__(key)
        self.key = key


class _NotANumber(ValueError):
    pass


def _object_without_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    document = dict(pairs)
    if len(document) != len(pairs):
        seen: set[str] = set()
        for key, _ in pairs:
            if key in seen:
                raise _DuplicateKey(key)
            seen.add(key)
    return document


def _refuse_constant(name: str) -> Any:
    raise _NotANumber(name)


def _depth(document: Any) -> int:
    """How deeply arrays and objects nest in a parsed document (iterative: no recursion limit)."""
    deepest = 0
    stack: list[tuple[Any, int]] = [(document, 0)]
    while stack:
        node, level = stack.pop()
        if isinstance(node, dict):
            children: Any = node.values()
        elif isinstance(node, list):
            children = node
        else:
            continue
        level += 1
        deepest = max(deepest, level)
        if deepest > MAX_JSON_DEPTH:
            return deepest
        stack.extend((child, level) for child in children)
    return deepest


_UNPARSED = object()
# Where a write's body parsed here is kept in the ASGI scope, as (body, document), for a path that answers
# before the framework parses it again.
PARSED_BODY = "exchange_ledger.parsed_body"


def strict_json(body: bytes) -> tuple[tuple[str, str, str] | None, Any]:
    """Why a JSON body is refused before validation (slug, title, detail) or None, and the document parsed.

    Malformed JSON is let through, unparsed: the framework answers it with its own 400 problem document.
    """
    try:
        document = json.loads(body, object_pairs_hook=_object_without_duplicates, parse_constant=_refuse_constant)
    except _DuplicateKey as exc:
        return (
            "duplicate-json-key",
            "The body names a key twice",
            f"The key {exc.key[:100]!r} appears twice in one JSON object; send each key once.",
        ), _UNPARSED
    except _NotANumber as exc:
        return ("malformed-json", "The body is not valid JSON", f"{exc} is not a JSON number."), _UNPARSED
    except RecursionError:
        return _TOO_DEEP, _UNPARSED
    except ValueError:
        return None, _UNPARSED
    if _depth(document) > MAX_JSON_DEPTH:
        return _TOO_DEEP, _UNPARSED
    return None, document


_TOO_DEEP = ("json-too-deep", "The body nests too deeply", f"JSON may nest at most {MAX_JSON_DEPTH} levels.")


def parsed_body(scope: Scope, body: bytes) -> Any:
    """The JSON document of this body as `RequestLimitsMiddleware` parsed it (the framework's parser, so the
    same values), or None where it did not parse this very body."""
    kept = scope.get(PARSED_BODY)
    if kept is None or kept[0] is not body or kept[1] is _UNPARSED:
        return None
    return kept[1]


def _replay(body: bytes, receive: Receive) -> Receive:
    """A receive that hands the app the body already read, then the client's later messages."""
    replayed = False

    async def replay() -> Message:
        nonlocal replayed
        if not replayed:
            replayed = True
            return {"type": "http.request", "body": body, "more_body": False}
        return await receive()

    return replay


def _is_json(media_type: bytes) -> bool:
    if media_type == b"application/json":
        return True
    return media_type.startswith(b"application/") and media_type.endswith(b"+json")


class RequestLimitsMiddleware:
    """414 for overlong URLs; for API writes, 415 for a body that is not JSON and 400 for ambiguous JSON."""

    def __init__(self, app: ASGIApp, *, max_query_bytes: int, api_prefix: str = "/api/") -> None:
        self.app = app
        self.max_query_bytes = max_query_bytes
        self.api_prefix = api_prefix

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        if len(scope.get("query_string", b"")) > self.max_query_bytes or len(scope.get("raw_path") or b"") > (
            MAX_PATH_BYTES
        ):
            await self._refuse(
                scope,
                receive,
                send,
                414,
                "uri-too-long",
                "The URL is too long",
                f"Query strings are limited to {self.max_query_bytes} bytes and paths to {MAX_PATH_BYTES}.",
            )
            return
        # No id or filter holds a NUL, and PostgreSQL refuses to even compare text holding one.
        if "\x00" in scope["path"]:
            await self._refuse(scope, receive, send, 404, "not-found", "No such resource", "No resource has this path.")
            return
        if b"%00" in scope.get("query_string", b""):
            await self._refuse(scope, receive, send, 422, *_NUL_REFUSED)
            return
        if scope["method"] not in _WRITE_METHODS or not scope["path"].startswith(self.api_prefix):
            await self.app(scope, receive, send)
            return

        chunks = []
        more = True
        while more:
            message = await receive()
            if message["type"] != "http.request":
                await self.app(scope, receive, send)  # the client left; let the app see it
                return
            chunks.append(message.get("body", b""))
            more = message.get("more_body", False)
        body = b"".join(chunks)

        if body:
            content_type = next((v for k, v in scope["headers"] if k == b"content-type"), b"")
            media_type = content_type.split(b";", 1)[0].strip().lower()
            if media_type in _PASS_THROUGH_MEDIA_TYPES:
                await self.app(scope, _replay(body, receive), send)
                return
            if not _is_json(media_type):
                await self._refuse(
                    scope,
                    receive,
                    send,
                    415,
                    "unsupported-media-type",
                    "The body must be JSON",
                    "Send the body as application/json (Content-Type: application/json).",
                )
                return
            if b"\\u0000" in body:
                await self._refuse(scope, receive, send, 422, *_NUL_REFUSED)
                return
            refused, document = strict_json(body)
            if refused is not None:
                await self._refuse(scope, receive, send, 400, *refused)
                return
            scope[PARSED_BODY] = (body, document)

        await self.app(scope, _replay(body, receive), send)

    @staticmethod
    async def _refuse(
        scope: Scope, receive: Receive, send: Send, status: int, slug: str, title: str, detail: str
    ) -> None:
        response = problem_response(status=status, slug=slug, title=title, detail=detail, instance=scope.get("path"))
        await response(scope, receive, send)


class WriteGateMiddleware:
    """Let at most `limit` writes into the app at once; the rest wait here, holding no thread.

    A write holds a worker thread while it waits for the database (the SQLite write lock, a pooled
    PostgreSQL connection, a row lock). With more writes waiting than the thread pool has threads,
    the one holding the lock could never get a thread to finish on, and every request would stall.
    Waiting on an asyncio semaphore instead costs no thread, so the pool always has room. Writes
    queued for the group writer (`queued_write`) hold neither a thread nor a connection while they
    wait, so they pass: gated, a burst of them could never fill a batch.
    """

    def __init__(self, app: ASGIApp, *, limit: int, routes: Sequence[BaseRoute]) -> None:
        self.app = app
        self.gate = asyncio.Semaphore(limit)
        # The router's own list, read at the first write: routes are included after middleware is added.
        self.routes = routes
        self._queued: list[Any] | None = None

    def _is_queued(self, scope: Scope) -> bool:
        if self._queued is None:
            self._queued = [r for r in iter_route_contexts(self.routes) if r.endpoint in QUEUED_WRITES]
        return any(route.matches(scope)[0] is Match.FULL for route in self._queued)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] not in _WRITE_METHODS or self._is_queued(scope):
            await self.app(scope, receive, send)
            return
        async with self.gate:
            await self.app(scope, receive, send)


class ReadBulkhead:
    """Let at most `limit` expensive reads run at once; the rest wait a bounded time, then get 503.

    A dated status, a timeline, an export or a feed holds a worker thread and a database connection
    for as long as it takes. Without a bound, a few anonymous clients asking for them take every
    thread and connection, and writes, health checks and cheap reads stall behind them. Kept below
    the pool size, the bound leaves the rest of the pool and the thread pool to everything else;
    waiting happens on an asyncio semaphore, holding no thread.
    """

    def __init__(self, *, limit: int, wait_seconds: float) -> None:
        self.limit = limit
        self.wait_seconds = wait_seconds
        self.slots = asyncio.Semaphore(limit)

    @asynccontextmanager
    async def admit(self) -> AsyncIterator[None]:
        """Hold one slot for the body of the `async with`, or raise Busy when none comes free in time."""
        try:
            await asyncio.wait_for(self.slots.acquire(), timeout=self.wait_seconds)
        except TimeoutError:
            raise Busy(
                f"{self.limit} expensive reads are running; retry shortly.",
                retry_after=max(1, math.ceil(self.wait_seconds)),
            ) from None
        try:
            yield
        finally:
            self.slots.release()


def read_bulkhead(request: Request) -> ReadBulkhead:
    """The bulkhead of the app serving this request."""
    bulkhead: ReadBulkhead = request.app.state.read_bulkhead
    return bulkhead


async def expensive_read(request: Request) -> AsyncIterator[None]:
    """A route dependency: the whole request, its streamed body included, holds one slot of the bulkhead."""
    async with read_bulkhead(request).admit():
        yield


ExpensiveRead = Depends(expensive_read)


# The document's twin of the NUL refusal above: every string a query or a JSON body carries says it.
NO_NUL_PATTERN = "^[^\\u0000]*$"


def _strings_without_nul(schema: Any, components: dict[str, Any], seen: set[str]) -> None:
    """Give each free-form string schema reachable from `schema` the NUL-free pattern."""
    stack = [schema]
    while stack:
        node = stack.pop()
        if isinstance(node, list):
            stack.extend(node)
            continue
        if not isinstance(node, dict):
            continue
        reference = node.get("$ref")
        if isinstance(reference, str) and reference.startswith("#/components/schemas/"):
            name = reference.rsplit("/", 1)[1]
            if name not in seen:
                seen.add(name)
                stack.append(components.get(name))
            continue
        if node.get("type") == "string" and not {"pattern", "format", "enum", "const"} & node.keys():
            node["pattern"] = NO_NUL_PATTERN
        for key in ("properties", "patternProperties"):
            stack.extend(node.get(key, {}).values())
        for key in ("items", "additionalProperties", "not", "anyOf", "oneOf", "allOf", "prefixItems"):
            if key in node:
                stack.append(node[key])


def declare_no_nul(document: dict[str, Any]) -> None:
    """Declare in the document that query strings and JSON bodies hold no NUL (refused with 422 before routing)."""
    components = document.get("components", {}).get("schemas", {})
    seen: set[str] = set()
    for operations in document.get("paths", {}).values():
        for operation in operations.values():
            for parameter in operation.get("parameters", []):
                if parameter.get("in") == "query":
                    _strings_without_nul(parameter.get("schema"), components, seen)
            content = operation.get("requestBody", {}).get("content", {})
            for media_type, body in content.items():
                if _is_json(media_type.encode()):
                    _strings_without_nul(body.get("schema"), components, seen)
