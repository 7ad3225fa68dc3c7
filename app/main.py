"""The application: routers, middleware and error handlers, nothing else."""

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from fastapi import FastAPI
from fastapi.middleware.cors import CORSMiddleware
from fastapi.openapi.utils import get_openapi
from fastapi.routing import APIRoute

from app import __version__, docs, health
from app.agreements.router import commitments_router
from app.agreements.router import router as agreements_router
from app.announcements.router import router as announcements_router
from app.audit.router import log_router
from app.audit.router import router as audit_router
from app.audit.service import GENERATION_SQL
from app.core.caching import ReadCaching
from app.core.config import Settings, get_settings
from app.core.db import DirectConnections, LoopReads, SessionGuards
from app.core.errors import install_error_handlers, problem_media_type_only
from app.core.hsts import StrictTransportSecurityMiddleware
from app.core.limits import ReadBulkhead, RequestLimitsMiddleware, WriteGateMiddleware, declare_no_nul
from app.core.logging import RequestIdMiddleware
from app.core.methods import AllowedMethodsMiddleware
from app.core.metrics import Metrics, MetricsMiddleware, metrics_endpoint
from app.core.middleware import BodyLimitMiddleware, SecurityHeadersMiddleware
from app.core.ratelimit import RateLimitMiddleware, declare_rate_limit_fields, make_limiter
from app.core.readcache import AnonymousReadCache
from app.core.signing import load_signer
from app.core.writer import GroupWriter
from app.database import open_database
from app.dictionary.router import router as dictionary_router
from app.exports.router import router as exports_router
from app.feeds.router import router as feeds_router
from app.imports.models import declare_import_rows
from app.imports.router import router as imports_router
from app.keys.access import declare_open_reads
from app.outside.router import router as outside_router
from app.pages.router import router as pages_router
from app.parties.router import router as parties_router
from app.reviews.router import router as reviews_router
from app.status.policy import StatusPolicy
from app.status.reader import StatusFastPath, StatusSource
from app.status.router import router as status_router
from app.summaries.router import router as summaries_router
from app.terms.describe import describe_document
from app.updates.fastpath import UpdatePostFastPath
from app.updates.router import router as updates_router
from app.updates.service import finish_batch, prepare_batch
from app.webhooks.router import router as webhooks_router
from app.webhooks.service import backlog as webhook_backlog

DESCRIPTION = """
Tracks humanitarian exchange agreements between warring parties (prisoner exchanges,
returns of the remains of the fallen, returns of children) and how far each has come,
for each side, from monitors' fulfilment updates with their sources.

Reads are open unless the server requires a key; writes need an API key sent as
`Authorization: Bearer <key>`. Every error is an RFC 9457 problem document.
"""


def operation_id(route: APIRoute) -> str:
    """Operation ids that read well in generated clients: the route function's own name."""
    return route.name


