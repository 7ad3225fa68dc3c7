"""Cursor pages: a page of items and the opaque cursor of the next one."""

from typing import Annotated, Generic, TypeVar

from fastapi import Query
from pydantic import BaseModel, Field

T = TypeVar("T")

MAX_LIMIT = 200


class Page(BaseModel, Generic[T]):
    """One page of a list; pass `next_cursor` as `cursor` to get the next, null at the end."""

    items: list[T]
    next_cursor: str | None
    total: int | None = Field(default=None)


# A cursor is the position after which the next page starts: the last id shown. Any string of this
# shape is a position in id order (an unknown one starts the page at the next id after it), so every
# cursor the document allows is one the service can follow.
CURSOR_PATTERN = r"^[0-9a-z_]{1,64}$"


def encode_cursor(last_id: str) -> str:
    """The cursor that resumes after `last_id`."""
    return last_id


def decode_cursor(cursor: str | None) -> str | None:
    """The id a cursor resumes after (its shape is checked where the query is read)."""
    return cursor


WithTotalQuery = Annotated[bool, Query()]
LimitQuery = Annotated[int, Query(ge=1, le=MAX_LIMIT)]
CursorQuery = Annotated[
    str | None,
    Query(pattern=CURSOR_PATTERN),
]
