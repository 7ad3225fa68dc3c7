"""HTTP conditionals shared by the routers: ETags and If-None-Match."""

from typing import Annotated

from fastapi import Header, Request

IfNoneMatch = Annotated[str | None, Header(max_length=1000, description="An ETag seen before; 304 if unchanged.")]
IfMatch = Annotated[str | None, Header(max_length=1000, description="The ETag of the version being changed.")]
IdempotencyKey = Annotated[
    str | None,
    Header(
        min_length=1,
        max_length=200,
        pattern=r"^[\x21-\x7e]+$",
        description="Any unique string per logical request; a retry with the same key and body is recorded once.",
    ),
]


def etag_matches(if_none_match: str | None, etag: str) -> bool:
    """Whether an If-None-Match header names this ETag (weak comparison, as RFC 9110 asks)."""
    if if_none_match is None:
        return False
    if if_none_match.strip() == "*":
        return True
    wanted = etag.removeprefix("W/")
    return any(tag.strip().removeprefix("W/") == wanted for tag in if_none_match.split(","))


def wants_no_store(request: Request) -> bool:
    """Whether the caller sent credentials (then responses must not land in shared caches)."""
    return "authorization" in request.headers
