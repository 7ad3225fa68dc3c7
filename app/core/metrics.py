"""Prometheus metrics at /metrics: requests, latencies, errors, database pool, webhook backlog.

Each app has a registry of its own. Request metrics are counted by route template (never by raw
path, so ids cannot blow up the number of series). Pool and backlog figures are read when
scraped, not on every request. Several worker processes under one server: set
PROMETHEUS_MULTIPROC_DIR to an empty directory and /metrics sums every worker's counts.
"""

import logging
import os
import time
from collections.abc import Callable, Iterator
from typing import Any

from prometheus_client import CONTENT_TYPE_LATEST, CollectorRegistry, Counter, Histogram, generate_latest
from prometheus_client.core import GaugeMetricFamily, Metric
from prometheus_client.registry import Collector
from sqlmodel import Session
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from app.core.db import Database

logger = logging.getLogger("app.metrics")

# A function that reads the webhook backlog from a session, given by the app (core knows no webhooks).
BacklogReader = Callable[[Session], Any]


class _ScrapeTimeCollector(Collector):
    """Database pool and webhook backlog, read at scrape time."""

    def __init__(self, database: Database, backlog: BacklogReader | None) -> None:
        self.database = database
        self.backlog = backlog

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
        if self.backlog is None:
            return
        try:
            with Session(self.database.engine) as session:
                backlog = self.backlog(session)
        except Exception:  # a scrape must not fail because one figure could not be read
            logger.warning("webhook backlog could not be read for metrics", exc_info=True)
            return
        for field, doc in (
            ("events_waiting", "Events not yet matched to subscriptions."),
            ("deliveries_pending", "Deliveries due or waiting to retry."),
            ("deliveries_dead", "Deliveries that gave up."),
        ):
            value = getattr(backlog, field, None)
            if value is not None:
                yield GaugeMetricFamily(f"exchange_ledger_webhook_{field}", doc, value=float(value))


class Metrics:
    """The metrics of one app."""

    def __init__(self, database: Database, *, backlog: BacklogReader | None = None) -> None:
        self.registry = CollectorRegistry()
        self.requests = Counter(
            "exchange_ledger_http_requests",
            "Requests answered, by method, route template and status.",
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
        self._scrape_time = _ScrapeTimeCollector(database, backlog)
        self.registry.register(self._scrape_time)

    def render(self) -> tuple[bytes, str]:
        """The exposition text, summed over worker processes when PROMETHEUS_MULTIPROC_DIR is set."""
        if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
            from prometheus_client import multiprocess

            combined = CollectorRegistry()
            multiprocess.MultiProcessCollector(combined)  # type: ignore[no-untyped-call]
            combined.register(self._scrape_time)
            return generate_latest(combined), CONTENT_TYPE_LATEST
        return generate_latest(self.registry), CONTENT_TYPE_LATEST


async def metrics_endpoint(request: Request) -> Response:
    """The Prometheus exposition of this app."""
    metrics: Metrics = request.app.state.metrics
    # The collector reads the webhook backlog from the database: in a thread, never on the event loop.
    body, media_type = await run_in_threadpool(metrics.render)
    return Response(body, media_type=media_type)


class MetricsMiddleware:
    """Count and time every HTTP request by its route template."""

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

        try:
            await self.app(scope, receive, send_counted)
        except Exception:
            self.metrics.errors.labels(scope["method"], self._route(scope)).inc()
            raise
        finally:
            route = self._route(scope)
            self.metrics.requests.labels(scope["method"], route, str(status)).inc()
            self.metrics.latency.labels(scope["method"], route).observe(time.perf_counter() - started)

    @staticmethod
    def _route(scope: Scope) -> str:
        route = scope.get("route")
        path = getattr(route, "path", None)
        return path if isinstance(path, str) else "unmatched"
