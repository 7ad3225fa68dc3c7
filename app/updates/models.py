"""Fulfilment updates: a monitor's report of a handover, line by line; never edited in place."""

from datetime import date, datetime
from typing import Annotated, Any, Self

from pydantic import BaseModel, ConfigDict, StrictInt, model_validator
from sqlmodel import Field

from app.core.inputs import INTEGRAL, Day
from app.core.pagination import Page
from app.core.text import LongText, RequiredLongText, ShortText
from app.models.values import FORBID_EXTRA, MAX_QUANTITY, PartyId, Qualifier, ReviewState, Source, SourcePublic

MAX_LINES_PER_UPDATE = 200


# ---- API shapes -----------------------------------------------------------------------
# Plain pydantic models, not SQLModel: a nested SQLModel passes through SQLModel's own __init__ from Python,
# which tripled what validating a posted update (or an import row) costs and doubled building the answer.


class LineIn(BaseModel):
    """One party's receipt in a handover; `quantity` null means the number was withheld."""

    model_config = ConfigDict(
        extra="forbid",
        # The rule below, said in the schema: never a withheld quantity with a qualifier but the default.
        json_schema_extra={
            "not": {
                "required": ["quantity", "qualifier"],
                "properties": {"quantity": {"type": "null"}, "qualifier": {"not": {"const": Qualifier.exact.value}}},
            }
        },
    )

    commitment_id: PartyId | None = Field(default=None)
    recipient_id: PartyId
    quantity: Annotated[StrictInt, Field(ge=0, le=MAX_QUANTITY), INTEGRAL] | None = Field(
        schema_extra={"examples": [1212]},
    )
    qualifier: Qualifier = Qualifier.exact

    @model_validator(mode="after")
    def _withheld_is_not_qualified(self) -> Self:
        if self.quantity is None and self.qualifier is not Qualifier.exact:
            raise ValueError("a withheld quantity (null) takes no qualifier")
        return self


class HandoverReport(BaseModel):
    """What every account of a handover says: when, where, from which source, and the lines."""

    model_config = FORBID_EXTRA

    occurred_on: Day
    stage: ShortText | None = Field(default=None, schema_extra={"examples": ["1"]})
    location: ShortText | None = None
    source: Source
    note: LongText | None = None
    lines: list[LineIn] = Field(min_length=1, max_length=MAX_LINES_PER_UPDATE)

    @model_validator(mode="after")
    def _one_line_per_term_and_recipient(self) -> Self:
        seen = [(line.commitment_id, line.recipient_id) for line in self.lines]
        if len(set(seen)) != len(seen):
            raise ValueError("each (commitment_id, recipient_id) pair may appear only once in an update")
        return self


class UpdateCreate(HandoverReport):
    """A monitor's report of one handover."""

    claim_of: PartyId | None = Field(
        default=None,
    )


class CorrectionCreate(HandoverReport):
    """A corrected account of a handover that replaces an earlier update."""

    reason: RequiredLongText


class LinePublic(BaseModel):
    """A line as shown."""

    commitment_id: str | None
    recipient_id: str
    quantity: int | None
    qualifier: Qualifier

    @classmethod
    def of(cls, line: Any) -> "LinePublic":
        """A stored line (of an update or of an announced total) as shown."""
        return cls(
            commitment_id=line.commitment_id,
            recipient_id=line.recipient_id,
            quantity=line.quantity,
            qualifier=Qualifier(line.qualifier),
        )


class UpdatePublic(BaseModel):
    """An update as shown, with who posted it and when."""

    id: str
    agreement_id: str
    occurred_on: date
    stage: str | None
    location: str | None
    note: str | None
    source: SourcePublic
    lines: list[LinePublic]
    created_at: datetime
    created_by: str | None
    handover_id: str
    claim_of: str | None
    supersedes: str | None
    superseded_by: str | None
    correction_reason: str | None
    review_state: ReviewState
    reviewed_at: datetime | None
    changed_at: datetime | None = Field(
        default=None,
    )
    log_entry: int | None = None


class UpdatePage(Page[UpdatePublic]):
    """A page of fulfilment updates."""
