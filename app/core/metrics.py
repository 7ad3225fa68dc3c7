"""Prometheus metrics at /metrics: requests, latencies, errors, database pool, webhook backlog.

Each app has a registry of its own. Every label takes a bounded set of values, whatever clients
send: the method is one of the standard ones or `other`, the route is the matched route's template
(never the raw path, so ids cannot blow up the number of series) or `unmatched`, the status is the
code answered. Pool and backlog figures are read when scraped, not on every request; the backlog
is read from the database in a worker thread, one read at a time and for at most
`BACKLOG_WAIT_SECONDS`, so a locked table neither stalls the event loop nor ties up the threads
other requests need. With `METRICS_KEY` set, a scrape needs `Authorization: Bearer <key>`.
Several worker processes under one server: set PROMETHEUS_MULTIPROC_DIR to an empty directory
and /metrics sums every worker's counts.
"""

import hmac
import logging
import os
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from typing import Any

import anyio
import anyio.to_thread
from prometheus_client import CONTENT_TYPE_LATEST, CollectorRegistry, Counter, Histogram, generate_latest
from prometheus_client.core import GaugeMetricFamily, Metric
from prometheus_client.registry import Collector
from sqlmodel import Session
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from app.core.db import Database
from app.core.errors import Unauthenticated

logger = logging.getLogger("app.metrics")

# A function that reads the webhook backlog from a session, given by the app (core knows no webhooks).
BacklogReader = Callable[[Session], Any]

# RFC 9110's methods and PATCH (RFC 5789); any other a client sends is counted as `other`.
STANDARD_METHODS = frozenset({"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS", "CONNECT", "TRACE"})
OTHER_METHOD = "other"
UNMATCHED_ROUTE = "unmatched"
# How long a scrape waits for the backlog; past it the scrape answers without those figures.
BACKLOG_WAIT_SECONDS = 2.0


def method_label(method: str) -> str:
    """The method as a label: a standard method as sent, anything else `other`."""
    return method if method in STANDARD_METHODS else OTHER_METHOD


def status_label(status: int) -> str:
    """The status code as a label; a code outside 100-599 (none is ever sent) as `other`."""
    return str(status) if 100 <= status <= 599 else "other"


def route_label(scope: Scope) -> str:
    """The template of the route that matched (fully, or by path alone for a 405), else `unmatched`."""
    path = getattr(scope.get("route"), "path", None)
    return path if isinstance(path, str) else UNMATCHED_ROUTE


class _PoolCollector(Collector):
    """The database pool, read at scrape time from the pool itself (no query)."""

    def __init__(self, database: Database) -> None:
        self.database = database

    def collect(self) -> Iterator[Metric]:
        pool: Any = self.database.engine.pool
        for name, reader, doc in (
            ("exchange_ledger_db_pool_size", "size", "Connections the pool keeps."),
            ("exchange_ledger_db_pool_checked_out", "checkedout", "Connections in use right now."),
            ("exchange_ledger_db_pool_overflow", "overflow", "Connections opened beyond the pool size."),
        ):
            method = getattr(pool, reader, None)
            if method is not None:
                yield GaugeMetricFamily(name, doc, value=float(method()))


class _BacklogFigures:
    """The webhook backlog as one scrape read it; `None` when it could not be read in time."""

    def __init__(self, backlog: Any | None) -> None:
        self.backlog = backlog

    def collect(self) -> Iterator[Metric]:
        yield GaugeMetricFamily(
            "exchange_ledger_webhook_backlog_read",
            "1 when this scrape read the webhook backlog, 0 when it could not in time (figures left out).",
            value=0.0 if self.backlog is None else 1.0,
        )
        if self.backlog is None:
            return
        for field, doc in (
            ("events_waiting", "Events not yet matched to subscriptions."),
            ("deliveries_pending", "Deliveries due or waiting to retry."),
            ("deliveries_dead", "Deliveries that gave up."),
        ):
            value = getattr(self.backlog, field, None)
            if value is not None:
                yield GaugeMetricFamily(f"exchange_ledger_webhook_{field}", doc, value=float(value))


class _Joined:
    """Several collectors exposed as one, for one scrape."""

    def __init__(self, *sources: Any) -> None:
        self.sources = sources

    def collect(self) -> Iterable[Metric]:
        for source in self.sources:
            yield from source.collect()


