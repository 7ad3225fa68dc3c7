"""Structured logs: one JSON object a line, each with the id of the request it belongs to.

The request id comes from the client's X-Request-ID when it is short and plain, else is made
here; it is sent back in X-Request-ID. Nothing from request headers or bodies is logged, and
every line passes through a filter that blanks anything shaped like an API key or a bearer
credential, so a secret that slips into an exception message still never reaches the log.
"""

import logging
import re
import secrets
import time
from contextvars import ContextVar
from datetime import UTC, datetime
from typing import Any

import orjson
from starlette.responses import Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

request_id_var: ContextVar[str | None] = ContextVar("request_id", default=None)

_VALID_REQUEST_ID = re.compile(r"^[A-Za-z0-9._:-]{1,128}$")
_SECRETS = re.compile(r"(elk\.[A-Za-z0-9_]{1,64}\.)[A-Za-z0-9_-]+|((?:Bearer|Basic)\s+)\S+", re.IGNORECASE)
# Attributes every LogRecord has; anything else was passed in `extra` and is logged as a field.
_STANDARD = set(vars(logging.LogRecord("", 0, "", 0, "", None, None))) | {"message", "asctime", "taskName"}
# uvicorn repeats its message with terminal colour codes for its own console formatter: not for a log file.
_DROPPED = {"color_message"}

access_logger = logging.getLogger("app.access")


def _stamp_request_id() -> None:
    # Stamp each record when it is made, so a handler that formats later still knows the request.
    make_record = logging.getLogRecordFactory()
    if getattr(make_record, "stamps_request_id", False):
        return

    def stamped(*args: Any, **kwargs: Any) -> logging.LogRecord:
        record = make_record(*args, **kwargs)
        record.request_id = request_id_var.get()
        return record

    stamped.stamps_request_id = True  # type: ignore[attr-defined]
    logging.setLogRecordFactory(stamped)


_stamp_request_id()


def redact(text: str) -> str:
    """The text with API key secrets and bearer credentials blanked."""
    return _SECRETS.sub(lambda m: (m.group(1) or m.group(2)) + "[redacted]", text)


class JsonFormatter(logging.Formatter):
    """One JSON object a line: time, level, logger, message, request id, extra fields, exception."""

    def format(self, record: logging.LogRecord) -> str:
        entry: dict[str, Any] = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname.lower(),
            "logger": record.name,
            "message": record.getMessage(),
            "request_id": getattr(record, "request_id", None) or request_id_var.get(),
        }
        for name, value in vars(record).items():
            if name not in _STANDARD and name not in _DROPPED and name not in entry:
                entry[name] = value
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        line = orjson.dumps(entry, default=str).decode()
        return redact(line)


def log_config(level: str) -> dict[str, Any]:
    """A logging configuration (dictConfig) that sends every logger, uvicorn's too, through JsonFormatter."""
    handler = {"class": "logging.StreamHandler", "formatter": "json", "stream": "ext://sys.stderr"}
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "formatters": {"json": {"()": JsonFormatter}},
        "handlers": {"default": handler},
        "root": {"handlers": ["default"], "level": level.upper()},
        "loggers": {
            "uvicorn": {"level": level.upper()},
            "uvicorn.error": {"level": level.upper()},
            # Our own access line carries the request id and never the query string.
            "uvicorn.access": {"level": "WARNING", "propagate": False},
        },
    }


def unexpected_error_response(scope: Scope) -> Response:
    """The 500 problem document, with the headers every other answer carries."""
    from app.core.errors import problem_response
    from app.core.middleware import SECURITY_HEADERS

    response = problem_response(
        status=500,
        slug="internal-error",
        title="Internal error",
        detail="The service failed to answer; nothing was written.",
        instance=scope.get("path"),
    )
    for name, value in SECURITY_HEADERS:
        response.headers.setdefault(name.decode(), value.decode())
    return response


def new_request_id() -> str:
    """A fresh request id: 16 random hex digits."""
    return secrets.token_hex(8)


class RequestIdMiddleware:
    """Tag the request with an id (X-Request-ID in and out) and, when asked, log one access line."""

    def __init__(self, app: ASGIApp, *, access_log: bool) -> None:
        self.app = app
        self.access_log = access_log

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        request_id = None
        for name, value in scope["headers"]:
            if name == b"x-request-id":
                candidate = value.decode("latin-1")
                if _VALID_REQUEST_ID.match(candidate):
                    request_id = candidate
                break
        request_id = request_id or new_request_id()
        token = request_id_var.set(request_id)
        started = time.perf_counter()
        status = 500

        started_response = False

        async def send_with_id(message: Message) -> None:
            nonlocal status, started_response
            if message["type"] == "http.response.start":
                status = message["status"]
                started_response = True
                message["headers"] = [*message.get("headers", []), (b"x-request-id", request_id.encode())]
            await send(message)

        try:
            await self.app(scope, receive, send_with_id)
        except Exception:
            # Answer here, with the request id and the security headers, rather than leave the bare
            # answer to the server's last-resort handler; then let the server log the traceback.
            if not started_response:
                await unexpected_error_response(scope)(scope, receive, send_with_id)
            raise
        finally:
            # On an exception the id stays set, so the server's traceback line carries it too.
            if self.access_log:
                access_logger.info(
                    "%s %s %s",
                    scope["method"],
                    scope["path"],
                    status,
                    extra={
                        "method": scope["method"],
                        "path": scope["path"],
                        "status": status,
                        "duration_ms": round((time.perf_counter() - started) * 1000, 3),
                        "client": (scope.get("client") or ("", 0))[0],
                    },
                )
        request_id_var.reset(token)
