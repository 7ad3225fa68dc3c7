"""Cursor pages: a page of items and the opaque cursor of the next one."""

from typing import Annotated, Generic, TypeVar

from fastapi import Query
from pydantic import BaseModel, Field

T = TypeVar("T")

MAX_LIMIT = 200


class Page(BaseModel, Generic[T]):
    """One page of a list; pass `next_cursor` as `cursor` to get the next, null at the end."""

    items: list[T]
    next_cursor: str | None = Field(description="Opaque; absent at the last page.")
    total: int | None = Field(
        default=None, description="How many items match the filters, over every page; given when asked (with_total)."
    )


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


WithTotalQuery = Annotated[
    bool, Query(description="Also count every item that matches the filters (`total`): one more query.")
]
LimitQuery = Annotated[int, Query(ge=1, le=MAX_LIMIT, description="Items per page, at most 200.")]
CursorQuery = Annotated[
    str | None,
    Query(pattern=CURSOR_PATTERN, description="The `next_cursor` of the previous page; treat it as opaque."),
]
