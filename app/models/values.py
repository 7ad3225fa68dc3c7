"""Value types shared by several domains: categories, measures, states, review states, sources, limits."""

from datetime import date
from enum import StrEnum
from typing import Annotated, Any, Self

from pydantic import BaseModel, ConfigDict, StrictInt, model_validator
from sqlmodel import Field, SQLModel

from app.core.inputs import INTEGRAL, Day
from app.core.text import ShortText, Url

FORBID_EXTRA = ConfigDict(extra="forbid")


MAX_QUANTITY = 10_000_000


class Category(StrEnum):
    """Who or what a commitment is about."""

    prisoners_of_war = "prisoners_of_war"
    wounded_and_sick = "wounded_and_sick"
    remains = "remains"
    civilian_detainees = "civilian_detainees"
    children = "children"
    political_prisoners = "political_prisoners"
    journalists = "journalists"
    other = "other"


class Measure(StrEnum):
    """How a commitment is measured: everyone eligible, or a number per receiving party."""

    all_for_all = "all_for_all"
    target = "target"


class TargetQualifier(StrEnum):
    """Whether a target is an exact number or a floor ("at least 1,000")."""

    exact = "exact"
    at_least = "at_least"


class State(StrEnum):
    """Where a commitment or an agreement stands on a day, derived from its updates and the date:
    `not_started` (no handover yet), `in_progress`, `fulfilled`, `stalled` (its handovers stopped: the
    last is more than `STALL_DAYS` old) or `overdue` (past its due date, unfulfilled)."""

    not_started = "not_started"
    in_progress = "in_progress"
    fulfilled = "fulfilled"
    stalled = "stalled"
    overdue = "overdue"


class AgreementKind(StrEnum):
    """What an agreement row holds: an agreement the parties made, or the record of the handovers between
    parties that no agreement covers (never listed as an agreement, never given a status)."""

    agreement = "agreement"
    outside = "outside"


class PartyRole(StrEnum):
    """How a party takes part in an agreement."""

    party = "party"
    intermediary = "intermediary"


Quantity = Annotated[StrictInt, Field(ge=0, le=MAX_QUANTITY), INTEGRAL]


PartyId = Annotated[str, Field(min_length=1, max_length=40)]


# A source names at least one of these. Said in the schema as "not all of them null or left out",
# a form generated clients read as the one object it is.
_NAMING_FIELDS = ("url", "title", "publisher")


class Source(BaseModel):
    """Where a statement was published."""

    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={"not": {"properties": {name: {"type": "null"} for name in _NAMING_FIELDS}}},
    )

    url: Url | None = Field(default=None, schema_extra={"examples": ["https://example.org/report"]})
    title: ShortText | None = None
    publisher: ShortText | None = Field(default=None, schema_extra={"examples": ["UNN"]})
    published_on: Day | None = None

    @model_validator(mode="after")
    def _names_something(self) -> Self:
        if self.url is None and self.publisher is None and self.title is None:
            raise ValueError("a source needs at least a url, a title or a publisher")
        return self


class CriteriaPublic(SQLModel):
    """Eligibility as shown."""

    age_min: int | None
    age_max: int | None
    condition: str | None


class SourcePublic(BaseModel):
    """A source as shown."""

    url: str | None
    title: str | None
    publisher: str | None
    published_on: date | None

    @classmethod
    def of(cls, record: Any) -> "SourcePublic":
        """The source a stored record cites in its `source_*` columns."""
        return cls(
            url=record.source_url,
            title=record.source_title,
            publisher=record.source_publisher,
            published_on=getattr(record, "source_published_on", None),
        )


UNATTRIBUTED = "unattributed"


class ReviewState(StrEnum):
    """Where a claim stands in review: every update starts reported."""

    reported = "reported"
    verified = "verified"
    disputed = "disputed"
    rejected = "rejected"


class Qualifier(StrEnum):
    """How exact a reported number is."""

    exact = "exact"
    approximate = "approximate"
    at_least = "at_least"


class AttributionPosition(StrEnum):
    """What a party says about a handover's attribution to the agreement."""

    belongs = "belongs"
    does_not_belong = "does_not_belong"
