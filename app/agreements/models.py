"""Agreements and their commitments (terms), as stored and as the API shows them."""

from datetime import date, datetime
from enum import StrEnum
from typing import Annotated, Self

from pydantic import BaseModel, StrictInt, model_validator
from sqlmodel import Field, SQLModel

from app.core.inputs import INTEGRAL, Day, kept_when_absent
from app.core.languages import SUPPORTED_LANGUAGES, LanguageTag
from app.core.pagination import Page
from app.core.text import LongText, RequiredLongText, ShortText
from app.models.values import (
    FORBID_EXTRA,
    Category,
    CriteriaPublic,
    Measure,
    PartyId,
    Quantity,
    Source,
    SourcePublic,
    State,
    TargetQualifier,
)

# ---- tables ---------------------------------------------------------------------------


# ---- API shapes -----------------------------------------------------------------------


Age = Annotated[StrictInt, Field(ge=0, le=120), INTEGRAL]
TITLES_DESCRIPTION = (
    "The title in other languages, by BCP 47 tag; `en`, if given, must be the same as `title` (the English title)."
)


class Criteria(SQLModel):
    """Who is eligible under a commitment."""

    model_config = FORBID_EXTRA  # type: ignore[assignment]

    age_min: Age | None = None
    age_max: Age | None = None
    condition: ShortText | None = Field(default=None, schema_extra={"examples": ["seriously wounded or seriously ill"]})

    @model_validator(mode="after")
    def _ages_in_order(self) -> Self:
        if self.age_min is not None and self.age_max is not None and self.age_min > self.age_max:
            raise ValueError("age_min must not be greater than age_max")
        return self


class TargetIn(SQLModel):
    """The number one receiving party is to receive."""

    model_config = FORBID_EXTRA  # type: ignore[assignment]

    recipient_id: PartyId
    quantity: Quantity = Field(schema_extra={"examples": [6000]})
    qualifier: TargetQualifier = TargetQualifier.exact


class CommitmentCreate(SQLModel):
    """A new term: all-for-all, or a target per receiving party."""

    model_config = FORBID_EXTRA  # type: ignore[assignment]

    category: Category
    measure: Measure
    description: LongText | None = None
    criteria: Criteria | None = None
    due_on: Day | None = None
    targets: list[TargetIn] = Field(default_factory=list, max_length=20)

    @model_validator(mode="after")
    def _targets_match_measure(self) -> Self:
        if self.measure is Measure.target and not self.targets:
            raise ValueError("a commitment measured by target needs at least one target")
        if self.measure is Measure.all_for_all and self.targets:
            raise ValueError("an all-for-all commitment has no numeric targets")
        recipients = [t.recipient_id for t in self.targets]
        if len(set(recipients)) != len(recipients):
            raise ValueError("each receiving party may have only one target")
        return self


class AgreementCreate(SQLModel):
    """A whole agreement with its commitments, recorded in one call."""

    model_config = FORBID_EXTRA  # type: ignore[assignment]

    title: ShortText = Field(
        schema_extra={"examples": ["Istanbul talks, second round: humanitarian exchanges"]},
    )
    titles: dict[LanguageTag, ShortText] = Field(default_factory=dict, max_length=len(SUPPORTED_LANGUAGES))
    concluded_on: Day = Field(schema_extra={"examples": ["2025-06-02"]})
    venue: ShortText | None = Field(default=None, schema_extra={"examples": ["Istanbul"]})
    negotiation_round: ShortText | None = Field(default=None, schema_extra={"examples": ["second round"]})
    parties: list[PartyId] = Field(min_length=2, max_length=20)
    intermediaries: list[PartyId] = Field(default_factory=list, max_length=20)
    sources: list[Source] = Field(default_factory=list, max_length=50)
    notes: LongText | None = None
    commitments: list[CommitmentCreate] = Field(default_factory=list, max_length=50)


class CompletionCreate(SQLModel):
    """An editor's declaration that everyone eligible under an all-for-all term has been returned."""

    model_config = FORBID_EXTRA  # type: ignore[assignment]

    completed_on: Day
    source: Source
    note: LongText | None = None


class ReopeningCreate(SQLModel):
    """Withdrawing a declaration of completion."""

    model_config = FORBID_EXTRA  # type: ignore[assignment]

    reason: RequiredLongText


class AgreementUpdate(SQLModel):
    """A change to an agreement's description; every field is optional."""

    model_config = FORBID_EXTRA  # type: ignore[assignment]

    title: ShortText = kept_when_absent()
    titles: dict[LanguageTag, ShortText] | None = Field(
        default=None,
        max_length=len(SUPPORTED_LANGUAGES),
    )
    concluded_on: Day = kept_when_absent()
    venue: ShortText | None = None
    negotiation_round: ShortText | None = None
    sources: list[Source] | None = Field(default=None, max_length=50)
    notes: LongText | None = None


class PartyRef(SQLModel):
    """A party named in an agreement."""

    id: str
    name: str
    names: dict[str, str]
    country_code: str | None
    country_code_alpha3: str | None


class TargetPublic(SQLModel):
    """A target as shown."""

    recipient_id: str
    quantity: int
    qualifier: TargetQualifier


class CommitmentPublic(SQLModel):
    """A commitment as shown."""

    id: str
    agreement_id: str
    category: Category
    measure: Measure
    description: str | None
    criteria: CriteriaPublic | None
    due_on: date | None
    targets: list[TargetPublic]
    completed_on: date | None
    created_at: datetime


class AgreementPublic(SQLModel):
    """An agreement as shown, with its current state."""

    id: str
    title: str
    titles: dict[str, str]
    concluded_on: date
    venue: str | None
    negotiation_round: str | None
    notes: str | None
    parties: list[PartyRef]
    intermediaries: list[PartyRef]
    sources: list[SourcePublic]
    commitments: list[CommitmentPublic]
    state: State
    last_update_on: date | None
    revision: int
    created_at: datetime
    updated_at: datetime
    changed_at: datetime


class FacetName(StrEnum):
    """A count the agreements list can give beside a page."""

    state = "state"
    category = "category"
    party = "party"


class FacetCount(BaseModel):
    """How many agreements matching the filters have one value."""

    value: str
    name: str | None = Field(default=None)
    count: int


class AgreementFacets(BaseModel):
    """Counts of the agreements matching the filters, by value, for a filter sidebar; only those asked for."""

    state: list[FacetCount] | None = Field(default=None)
    category: list[FacetCount] | None = Field(default=None)
    party: list[FacetCount] | None = Field(default=None)


class AgreementPage(Page[AgreementPublic]):
    """A page of agreements."""

    facets: AgreementFacets | None = Field(default=None)
