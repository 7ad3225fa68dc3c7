"""Rate limits per client address and per API key, answered 429 with Retry-After.

Two stores share one interface:
- `MemoryLimiter`, a token bucket per caller kept in this process: right for the default of one
  process on SQLite, and costs about a microsecond a request;
- `RedisLimiter`, a fixed one-minute window per caller counted in Redis (INCR + EXPIRE in one
  round trip): every process and machine sees the same counts. If Redis cannot be reached the
  request is let through and a warning logged: an outage of the limiter must not become an
  outage of the ledger.

A key is counted by a digest of the whole token, never by its id alone: anyone can read a key's
id in `created_by`, and must not be able to spend a monitor's allowance by sending it with a
wrong secret. Bad tokens each get a bucket of their own, and every request also counts against
its address.
"""

import hashlib
import logging
import math
import time
from dataclasses import dataclass
from typing import Any, Protocol

from starlette.types import ASGIApp, Receive, Scope, Send

from app.core.errors import problem_response

logger = logging.getLogger("app.ratelimit")

WINDOW_SECONDS = 60
# Probes must answer even when a proxy or load balancer shares one address with many clients. /metrics is
# not one: it is a read like any other, and a scraper stays far below the limit.
EXEMPT_PATHS = frozenset({"/healthz", "/readyz"})


@dataclass(frozen=True)
class Quota:
    """A limit of `per_minute` requests for one kind of caller; 0 means no limit."""

    kind: str
    per_minute: int


class Limiter(Protocol):
    """Counts a request against each identity; returns seconds to wait when one is over its quota."""

    async def hit(self, identities: list[tuple[str, int]]) -> int | None: ...

    async def close(self) -> None: ...


class MemoryLimiter:
    """Token buckets in this process: a burst of `per_minute`, refilled at `per_minute` a minute."""

    def __init__(self, *, max_buckets: int = 100_000) -> None:
        self._buckets: dict[str, tuple[float, float]] = {}
        self._max_buckets = max_buckets

    async def hit(self, identities: list[tuple[str, int]]) -> int | None:
        now = time.monotonic()
        wait: int | None = None
        for identity, per_minute in identities:
            rate = per_minute / WINDOW_SECONDS
            tokens, seen = self._buckets.get(identity, (float(per_minute), now))
            tokens = min(float(per_minute), tokens + (now - seen) * rate)
            if tokens >= 1:
                self._buckets[identity] = (tokens - 1, now)
            else:
                self._buckets[identity] = (tokens, now)
                wait = max(wait or 0, math.ceil((1 - tokens) / rate))
        if len(self._buckets) > self._max_buckets:
            self._forget_full_buckets(now)
        return wait

    def _forget_full_buckets(self, now: float) -> None:
        # A bucket idle for a minute is full again; forgetting it changes nothing.
        self._buckets = {k: v for k, v in self._buckets.items() if now - v[1] < WINDOW_SECONDS}

    async def close(self) -> None:
        self._buckets.clear()


class RedisLimiter:
    """Fixed one-minute windows counted in Redis, shared by every process that uses the same server."""

    def __init__(self, url: str, *, prefix: str = "el:rl:") -> None:
        self._url = url
        self._prefix = prefix
        self._client: Any = None

    def _redis(self) -> Any:
        if self._client is None:
            import redis.asyncio

            self._client = redis.asyncio.from_url(self._url, socket_timeout=0.5, socket_connect_timeout=0.5)
        return self._client

    async def hit(self, identities: list[tuple[str, int]]) -> int | None:
        now = time.time()
        window = int(now // WINDOW_SECONDS)
        try:
            pipeline = self._redis().pipeline(transaction=False)
            for identity, _ in identities:
                key = f"{self._prefix}{identity}:{window}"
                pipeline.incr(key)
                pipeline.expire(key, WINDOW_SECONDS * 2)
            results = await pipeline.execute()
        except Exception as exc:  # the limiter fails open, loudly
            logger.warning("rate limiter store unavailable; request let through", extra={"error": type(exc).__name__})
            return None
        counts = results[0::2]
        if any(count > per_minute for count, (_, per_minute) in zip(counts, identities, strict=True)):
            return max(1, math.ceil((window + 1) * WINDOW_SECONDS - now))
        return None

    async def close(self) -> None:
        if self._client is not None:
            await self._client.aclose()
            self._client = None


def make_limiter(redis_url: str | None) -> Limiter:
    """Redis when a URL is given (several processes), else this process's memory."""
    return RedisLimiter(redis_url) if redis_url else MemoryLimiter()


def _key_digest(authorization: bytes) -> str:
    return hashlib.blake2b(authorization, digest_size=12).hexdigest()


class RateLimitMiddleware:
    """Count each request against its address and, when it carries one, its key; 429 when over."""

    def __init__(self, app: ASGIApp, *, limiter: Limiter, per_address: int, per_key: int) -> None:
        self.app = app
        self.limiter = limiter
        self.per_address = per_address
        self.per_key = per_key

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["path"] in EXEMPT_PATHS:
            await self.app(scope, receive, send)
            return
        identities: list[tuple[str, int]] = []
        if self.per_address:
            client = scope.get("client")
            identities.append((f"a:{client[0] if client else 'unknown'}", self.per_address))
        if self.per_key:
            for name, value in scope["headers"]:
                if name == b"authorization":
                    identities.append((f"k:{_key_digest(value)}", self.per_key))
                    break
        wait = await self.limiter.hit(identities) if identities else None
        if wait is None:
            await self.app(scope, receive, send)
            return
        response = problem_response(
            status=429,
            slug="too-many-requests",
            title="Too many requests",
            detail=f"This client or key has sent too many requests; retry in {wait} second(s).",
            instance=scope.get("path"),
            headers={"Retry-After": str(wait)},
        )
        await response(scope, receive, send)
