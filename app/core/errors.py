"""One error type per meaning, each rendered as an RFC 9457 problem document by one handler."""

from typing import Any

import orjson
from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from pydantic import BaseModel, Field
from sqlalchemy.exc import OperationalError
from sqlalchemy.exc import TimeoutError as PoolTimeout
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.responses import Response

PROBLEM_MEDIA_TYPE = "application/problem+json"
PROBLEM_BASE = "https://exchange-ledger.org/problems/"
# PostgreSQL's SQLSTATE for a statement it cancelled, here always because it outran DB_STATEMENT_TIMEOUT_SECONDS.
QUERY_CANCELED = "57014"


class FieldProblem(BaseModel):
    """One field at fault in a request."""

    location: list[str | int]
    message: str
    type: str


class Problem(BaseModel):
    """An RFC 9457 problem document."""

    type: str = Field(examples=[PROBLEM_BASE + "not-found"])
    title: str
    status: int
    detail: str
    instance: str | None = None
    errors: list[FieldProblem] | None = None
    existing_id: str | None = Field(default=None)
    existing: str | None = Field(default=None)


class AppError(Exception):
    """Base of every error the service raises on purpose."""

    status = 400
    slug = "bad-request"
    title = "Bad request"

    def __init__(
        self, detail: str, *, headers: dict[str, str] | None = None, errors: list[dict[str, Any]] | None = None
    ) -> None:
        super().__init__(detail)
        self.detail = detail
        self.headers = headers or {}
        self.errors = errors
        self.members: dict[str, Any] = {}


class InvalidInput(AppError):
    status, slug, title = 422, "invalid-input", "The request breaks a rule of the ledger"


class Unauthenticated(AppError):
    status, slug, title = 401, "unauthenticated", "A valid API key is needed"

    def __init__(self, detail: str) -> None:
        super().__init__(detail, headers={"WWW-Authenticate": 'Bearer realm="exchange-ledger"'})


class Forbidden(AppError):
    status, slug, title = 403, "forbidden", "The key's role does not allow this"


class NotFound(AppError):
    status, slug, title = 404, "not-found", "No such resource"


class Conflict(AppError):
    status, slug, title = 409, "conflict", "The request conflicts with what is recorded"


class AlreadyRecorded(Conflict):
    """A duplicate of something recorded; the problem document points to what is."""

    slug, title = "already-recorded", "This is already recorded"

    def __init__(
        self, detail: str, *, existing_id: str, existing: str, errors: list[dict[str, Any]] | None = None
    ) -> None:
        super().__init__(detail, errors=errors)
        self.members = {"existing_id": existing_id, "existing": existing}


class NotAcceptable(AppError):
    status, slug, title = 406, "not-acceptable", "No acceptable representation"


class PreconditionFailed(AppError):
    status, slug, title = 412, "precondition-failed", "The resource changed since you read it"


class PreconditionRequired(AppError):
    status, slug, title = 428, "precondition-required", "This change needs If-Match"


class PayloadTooLarge(AppError):
    status, slug, title = 413, "payload-too-large", "The request body is too large"


class UnsupportedMediaType(AppError):
    status, slug, title = 415, "unsupported-media-type", "The body must be JSON"


class IdempotencyKeyReused(AppError):
    status, slug, title = (
        422,
        "idempotency-key-reused",
        "This Idempotency-Key was used for another request",
    )


class MalformedJson(AppError):
    status, slug, title = 400, "malformed-json", "The body is not valid JSON"


class ImportRefused(AppError):
    status, slug, title = 422, "import-refused", "The file has bad rows; nothing was imported"


class ServiceUnavailable(AppError):
    status, slug, title = 503, "unavailable", "The service is not ready"


class Busy(AppError):
    status, slug, title = 503, "busy", "The service is busy"

    def __init__(self, detail: str, *, retry_after: int) -> None:
        super().__init__(detail, headers={"Retry-After": str(retry_after)})


_STATUS_TITLES = {
    400: ("bad-request", "Bad request"),
    401: ("unauthenticated", "A valid API key is needed"),
    403: ("forbidden", "The key's role does not allow this"),
    404: ("not-found", "No such resource"),
    405: ("method-not-allowed", "Method not allowed"),
    406: ("not-acceptable", "No acceptable representation"),
    413: ("payload-too-large", "The request body is too large"),
    415: ("unsupported-media-type", "Unsupported media type"),
}


def problem_response(
    *,
    status: int,
    slug: str,
    title: str,
    detail: str,
    instance: str | None = None,
    errors: list[dict[str, Any]] | None = None,
    headers: dict[str, str] | None = None,
    members: dict[str, Any] | None = None,
) -> Response:
    """Render one problem document, with any extension members of its type."""
    body: dict[str, Any] = {
        "type": PROBLEM_BASE + slug,
        "title": title,
        "status": status,
        "detail": detail,
    }
    if instance:
        body["instance"] = instance
    if errors is not None:
        body["errors"] = errors
    body.update(members or {})
    return Response(orjson.dumps(body), status_code=status, media_type=PROBLEM_MEDIA_TYPE, headers=headers)


def _field_errors(exc: RequestValidationError) -> list[dict[str, Any]]:
    return [
        {
            "location": [str(p) if not isinstance(p, int) else p for p in err.get("loc", ())],
            "message": str(err.get("msg", "")),
            "type": str(err.get("type", "")),
        }
        for err in exc.errors()
    ]


