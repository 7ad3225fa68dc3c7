"""HTTP shared by the routers: ETags and preconditions, and downloads streamed from worker threads."""

import re
from collections.abc import AsyncGenerator, Callable, Generator, Iterator, Mapping
from typing import Annotated, Any

import anyio
from fastapi import Header
from fastapi.responses import StreamingResponse
from fastapi.routing import iter_route_contexts
from starlette.types import Receive, Scope, Send

IfNoneMatch = Annotated[str | None, Header(max_length=1000)]
IfMatch = Annotated[str | None, Header(max_length=1000)]
WriteIfNoneMatch = Annotated[str | None, Header(max_length=1000)]
IDEMPOTENCY_KEY_MAX = 200
IDEMPOTENCY_KEY_PATTERN = r"^[\x21-\x7e]+$"  # printable ASCII, no spaces
IdempotencyKey = Annotated[
    str | None,
    Header(min_length=1, max_length=IDEMPOTENCY_KEY_MAX, pattern=IDEMPOTENCY_KEY_PATTERN),
]
_IDEMPOTENCY_KEY = re.compile(r"[\x21-\x7e]+")


def plain_idempotency_key(value: str) -> bool:
    """Whether an Idempotency-Key header is one `IdempotencyKey` accepts (the header's rule, for a path that
    answers before the framework reads headers)."""
    return 0 < len(value) <= IDEMPOTENCY_KEY_MAX and _IDEMPOTENCY_KEY.fullmatch(value) is not None


def route_named(app: Any, path: str) -> Any:
    """The route serving the path template `path`, or None: what a path answering before routing puts in the
    scope, so that request metrics count its answers under the route's template."""
    # Included routers hide their routes from app.routes; walk them as the framework does.
    return next((route for route in iter_route_contexts(app.routes) if route.path == path), None)


def etag_matches(if_none_match: str | None, etag: str) -> bool:
    """Whether an If-None-Match header names this ETag (weak comparison, as RFC 9110 asks)."""
    if if_none_match is None:
        return False
    if if_none_match.strip() == "*":
        return True
    wanted = etag.removeprefix("W/")
    return any(tag.strip().removeprefix("W/") == wanted for tag in if_none_match.split(","))


def _tags(header: str) -> list[str]:
    return [tag.strip() for tag in header.split(",") if tag.strip()]


def if_match_refuses(if_match: str | None, names_current: Callable[[str], bool]) -> bool:
    """Whether If-Match rules a write out: no listed tag names the current version by the strong comparison."""
    if if_match is None or if_match.strip() == "*":
        return False
    # RFC 9110 section 13.1.1: a weak tag never matches in If-Match.
    return not any(names_current(tag) for tag in _tags(if_match) if not tag.startswith("W/"))


def if_none_match_refuses(if_none_match: str | None, names_current: Callable[[str], bool]) -> bool:
    """Whether If-None-Match rules a write to an existing resource out: `*`, or a tag of its current version."""
    if if_none_match is None:
        return False
    if if_none_match.strip() == "*":
        return True
    return any(names_current(tag.removeprefix("W/")) for tag in _tags(if_none_match))


# Downloads share a few worker threads, so that many at once cannot take every thread other requests need.
_DOWNLOAD_THREADS = anyio.CapacityLimiter(4)


async def _in_threads(chunks: Iterator[bytes]) -> AsyncGenerator[bytes]:
    """Each chunk made in a worker thread; the iterator is closed however the stream ends."""
    try:
        while (chunk := await anyio.to_thread.run_sync(next, chunks, None, limiter=_DOWNLOAD_THREADS)) is not None:
            yield chunk
    finally:
        # Shielded: a client that hangs up cancels the response, and the close must still run.
        with anyio.CancelScope(shield=True):
            await anyio.to_thread.run_sync(_close, chunks, limiter=_DOWNLOAD_THREADS)


def _close(chunks: Iterator[bytes]) -> None:
    if isinstance(chunks, Generator):
        chunks.close()


class DownloadResponse(StreamingResponse):
    """A download streamed from a sync iterator, closed the moment it ends: finished, failed or abandoned."""

    def __init__(self, chunks: Iterator[bytes], *, media_type: str, headers: Mapping[str, str]) -> None:
        self._chunks = _in_threads(chunks)
        super().__init__(self._chunks, media_type=media_type, headers=headers)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        try:
            await super().__call__(scope, receive, send)
        finally:
            # Starlette leaves an interrupted stream suspended until garbage collection; close it now.
            with anyio.CancelScope(shield=True):
                await self._chunks.aclose()
