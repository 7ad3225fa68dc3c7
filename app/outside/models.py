"""A handover that no agreement covers, as a monitor reports it."""

from typing import Annotated, Self

from pydantic import ConfigDict, StrictInt, model_validator
from sqlmodel import Field, SQLModel

from app.core.inputs import INTEGRAL, Day
from app.core.text import LongText, ShortText
from app.models.values import FORBID_EXTRA, MAX_QUANTITY, Category, PartyId, Qualifier, Source
from app.updates.models import MAX_LINES_PER_UPDATE


class OutsideLineIn(SQLModel):
    """One party's receipt in a handover outside any agreement; `quantity` null means the number was withheld."""

    model_config = ConfigDict(extra="forbid")  # type: ignore[assignment]

    category: Category | None = Field(default=None)
    recipient_id: PartyId
    quantity: Annotated[StrictInt, Field(ge=0, le=MAX_QUANTITY), INTEGRAL] | None
    qualifier: Qualifier = Qualifier.exact

    @model_validator(mode="after")
    def _withheld_is_not_qualified(self) -> Self:
        if self.quantity is None and self.qualifier is not Qualifier.exact:
            raise ValueError("a withheld quantity (null) takes no qualifier")
        return self


class OutsideHandoverCreate(SQLModel):
    """A handover between two parties that no agreement covers (a mediated exchange announced afterwards, say)."""

    model_config = FORBID_EXTRA  # type: ignore[assignment]

    parties: list[PartyId] = Field(min_length=2, max_length=2)
    intermediaries: list[PartyId] = Field(default_factory=list, max_length=10)
    occurred_on: Day
    stage: ShortText | None = None
    location: ShortText | None = None
    source: Source
    note: LongText | None = None
    lines: list[OutsideLineIn] = Field(min_length=1, max_length=MAX_LINES_PER_UPDATE)
    claim_of: PartyId | None = Field(
        default=None,
    )

    @model_validator(mode="after")
    def _consistent(self) -> Self:
        if self.parties[0] == self.parties[1]:
            raise ValueError("the two parties must differ")
        if set(self.intermediaries) & set(self.parties):
            raise ValueError("a party cannot mediate its own handover")
        seen = [(line.category, line.recipient_id) for line in self.lines]
        if len(set(seen)) != len(seen):
            raise ValueError("each (category, recipient_id) pair may appear only once in a handover")
        strangers = {line.recipient_id for line in self.lines} - set(self.parties)
        if strangers:
            raise ValueError(f"a line's recipient must be one of the two parties, not {sorted(strangers)[0]!r}")
        return self