def install_error_handlers(app: FastAPI) -> None:
    """Make every error, expected or not, a problem document."""

    async def on_app_error(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, AppError)
        return problem_response(
            status=exc.status,
            slug=exc.slug,
            title=exc.title,
            detail=exc.detail,
            instance=request.url.path,
            errors=exc.errors,
            headers=exc.headers,
            members=exc.members,
        )

    async def on_validation_error(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, RequestValidationError)
        errors = _field_errors(exc)
        if any(e["type"] == "json_invalid" for e in errors):
            return problem_response(
                status=400,
                slug="malformed-json",
                title="The body is not valid JSON",
                detail="The request body could not be parsed as JSON.",
                instance=request.url.path,
                errors=errors,
            )
        return problem_response(
            status=422,
            slug="validation-error",
            title="The request is not valid",
            detail=f"{len(errors)} field(s) failed validation.",
            instance=request.url.path,
            errors=errors,
        )

    async def on_http_error(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, StarletteHTTPException)
        slug, title = _STATUS_TITLES.get(exc.status_code, ("error", "Error"))
        return problem_response(
            status=exc.status_code,
            slug=slug,
            title=title,
            detail=str(exc.detail),
            instance=request.url.path,
            headers=dict(exc.headers or {}),
        )

    async def on_unexpected(request: Request, exc: Exception) -> Response:
        return problem_response(
            status=500,
            slug="internal-error",
            title="Internal error",
            detail="The service failed to answer; nothing was written.",
            instance=request.url.path,
        )

    async def on_pool_exhausted(request: Request, exc: Exception) -> Response:
        # Every database connection stayed busy past the pool timeout: overload, not a fault.
        return problem_response(
            status=503,
            slug="busy",
            title="The service is busy",
            detail="No database connection came free in time; nothing was written. Retry shortly.",
            instance=request.url.path,
            headers={"Retry-After": "1"},
        )

    async def on_database_error(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, OperationalError)
        if getattr(exc.orig, "sqlstate", None) != QUERY_CANCELED:
            raise exc  # left to the unexpected-error handler, which logs it
        # A statement that outran the statement timeout waited on locks or load: overload, not a fault.
        return problem_response(
            status=503,
            slug="busy",
            title="The service is busy",
            detail="The database took too long to answer; nothing was written. Retry shortly.",
            instance=request.url.path,
            headers={"Retry-After": "1"},
        )

    app.add_exception_handler(AppError, on_app_error)
    app.add_exception_handler(RequestValidationError, on_validation_error)
    app.add_exception_handler(StarletteHTTPException, on_http_error)
    app.add_exception_handler(PoolTimeout, on_pool_exhausted)
    app.add_exception_handler(OperationalError, on_database_error)
    app.add_exception_handler(Exception, on_unexpected)


_DESCRIPTIONS = {
    400: "Malformed JSON",
    401: "No key, or a wrong or revoked key",
    403: "The key's role is too low",
    404: "Not found",
    406: "No format the Accept header allows",
    409: "Conflicts with what is recorded",
    412: "If-Match names an older version",
    413: "Body too large",
    415: "The body's media type is not one this route reads",
    422: "The request is not valid",
    503: "Not ready",
}


def problems(*codes: int) -> dict[int | str, dict[str, Any]]:
    """OpenAPI entries for the problem documents a route can answer with."""
    return {
        code: {"model": Problem, "content": {PROBLEM_MEDIA_TYPE: {}}, "description": _DESCRIPTIONS[code]}
        for code in codes
    }


def problem_media_type_only(document: dict[str, Any]) -> dict[str, Any]:
    """Declare problem responses as application/problem+json only, the type they are sent with."""
    for operations in document.get("paths", {}).values():
        for operation in operations.values():
            for response in operation.get("responses", {}).values():
                content = response.get("content", {})
                if PROBLEM_MEDIA_TYPE in content and "application/json" in content:
                    content[PROBLEM_MEDIA_TYPE] = content.pop("application/json")
    _declare_limit_problems(document)
    return document


RETRY_AFTER_HEADER = {"Retry-After": {"description": "Seconds to wait before retrying.", "schema": {"type": "integer"}}}
# An expensive read (a dated status, a timeline, an export, a feed) turned away while others run.
BUSY: dict[int | str, dict[str, Any]] = {
    503: {
        "model": Problem,
        "content": {PROBLEM_MEDIA_TYPE: {}},
        "description": "Too many expensive reads at once; nothing was read. Retry after Retry-After seconds",
        "headers": RETRY_AFTER_HEADER,
    }
}


def _problem_response(description: str, headers: dict[str, Any] | None = None) -> dict[str, Any]:
    response: dict[str, Any] = {
        "description": description,
        "content": {PROBLEM_MEDIA_TYPE: {"schema": {"$ref": "#/components/schemas/Problem"}}},
    }
    if headers:
        response["headers"] = headers
    return response


def _declare_limit_problems(document: dict[str, Any]) -> None:
    """Declare the answers every API operation may get from the limits in front of it (414, 429; 415 for bodies)."""
    for path, operations in document.get("paths", {}).items():
        if not path.startswith("/api/"):
            continue
        for operation in operations.values():
            responses = operation.setdefault("responses", {})
            responses.setdefault("414", _problem_response("The URL or its query string is too long"))
            responses.setdefault(
                "429", _problem_response("Too many requests from this address or key", RETRY_AFTER_HEADER)
            )
            body = operation.get("requestBody", {}).get("content", {})
            if "application/json" in body:
                responses.setdefault("415", _problem_response("The body is not sent as application/json"))


READ_ONE = problems(401, 404, 422)
READ_MANY = problems(401, 422)
WRITE = problems(400, 401, 403, 404, 413, 422)
