"""Strict-Transport-Security, sent only on requests that arrived over TLS (directly or via the proxy)."""

from starlette.types import ASGIApp, Message, Receive, Scope, Send


class StrictTransportSecurityMiddleware:
    """Tell browsers to use HTTPS only, for `max_age` seconds, on responses to HTTPS requests."""

    def __init__(self, app: ASGIApp, *, max_age: int) -> None:
        self.app = app
        self.header = (b"strict-transport-security", f"max-age={max_age}; includeSubDomains".encode())

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope.get("scheme") != "https":
            await self.app(scope, receive, send)
            return

        async def with_header(message: Message) -> None:
            if message["type"] == "http.response.start":
                message["headers"] = [*message.get("headers", []), self.header]
            await send(message)

        await self.app(scope, receive, with_header)
