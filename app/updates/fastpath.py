"""A monitor's plain POST of an update, answered before routing by the route's own functions."""

import contextlib
import logging
from typing import Any

from pydantic import ValidationError
from starlette.requests import Request
from starlette.responses import Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from app.core.http import plain_idempotency_key, route_named
from app.core.limits import parsed_body
from app.keys.access import caller_of, checked_role
from app.keys.models import Role
from app.updates import service
from app.updates.models import UpdateCreate
from app.updates.router import created_response

logger = logging.getLogger("app.updates")
PREFIX = "/api/v1/agreements/"
SUFFIX = "/updates"
TEMPLATE = PREFIX + "{agreement_id}" + SUFFIX


class _Plain:
    """What a plain post says in its headers."""

    __slots__ = ("idempotency_key", "token")

    def __init__(self, token: str, idempotency_key: str | None) -> None:
        self.token = token
        self.idempotency_key = idempotency_key


def _plain_headers(scope: Scope) -> _Plain | None:
    """The bearer token and Idempotency-Key of a post this path may answer, else None."""
    token: str | None = None
    key: str | None = None
    json_body = False
    for name, value in scope["headers"]:
        if name == b"authorization":
            if token is not None:
                return None
            # As the bearer scheme reads the header: the scheme, one space, the credentials.
            scheme, _, credentials = value.decode("latin-1").partition(" ")
            if scheme.lower() != "bearer" or not credentials:
                return None
            token = credentials
        elif name == b"idempotency-key":
            if key is not None:
                return None
            key = value.decode("latin-1")
            if not plain_idempotency_key(key):
                return None  # the route answers the header's own 422
        elif name == b"content-type":
            if json_body:
                return None
            json_body = value == b"application/json"
            if not json_body:
                return None
    if token is None or not json_body:
        return None
    return _Plain(token, key)


def _replaying(messages: list[Message], receive: Receive) -> Receive:
    """A receive that hands the route the messages already read, then the client's later ones."""
    pending = list(messages)

    async def replay() -> Message:
        if pending:
            return pending.pop(0)
        return await receive()

    return replay


class UpdatePostFastPath:
    """Answer a monitor's plain POST of an update before routing; anything else goes through the route unchanged.

    Posting updates is the write path's whole traffic on an exchange day, and FastAPI's routing and
    dependency solving cost more than the write's own share of the core. Only the plainest post is
    answered here: no query, one bearer key of the monitor role or above, `Content-Type: application/json`,
    at most one valid Idempotency-Key, and a body that is a valid update. It runs the route's own
    functions in the route's order (the key check, `submit_update`, `created_response`) behind every
    middleware, and answers a refusal or a failure with the app's own handler for it. What the
    framework itself would refuse (no key, a header or a body it does not accept) is handed to the
    route with the body already read, so every answer has one definition and no write is tried twice.
    """

    def __init__(self, app: ASGIApp) -> None:
        self.app = app
        self._route: Any = None
        self.answered = 0  # posts answered here, not by the route

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        plain = self._plain(scope)
        if plain is None:
            await self.app(scope, receive, send)
            return
        messages: list[Message] = []
        chunks: list[bytes] = []
        while True:
            message = await receive()
            messages.append(message)
            if message["type"] != "http.request":
                await self.app(scope, _replaying(messages, receive), send)
                return
            chunks.append(message.get("body", b""))
            if not message.get("more_body", False):
                break
        body = chunks[0] if len(chunks) == 1 else b"".join(chunks)
        response = await self._answer(scope, plain, body)
        if response is None:
            await self.app(scope, _replaying(messages, receive), send)
            return
        self.answered += 1
        await response(scope, receive, send)

    def _plain(self, scope: Scope) -> _Plain | None:
        if scope["type"] != "http" or scope["method"] != "POST" or scope["query_string"] or scope.get("root_path"):
            return None
        path: str = scope["path"]
        if not path.startswith(PREFIX) or not path.endswith(SUFFIX):
            return None
        agreement_id = path[len(PREFIX) : -len(SUFFIX)]
        if not agreement_id or "/" in agreement_id or scope.get("app") is None:
            return None
        return _plain_headers(scope)

    async def _answer(self, scope: Scope, plain: _Plain, body: bytes) -> Any:
        """The route's answer to this post, or None to hand the post to the route."""
        document = parsed_body(scope, body)
        if not isinstance(document, dict):
            return None
        try:
            update_in = UpdateCreate.model_validate(document)
        except ValidationError:
            return None  # the route answers the framework's own 422
        app = scope["app"]
        state = app.state
        agreement_id = scope["path"][len(PREFIX) : -len(SUFFIX)]
        if self._route is None:
            self._route = route_named(app, TEMPLATE) or False
        if self._route:
            scope["route"] = self._route  # request metrics count these answers under the route's template
        scope["path_params"] = {"agreement_id": agreement_id}
        try:
            caller = checked_role(await caller_of(state, plain.token), Role.monitor)
            recorded = await service.submit_update(
                state.writer,
                agreement_id=agreement_id,
                update_in=update_in,
                caller=caller,
                idempotency_key=plain.idempotency_key,
                policy=state.policy,
            )
        except Exception as exc:  # a refusal, or a failure: a write that raised changed nothing
            return await _answer_to(scope, exc)
        return created_response(recorded)


async def _answer_to(scope: Scope, exc: Exception) -> Response:
    """The app's own answer to an exception (its handler for the nearest class), as the route would give it."""
    app = scope["app"]
    handlers = app.exception_handlers
    request = Request(scope)
    handler = next((handlers[cls] for cls in type(exc).__mro__ if cls in handlers), None)
    if handler is not None and handler is not handlers.get(Exception):
        # A handler that declines (a database error other than a timeout) leaves it unexpected.
        with contextlib.suppress(Exception):
            response: Response = await handler(request, exc)
            return response
    logger.error("posting an update failed", exc_info=exc)
    response = await handlers[Exception](request, exc)
    return response
