"""Rate limits per client address and per API key, answered 429 with Retry-After.

Every counted answer, a 429 included, says where the caller stands, as the IETF httpapi draft on
rate limit fields has it: `RateLimit-Policy: "address";q=600;w=60` (the quota and its window) and
`RateLimit: "address";r=598;t=1` (what remains, and the seconds until the allowance is whole again
for a token bucket, or the window ends for Redis), one item per policy applied (address, key).

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

from starlette.types import ASGIApp, Message, Receive, Scope, Send

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


@dataclass(frozen=True)
class Standing:
    """Where one identity stands after a request: what remains of its quota and when it is whole."""

    remaining: int
    reset_seconds: int


@dataclass(frozen=True)
class Verdict:
    """A request counted: seconds to wait when some identity is over its quota, and where each stands."""

    wait: int | None
    standings: list[Standing]


class Limiter(Protocol):
    """Counts a request against each identity; says whether to wait, and where each identity stands."""

    async def hit(self, identities: list[tuple[str, int]]) -> Verdict: ...

    async def close(self) -> None: ...


class MemoryLimiter:
    """Token buckets in this process: a burst of `per_minute`, refilled at `per_minute` a minute."""

    def __init__(self, *, max_buckets: int = 100_000) -> None:
        self._buckets: dict[str, tuple[float, float]] = {}
        self._max_buckets = max_buckets

    async def hit(self, identities: list[tuple[str, int]]) -> Verdict:
        now = time.monotonic()
        wait: int | None = None
        standings = []
        for identity, per_minute in identities:
            rate = per_minute / WINDOW_SECONDS
            tokens, seen = self._buckets.get(identity, (float(per_minute), now))
            tokens = min(float(per_minute), tokens + (now - seen) * rate)
            if tokens >= 1:
                tokens -= 1
            else:
                wait = max(wait or 0, math.ceil((1 - tokens) / rate))
            self._buckets[identity] = (tokens, now)
            standings.append(Standing(remaining=int(tokens), reset_seconds=math.ceil((per_minute - tokens) / rate)))
        if len(self._buckets) > self._max_buckets:
            self._forget_full_buckets(now)
        return Verdict(wait=wait, standings=standings)

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

    async def hit(self, identities: list[tuple[str, int]]) -> Verdict:
        now = time.time()
        window = int(now // WINDOW_SECONDS)
        reset = max(1, math.ceil((window + 1) * WINDOW_SECONDS - now))
        try:
            pipeline = self._redis().pipeline(transaction=False)
            for identity, _ in identities:
                key = f"{self._prefix}{identity}:{window}"
                pipeline.incr(key)
                pipeline.expire(key, WINDOW_SECONDS * 2)
            results = await pipeline.execute()
        except Exception as exc:  # the limiter fails open, loudly, and says nothing it does not know
            logger.warning("rate limiter store unavailable; request let through", extra={"error": type(exc).__name__})
            return Verdict(wait=None, standings=[])
        counts = results[0::2]
        pairs = list(zip(counts, identities, strict=True))
        over = any(count > per_minute for count, (_, per_minute) in pairs)
        standings = [
            Standing(remaining=max(0, per_minute - count), reset_seconds=reset) for count, (_, per_minute) in pairs
        ]
        return Verdict(wait=reset if over else None, standings=standings)

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
        policies: list[str] = []
        if self.per_address:
            client = scope.get("client")
            identities.append((f"a:{client[0] if client else 'unknown'}", self.per_address))
            policies.append("address")
        if self.per_key:
            for name, value in scope["headers"]:
                if name == b"authorization":
                    identities.append((f"k:{_key_digest(value)}", self.per_key))
                    policies.append("key")
                    break
        if not identities:
            await self.app(scope, receive, send)
            return
        verdict = await self.limiter.hit(identities)
        fields = _fields(policies, identities, verdict)
        if verdict.wait is None:

            async def with_fields(message: Message) -> None:
                if message["type"] == "http.response.start":
                    message["headers"] = [*message.get("headers", []), *fields]
                await send(message)

            await self.app(scope, receive, with_fields)
            return
        response = problem_response(
            status=429,
            slug="too-many-requests",
            title="Too many requests",
            detail=f"This client or key has sent too many requests; retry in {verdict.wait} second(s).",
            instance=scope.get("path"),
            headers={"Retry-After": str(verdict.wait), **{k.decode(): v.decode() for k, v in fields}},
        )
        await response(scope, receive, send)


def _fields(policies: list[str], identities: list[tuple[str, int]], verdict: Verdict) -> list[tuple[bytes, bytes]]:
    """The RateLimit-Policy and RateLimit fields of an answer (none when the store could not say)."""
    if len(verdict.standings) != len(policies):
        return []
    quotas = [quota for _, quota in identities]
    policy = ", ".join(f'"{name}";q={quota};w={WINDOW_SECONDS}' for name, quota in zip(policies, quotas, strict=True))
    standing = ", ".join(
        f'"{name}";r={s.remaining};t={s.reset_seconds}' for name, s in zip(policies, verdict.standings, strict=True)
    )
    return [(b"ratelimit-policy", policy.encode()), (b"ratelimit", standing.encode())]


RATE_LIMIT_HEADERS = {
    "RateLimit-Policy": {
        "description": "The quotas this answer was counted against (IETF httpapi draft): "
        '`"address";q=600;w=60`, and `"key";q=...;w=60` when a key was sent. Absent when limits are off.',
        "schema": {"type": "string"},
    },
    "RateLimit": {
        "description": "What remains of each quota and the seconds until it is whole again: "
        '`"address";r=598;t=1`. Absent when limits are off.',
        "schema": {"type": "string"},
    },
}


def declare_rate_limit_fields(document: dict[str, Any]) -> None:
    """Say in the OpenAPI document which answers carry the rate limit fields: every answer but the probes'."""
    components = document.setdefault("components", {}).setdefault("headers", {})
    components.update(RATE_LIMIT_HEADERS)
    for path, operations in document.get("paths", {}).items():
        if path in EXEMPT_PATHS:
            continue
        for operation in operations.values():
            if not isinstance(operation, dict):
                continue
            for response in operation.get("responses", {}).values():
                headers = response.setdefault("headers", {})
                for name in RATE_LIMIT_HEADERS:
                    headers.setdefault(name, {"$ref": f"#/components/headers/{name}"})
