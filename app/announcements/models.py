"""Announced running totals: a source's claim about the cumulative figure, never added to the stages."""

from datetime import date, datetime

from sqlmodel import Field, SQLModel

from app.core.inputs import Day
from app.core.pagination import Page
from app.core.text import LongText, ShortText
from app.models.values import FORBID_EXTRA, Source, SourcePublic
from app.updates.models import LineIn, LinePublic


class AnnouncedTotalCreate(SQLModel):
    """A cumulative figure as a source announced it."""

    model_config = FORBID_EXTRA  # type: ignore[assignment]

    claimant: ShortText = Field(schema_extra={"examples": ["Coordination Headquarters for the Treatment of POWs"]})
    stated_on: Day
    source: Source
    note: LongText | None = None
    figures: list[LineIn] = Field(min_length=1, max_length=50)


class AnnouncedTotalPublic(SQLModel):
    """An announced running total as shown."""

    id: str
    agreement_id: str
    claimant: str
    stated_on: date
    source: SourcePublic
    note: str | None
    figures: list[LinePublic]
    created_at: datetime
    created_by: str | None


class AnnouncedTotalPage(Page[AnnouncedTotalPublic]):
    """A page of announced running totals."""