class Metrics:
    """The metrics of one app."""

    def __init__(
        self,
        database: Database,
        *,
        backlog: BacklogReader | None = None,
        key: str | None = None,
        backlog_wait_seconds: float = BACKLOG_WAIT_SECONDS,
    ) -> None:
        self.registry = CollectorRegistry()
        self.requests = Counter(
            "exchange_ledger_http_requests",
            "Requests answered, by method (standard ones, else other), route template and status.",
            ["method", "route", "status"],
            registry=self.registry,
        )
        self.latency = Histogram(
            "exchange_ledger_http_request_duration_seconds",
            "Time to answer, by method and route template.",
            ["method", "route"],
            buckets=(0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5),
            registry=self.registry,
        )
        self.errors = Counter(
            "exchange_ledger_http_unhandled_errors",
            "Requests that ended in an unexpected error (answered 500).",
            ["method", "route"],
            registry=self.registry,
        )
        self._pool = _PoolCollector(database)
        self.registry.register(self._pool)
        self.database = database
        self.backlog = backlog
        self.backlog_wait_seconds = backlog_wait_seconds
        self._expected = f"Bearer {key}".encode() if key else None
        # Held by the one thread reading the backlog; a scrape that finds it held does not wait for the database.
        self._reading = threading.Lock()

    def authorize(self, authorization: str | None) -> None:
        """Unauthenticated unless METRICS_KEY is unset or the request sends it as a bearer token."""
        if self._expected is None:
            return
        sent = (authorization or "").encode()
        if not hmac.compare_digest(sent, self._expected):
            raise Unauthenticated("Metrics need Authorization: Bearer <METRICS_KEY>.")

    def read_backlog(self) -> Any | None:
        """The webhook backlog (blocking: call it in a worker thread); None when another read is still
        waiting on the database or the read failed."""
        if self.backlog is None or not self._reading.acquire(blocking=False):
            return None
        try:
            with Session(self.database.engine) as session:
                return self.backlog(session)
        except Exception:  # a scrape must not fail because one figure could not be read
            logger.warning("webhook backlog could not be read for metrics", exc_info=True)
            return None
        finally:
            self._reading.release()

    async def scrape(self) -> tuple[bytes, str]:
        """Read the backlog off the event loop, waiting for it at most `backlog_wait_seconds`, then render."""
        backlog = None
        if self.backlog is not None:
            with anyio.move_on_after(self.backlog_wait_seconds):
                # Left behind when the wait runs out: its thread holds `_reading` until the database answers.
                backlog = await anyio.to_thread.run_sync(self.read_backlog, abandon_on_cancel=True)
        return await run_in_threadpool(self.render, backlog)

    def render(self, backlog: Any | None = None) -> tuple[bytes, str]:
        """The exposition text, summed over worker processes when PROMETHEUS_MULTIPROC_DIR is set."""
        figures = _BacklogFigures(backlog) if self.backlog is not None else None
        source: Any = self.registry
        if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
            from prometheus_client import multiprocess

            source = CollectorRegistry()
            multiprocess.MultiProcessCollector(source)  # type: ignore[no-untyped-call]
            source.register(self._pool)
        exposed = _Joined(source, figures) if figures is not None else source
        return generate_latest(exposed), CONTENT_TYPE_LATEST


async def metrics_endpoint(request: Request) -> Response:
    """The Prometheus exposition of this app (with METRICS_KEY set, for its bearer only)."""
    metrics: Metrics = request.app.state.metrics
    metrics.authorize(request.headers.get("authorization"))
    body, media_type = await metrics.scrape()
    return Response(body, media_type=media_type, headers={"Cache-Control": "no-store"})


class MetricsMiddleware:
    """Count and time every HTTP request by method, route template and status, each label bounded."""

    def __init__(self, app: ASGIApp, *, metrics: Metrics) -> None:
        self.app = app
        self.metrics = metrics

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = time.perf_counter()
        status = 500

        async def send_counted(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
            await send(message)

        method = method_label(scope["method"])
        try:
            await self.app(scope, receive, send_counted)
        except Exception:
            self.metrics.errors.labels(method, route_label(scope)).inc()
            raise
        finally:
            route = route_label(scope)
            self.metrics.requests.labels(method, route, status_label(status)).inc()
            self.metrics.latency.labels(method, route).observe(time.perf_counter() - started)
