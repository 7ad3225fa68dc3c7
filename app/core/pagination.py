"""Cursor pages: a page of items and the opaque cursor of the next one."""

import base64
import binascii
from typing import Annotated, Generic, TypeVar

from fastapi import Query
from pydantic import BaseModel, Field

from app.core.errors import InvalidInput

T = TypeVar("T")

MAX_LIMIT = 200


class Page(BaseModel, Generic[T]):
    """One page of a list; pass `next_cursor` as `cursor` to get the next, null at the end."""

    items: list[T]
    next_cursor: str | None = Field(description="Opaque; absent at the last page.")
    total: int | None = Field(
        default=None, description="How many items match the filters, over every page; given when asked (with_total)."
    )


def encode_cursor(last_id: str) -> str:
    """The cursor that resumes after `last_id`."""
    return base64.urlsafe_b64encode(last_id.encode()).decode().rstrip("=")


def decode_cursor(cursor: str | None) -> str | None:
    """The id a cursor resumes after, or InvalidInput when it was not made by us."""
    if cursor is None:
        return None
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)).decode()
    except (binascii.Error, UnicodeDecodeError, ValueError) as exc:
        raise InvalidInput("The cursor is not one this service issued.") from exc
    if not raw or len(raw) > 64 or not raw.isascii() or not raw.replace("_", "").isalnum():
        raise InvalidInput("The cursor is not one this service issued.")
    return raw


WithTotalQuery = Annotated[
    bool, Query(description="Also count every item that matches the filters (`total`): one more query.")
]
LimitQuery = Annotated[int, Query(ge=1, le=MAX_LIMIT, description="Items per page, at most 200.")]
CursorQuery = Annotated[str | None, Query(max_length=100, description="The `next_cursor` of the previous page.")]
