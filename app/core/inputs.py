"""Input types whose JSON Schema says exactly what they accept.

A day is written YYYY-MM-DD (`format: date`), never as a number or a timestamp; a whole number is a
JSON integer, 3.0 included (JSON Schema counts it as one), never a string or a boolean; a change
body's field that may be left out but not removed refuses null.
"""

import re
from datetime import date, datetime
from typing import Annotated, Any

from pydantic import AwareDatetime, BeforeValidator
from sqlmodel import Field

_FULL_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


def _written_as_a_day(value: Any) -> Any:
    if isinstance(value, str):
        if not _FULL_DATE.fullmatch(value):
            raise ValueError("must be a day written YYYY-MM-DD")
    elif not isinstance(value, date):
        raise ValueError("must be a day written YYYY-MM-DD")
    return value


_MOMENT = re.compile(
    r"[0-9]{4}-[0-9]{2}-[0-9]{2}[Tt ][0-9]{2}:[0-9]{2}(:[0-9]{2}(\.[0-9]{1,9})?)?([Zz]|[+-][0-9]{2}:[0-9]{2})"
)


def _written_as_a_moment(value: Any) -> Any:
    if isinstance(value, str):
        if not _MOMENT.fullmatch(value):
            raise ValueError("must be a moment written as RFC 3339 with its offset, such as 2025-06-16T12:00:00Z")
    elif not isinstance(value, datetime):
        raise ValueError("must be a moment written as RFC 3339 with its offset, such as 2025-06-16T12:00:00Z")
    return value


def _integral(value: Any) -> Any:
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


Day = Annotated[date, BeforeValidator(_written_as_a_day)]
# A moment is written as RFC 3339 with its offset (`format: date-time`), never as a number of seconds.
Moment = Annotated[AwareDatetime, BeforeValidator(_written_as_a_moment)]
# Put after a StrictInt's bounds (`Annotated[StrictInt, Field(ge=.., le=..), INTEGRAL]`): placed before
# them, the bounds would reach the schema as `ge`/`le` instead of `minimum`/`maximum`.
INTEGRAL = BeforeValidator(_integral)


def _no_default(schema: dict[str, Any]) -> None:
    schema.pop("default", None)


def kept_when_absent(**kwargs: Any) -> Any:
    """A field that may be left out but not sent as null: the value it changes cannot be removed.

    Annotate it with its type alone (not `| None`): null is then refused as the wrong type, and the
    schema lists the field as optional and not nullable, with no default to suggest otherwise.
    """
    return Field(default=None, schema_extra={"json_schema_extra": _no_default}, **kwargs)