def create_app(settings: Settings | None = None) -> FastAPI:
    """Build the application for these settings."""
    settings = settings or get_settings()
    database = open_database(
        settings.database_url, pool_size=settings.db_pool_size, guards=SessionGuards.from_settings(settings)
    )
    policy = StatusPolicy.from_settings(settings)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        if settings.status_notifications:
            app.state.status_source.watch()
        yield
        await app.state.limiter.close()
        await app.state.loop_reads.close()
        app.state.writer.close()
        app.state.status_source.close()
        database.dispose()

    app = FastAPI(
        title="exchange-ledger",
        version=__version__,
        description=DESCRIPTION,
        lifespan=lifespan,
        generate_unique_id_function=operation_id,
        license_info={"name": "AGPL-3.0-or-later"},
        # Served by app.docs from files in the package: FastAPI's own pages load their files from a CDN.
        docs_url=None,
        redoc_url=None,
        telemetry=None
        if settings.opentelemetry
        else {"tracing": False, "metrics": False, "logs": False, "operation_spans": False},
    )
    app.state.settings = settings
    app.state.database = database
    app.state.policy = policy
    app.state.signer = load_signer(settings)
    app.state.writer = GroupWriter(database, begin=prepare_batch, finish=finish_batch)
    app.state.read_caching = ReadCaching.from_settings(settings)
    app.state.direct = DirectConnections(database)
    app.state.loop_reads = LoopReads(database, guards=SessionGuards.from_settings(settings))
    app.state.status_source = StatusSource(app.state.direct, policy=policy)
    app.state.read_bulkhead = ReadBulkhead(
        limit=settings.expensive_reads, wait_seconds=settings.expensive_read_wait_seconds
    )
    install_error_handlers(app)
    # Middleware runs outermost last: request id, metrics, CORS and HSTS wrap everything else.
    # Innermost: a monitor's plain post of an update and the anonymous status poll, answered by their routes'
    # own functions inside every limit, header and metric below.
    app.add_middleware(UpdatePostFastPath)
    app.add_middleware(StatusFastPath)
    # Then anonymous list reads, kept until the next write anywhere moves the ledger's generation.
    status_source: StatusSource = app.state.status_source
    app.add_middleware(
        AnonymousReadCache,
        paths=frozenset({"/api/v1/agreements"}),
        generation=lambda: status_source.first_row(GENERATION_SQL) or (0, ""),
        enabled=lambda: not settings.require_key_for_reads,
    )
    # HEAD, OPTIONS and every 405's Allow from the routes themselves, not per route.
    app.add_middleware(AllowedMethodsMiddleware, routes=app.router.routes)
    app.add_middleware(WriteGateMiddleware, limit=settings.db_pool_size, routes=app.router.routes)
    app.add_middleware(RequestLimitsMiddleware, max_query_bytes=settings.max_query_bytes)
    app.add_middleware(BodyLimitMiddleware, max_bytes=settings.max_body_bytes)
    app.state.limiter = make_limiter(settings.redis_url)
    app.add_middleware(
        RateLimitMiddleware,
        limiter=app.state.limiter,
        per_address=settings.rate_limit_per_address,
        per_key=settings.rate_limit_per_key,
    )
    app.add_middleware(SecurityHeadersMiddleware)
    if settings.hsts_seconds:
        app.add_middleware(StrictTransportSecurityMiddleware, max_age=settings.hsts_seconds)
    if settings.cors_origins.strip():
        app.add_middleware(
            CORSMiddleware,
            allow_origins=[origin.strip() for origin in settings.cors_origins.split(",") if origin.strip()],
            allow_methods=["GET", "POST", "PATCH", "PUT", "DELETE"],
            allow_headers=["Authorization", "Content-Type", "Idempotency-Key", "If-Match", "If-None-Match"],
            expose_headers=["ETag", "Location", "Retry-After", "X-Request-ID"],
        )
    metrics_key = settings.metrics_key.get_secret_value().strip() if settings.metrics_key else ""
    app.state.metrics = Metrics(database, backlog=webhook_backlog, key=metrics_key or None)
    app.add_middleware(MetricsMiddleware, metrics=app.state.metrics)
    app.add_middleware(RequestIdMiddleware, access_log=settings.access_log)
    # A route of the API router, so its requests are counted under its own template.
    app.add_api_route("/metrics", metrics_endpoint, methods=["GET"], include_in_schema=False)
    app.include_router(docs.router)
    for router in (health.router, parties_router, agreements_router, updates_router, status_router, summaries_router):
        app.include_router(router)
    for router in (exports_router, feeds_router, imports_router, dictionary_router):
        app.include_router(router)
    app.include_router(webhooks_router)
    for router in (commitments_router, reviews_router, announcements_router, audit_router, log_router, outside_router):
        app.include_router(router)
    app.include_router(pages_router)

    def openapi() -> dict[str, Any]:
        if app.openapi_schema is None:
            document = problem_media_type_only(
                get_openapi(
                    title=app.title,
                    version=app.version,
                    description=app.description,
                    routes=app.routes,
                    license_info=app.license_info,
                )
            )
            declare_open_reads(document, app.routes, keys_required=settings.require_key_for_reads)
            declare_no_nul(document)
            declare_rate_limit_fields(document)
            declare_import_rows(document)
            describe_document(document)
            app.openapi_schema = document
        return app.openapi_schema

    app.openapi = openapi  # type: ignore[method-assign]
    return app
