from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.attribution_position import AttributionPosition

if TYPE_CHECKING:
    from ..models.source_public import SourcePublic


T = TypeVar("T", bound="AttributionDisputePublic")


@_attrs_define
class AttributionDisputePublic:
    """A party's statement on attribution, as shown.

    Attributes:
        handover_id (str): The id of the handover: the id of the first update that reported it, shared by every further
            claim about the same handover.
        party_id (str): The id of the party.
        position (AttributionPosition): What a party says about a handover's attribution to the agreement.
        recorded_at (datetime.datetime): When the statement was recorded.
        recorded_by (None | str): The id of the API key that recorded the statement.
        source (SourcePublic): A source as shown.
        statement (str): The party's statement, in words.
        update_id (str): The id of the fulfilment update (one monitor's account of a handover).
    """

    handover_id: str
    party_id: str
    position: AttributionPosition
    recorded_at: datetime.datetime
    recorded_by: None | str
    source: SourcePublic
    statement: str
    update_id: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        handover_id = self.handover_id

        party_id = self.party_id

        position = self.position.value

        recorded_at = self.recorded_at.isoformat()

        recorded_by: None | str
        recorded_by = self.recorded_by

        source = self.source.to_dict()

        statement = self.statement

        update_id = self.update_id

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "handover_id": handover_id,
                "party_id": party_id,
                "position": position,
                "recorded_at": recorded_at,
                "recorded_by": recorded_by,
                "source": source,
                "statement": statement,
                "update_id": update_id,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.source_public import SourcePublic  # noqa: PLC0415

        d = dict(src_dict)
        handover_id = d.pop("handover_id")

        party_id = d.pop("party_id")

        position = AttributionPosition(d.pop("position"))

        recorded_at = datetime.datetime.fromisoformat(d.pop("recorded_at"))

        def _parse_recorded_by(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        recorded_by = _parse_recorded_by(d.pop("recorded_by"))

        source = SourcePublic.from_dict(d.pop("source"))

        statement = d.pop("statement")

        update_id = d.pop("update_id")

        attribution_dispute_public = cls(
            handover_id=handover_id,
            party_id=party_id,
            position=position,
            recorded_at=recorded_at,
            recorded_by=recorded_by,
            source=source,
            statement=statement,
            update_id=update_id,
        )

        attribution_dispute_public.additional_properties = d
        return attribution_dispute_public

    @property
    def additional_keys(self) -> list[str]:
        return list(self.additional_properties.keys())

    def __getitem__(self, key: str) -> Any:
        return self.additional_properties[key]

    def __setitem__(self, key: str, value: Any) -> None:
        self.additional_properties[key] = value

    def __delitem__(self, key: str) -> None:
        del self.additional_properties[key]

    def __contains__(self, key: str) -> bool:
        return key in self.additional_properties
