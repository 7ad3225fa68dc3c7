"""ASGI middleware kept lean: body-size cap and security headers on every response."""

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from app.core.errors import problem_response

SECURITY_HEADERS = [
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
    (b"x-frame-options", b"DENY"),
    (b"content-security-policy", b"default-src 'none'; frame-ancestors 'none'"),
]
# HTML pages load their own stylesheet and draw SVG; nothing else, and no script at all.
HTML_CONTENT_SECURITY_POLICY = (
    b"default-src 'none'; style-src 'self'; img-src 'self' data:; form-action 'self'; "
    b"base-uri 'none'; frame-ancestors 'none'"
)
HTML_SECURITY_HEADERS = [
    (name, HTML_CONTENT_SECURITY_POLICY if name == b"content-security-policy" else value)
    for name, value in SECURITY_HEADERS
]


def _is_html(headers: list[tuple[bytes, bytes]]) -> bool:
    return any(name.lower() == b"content-type" and value.startswith(b"text/html") for name, value in headers)


class _TooLarge(Exception):
    pass


class BodyLimitMiddleware:
    """Refuse bodies over the limit with 413, whether or not Content-Length was sent."""

    def __init__(self, app: ASGIApp, *, max_bytes: int) -> None:
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] in ("GET", "HEAD", "OPTIONS"):
            await self.app(scope, receive, send)
            return
        for name, value in scope["headers"]:
            if name == b"content-length" and value.isdigit() and int(value) > self.max_bytes:
                await self._refuse(scope, receive, send)
                return
        seen = 0
        response_started = False

        async def limited_receive() -> Message:
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > self.max_bytes:
                    raise _TooLarge
            return message

        async def tracking_send(message: Message) -> None:
            nonlocal response_started
            if message["type"] == "http.response.start":
                response_started = True
            await send(message)

        try:
            await self.app(scope, limited_receive, tracking_send)
        except _TooLarge:
            if not response_started:
                await self._refuse(scope, receive, send)

    async def _refuse(self, scope: Scope, receive: Receive, send: Send) -> None:
        response = problem_response(
            status=413,
            slug="payload-too-large",
            title="The request body is too large",
            detail=f"Request bodies are limited to {self.max_bytes} bytes.",
            instance=scope.get("path"),
        )
        await response(scope, receive, send)


class SecurityHeadersMiddleware:
    """Add headers that stop browsers from sniffing, framing or leaking referrers."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = message.get("headers", [])
                extra = HTML_SECURITY_HEADERS if _is_html(headers) else SECURITY_HEADERS
                # A response that states its own policy keeps it: two policies would both apply. One that
                # says who may frame it (an embed view) gets no X-Frame-Options, which could only forbid.
                named = {name.lower() for name, _ in headers}
                own_policy = b" ".join(value for name, value in headers if name.lower() == b"content-security-policy")
                if b"frame-ancestors" in own_policy:
                    named.add(b"x-frame-options")
                message["headers"] = [*headers, *(pair for pair in extra if pair[0] not in named)]
            await send(message)

        await self.app(scope, receive, with_headers)
