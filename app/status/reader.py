"""A dedicated connection for status reads on the event loop: one indexed lookup, no pool, no ORM."""

import contextlib
import logging
import threading
from datetime import date
from typing import Any

from starlette.responses import Response
from starlette.types import ASGIApp, Receive, Scope, Send

from app.core.caching import ReadCaching
from app.core.db import DirectConnections
from app.core.http import etag_matches, route_named
from app.core.languages import DEFAULT_LANGUAGE, Language, preferred_language
from app.status.policy import StatusPolicy
from app.status.render import RenderedStatus, StatusReader

logger = logging.getLogger("app.status")
# The channel a PostgreSQL trigger on status_snapshot notifies with the agreement id (migration 0011).
CHANNEL = "status_changed"
RECONNECT_SECONDS = 1.0


class StatusSource:
    """Reads ready status documents through a connection of its own per thread (`DirectConnections`).

    On PostgreSQL, `watch` listens for the database's notice of each changed document, so a status
    rendered once is answered again with no query at all until its agreement changes; while the
    listener is not connected, every answer asks for the revision as on SQLite.
    """

    def __init__(self, direct: DirectConnections, *, policy: StatusPolicy) -> None:
        self._direct = direct
        self._database = direct.database
        self._reader = StatusReader(policy=policy)
        self._stop = threading.Event()
        self._listener: threading.Thread | None = None

    def watch(self) -> None:
        """Start listening for changed documents (PostgreSQL only; SQLite asks at each read, cheaply)."""
        if self._database.is_sqlite or self._listener is not None:
            return
        self._stop.clear()
        self._listener = threading.Thread(target=self._listen, name="status-listener", daemon=True)
        self._listener.start()

    @property
    def listening(self) -> bool:
        """Whether every change of a document is being heard, so kept renderings are answered without a query."""
        return self._reader.trusted

    def _listen(self) -> None:
        while not self._stop.is_set():
            pooled = None
            try:
                pooled = self._database.engine.raw_connection()
                connection: Any = pooled.driver_connection
                connection.autocommit = True
                connection.execute(f"LISTEN {CHANNEL}")
                self._reader.trust(True)  # from here every change is heard; earlier renderings are checked once
                while not self._stop.is_set():
                    for notice in connection.notifies(timeout=RECONNECT_SECONDS):
                        self._reader.changed(notice.payload)
            except Exception:
                if not self._stop.is_set():
                    logger.warning("status change listener lost its connection; reads ask for revisions", exc_info=True)
            finally:
                self._reader.trust(False)
                if pooled is not None:
                    with contextlib.suppress(Exception):
                        pooled.invalidate()
            self._stop.wait(RECONNECT_SECONDS)

    def read(self, *, agreement_id: str, today: date) -> RenderedStatus | None:
        """The rendered status of an agreement, reconnecting once if the connection was lost."""
        return self._direct.call(
            lambda connection: self._reader.read(connection, agreement_id=agreement_id, today=today)
        )

    def first_row(self, sql: str) -> tuple[Any, ...] | None:
        """The first row of a query without parameters (None for none), on the same connection."""
        return self._direct.first_row(sql)

    def close(self) -> None:
        """Stop listening, and close this thread's connection, if any."""
        self._stop.set()
        if self._listener is not None:
            self._listener.join(timeout=5)
            self._listener = None
        self._direct.close()


def status_headers(etag: str, *, caching: dict[str, str]) -> dict[str, str]:
    """The headers of a status answer (200 or 304), built once for the route and the fast path alike."""
    return {"ETag": etag, **caching}


def in_language_etag(etag: str, language: str) -> str:
    """The validator of a status answered in `language`: the English one's, marked with any other language."""
    return etag if language == DEFAULT_LANGUAGE else f'{etag[:-1]}.{language}"'


ENGLISH = Language(DEFAULT_LANGUAGE)
STATUS_PREFIX = "/api/v1/agreements/"
STATUS_SUFFIX = "/status"
MAX_ETAG_HEADER = 1000  # as the route's If-None-Match header declares


class StatusFastPath:
    """Answer the anonymous status poll before routing; anything else goes through the route unchanged.

    Polling the status of an agreement is most of the traffic, and FastAPI's routing and dependency
    solving cost several times the read itself. Only the plainest request is answered here: GET, no
    query, no key, reads open, at most one If-None-Match within its limit, an agreement that exists, and
    English wanted (no Accept-Language preferring another language the ledger keeps names in).
    Its answer is the one the route gives, byte for byte, caching headers from the same rule; every
    other request (a key to check, an unknown id, `as_of`, an error) is left to the route, so
    behaviour has a single definition.
    """

    def __init__(self, app: ASGIApp) -> None:
        self.app = app
        self._route: Any = None

    def _plain_poll(self, scope: Scope) -> tuple[str, str | None] | None:
        """The agreement id and If-None-Match of a request this path may answer, else None."""
        path: str = scope["path"]
        if (
            scope["method"] != "GET"
            or scope["query_string"]
            or scope.get("root_path")
            or not path.startswith(STATUS_PREFIX)
            or not path.endswith(STATUS_SUFFIX)
        ):
            return None
        agreement_id = path[len(STATUS_PREFIX) : -len(STATUS_SUFFIX)]
        if not agreement_id or "/" in agreement_id:
            return None
        if_none_match: str | None = None
        for name, value in scope["headers"]:
            if name == b"authorization":
                return None
            if name == b"accept-language" and preferred_language(value.decode("latin-1")) not in (
                None,
                DEFAULT_LANGUAGE,
            ):
                return None  # the route names the parties in that language
            if name == b"if-none-match":
                if if_none_match is not None or len(value) > MAX_ETAG_HEADER:
                    return None
                if_none_match = value.decode("latin-1")
        return agreement_id, if_none_match

    def _status_route(self, app: Any) -> Any:
        # Found once, so request metrics count these answers under the route's template.
        if self._route is None:
            self._route = route_named(app, STATUS_PREFIX + "{agreement_id}" + STATUS_SUFFIX) or False
        return self._route or None

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        poll = self._plain_poll(scope) if scope["type"] == "http" else None
        app = scope.get("app")
        if poll is None or app is None or app.state.settings.require_key_for_reads:
            await self.app(scope, receive, send)
            return
        agreement_id, if_none_match = poll
        source: StatusSource = app.state.status_source
        try:
            rendered = source.read(agreement_id=agreement_id, today=date.today())
        except Exception:  # the route reports it, as it reports any failure
            rendered = None
        if rendered is None:
            await self.app(scope, receive, send)
            return
        route = self._status_route(app)
        if route is not None:
            scope["route"] = route
        scope["path_params"] = {"agreement_id": agreement_id}
        caching: ReadCaching = app.state.read_caching
        headers = status_headers(rendered.etag, caching={**ENGLISH.headers(), **caching.headers(with_key=False)})
        if etag_matches(if_none_match, rendered.etag):
            response = Response(status_code=304, headers=headers)
        else:
            response = Response(rendered.content, media_type="application/json", headers=headers)
        await response(scope, receive, send)
