"""HEAD and OPTIONS for every route, and 405s whose Allow names the methods the path really has."""

from collections.abc import Sequence

from fastapi.routing import iter_route_contexts
from starlette.datastructures import MutableHeaders
from starlette.responses import Response
from starlette.routing import BaseRoute, Match
from starlette.types import ASGIApp, Message, Receive, Scope, Send


def allowed_methods(routes: Sequence[BaseRoute], scope: Scope) -> set[str]:
    """The methods any route answers on this request's path (HEAD with GET, OPTIONS with any); empty if none."""
    methods: set[str] = set()
    # Route contexts flatten the routers FastAPI includes into the routes they hold.
    for route in iter_route_contexts(routes):
        if route.methods is not None and route.matches(scope)[0] is not Match.NONE:
            methods |= route.methods
    if "GET" in methods:
        methods.add("HEAD")
    if methods:
        methods.add("OPTIONS")
    return methods


def _allow(methods: set[str]) -> str:
    return ", ".join(sorted(methods))


class AllowedMethodsMiddleware:
    """Answer HEAD as GET without the body, OPTIONS with 204 and Allow, and give every 405 the path's Allow."""

    def __init__(self, app: ASGIApp, *, routes: Sequence[BaseRoute]) -> None:
        self.app = app
        # The router's own list: routes included after the middleware is added are seen too.
        self.routes = routes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        if scope["method"] == "OPTIONS":
            methods = allowed_methods(self.routes, scope)
            if methods:
                await Response(status_code=204, headers={"Allow": _allow(methods)})(scope, receive, send)
                return
        head = scope["method"] == "HEAD"
        inner_scope = {**scope, "method": "GET"} if head else scope

        async def send_with_allow(message: Message) -> None:
            if message["type"] == "http.response.start" and message["status"] == 405:
                MutableHeaders(scope=message)["Allow"] = _allow(allowed_methods(self.routes, scope))
            elif message["type"] == "http.response.body" and head:
                # Same headers as the GET (Content-Length included), no body: RFC 9110 section 9.3.2.
                if message.get("more_body", False):
                    return
                message = {"type": "http.response.body", "body": b"", "more_body": False}
            await send(message)

        await self.app(inner_scope, receive, send_with_allow)
