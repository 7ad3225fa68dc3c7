from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define

from ..models.attribution_position import AttributionPosition

if TYPE_CHECKING:
    from ..models.source import Source


T = TypeVar("T", bound="AttributionDisputeCreate")


@_attrs_define
class AttributionDisputeCreate:
    """A party's statement on whether a handover belongs to the agreement.

    Attributes:
        party_id (str): The id of the party.
        position (AttributionPosition): What a party says about a handover's attribution to the agreement.
        source (Source): Where a statement was published.
        statement (str): The party's statement, in words.
    """

    party_id: str
    position: AttributionPosition
    source: Source
    statement: str

    def to_dict(self) -> dict[str, Any]:
        party_id = self.party_id

        position = self.position.value

        source = self.source.to_dict()

        statement = self.statement

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "party_id": party_id,
                "position": position,
                "source": source,
                "statement": statement,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.source import Source  # noqa: PLC0415

        d = dict(src_dict)
        party_id = d.pop("party_id")

        position = AttributionPosition(d.pop("position"))

        source = Source.from_dict(d.pop("source"))

        statement = d.pop("statement")

        attribution_dispute_create = cls(
            party_id=party_id,
            position=position,
            source=source,
            statement=statement,
        )

        return attribution_dispute_create
