from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.claimed import Claimed


T = TypeVar("T", bound="Discrepancy")


@_attrs_define
class Discrepancy:
    """A handover whose claims disagree and that no verifier has settled yet.

    Attributes:
        claims (list[Claimed]): Every counting claim about what the party received in the handover.
        handover_id (str): The id of the handover: the id of the first update that reported it, shared by every further
            claim about the same handover.
        occurred_on (datetime.date): The day of the handover, as its standing claim says.
        recipient_id (str): The id of the party that received the people or remains.
        standing_update_id (str): The claim counted until a verifier settles the discrepancy: the earliest claim that
            counts.
    """

    claims: list[Claimed]
    handover_id: str
    occurred_on: datetime.date
    recipient_id: str
    standing_update_id: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        claims = []
        for claims_item_data in self.claims:
            claims_item = claims_item_data.to_dict()
            claims.append(claims_item)

        handover_id = self.handover_id

        occurred_on = self.occurred_on.isoformat()

        recipient_id = self.recipient_id

        standing_update_id = self.standing_update_id

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "claims": claims,
                "handover_id": handover_id,
                "occurred_on": occurred_on,
                "recipient_id": recipient_id,
                "standing_update_id": standing_update_id,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.claimed import Claimed  # noqa: PLC0415

        d = dict(src_dict)
        claims = []
        _claims = d.pop("claims")
        for claims_item_data in _claims:
            claims_item = Claimed.from_dict(claims_item_data)

            claims.append(claims_item)

        handover_id = d.pop("handover_id")

        occurred_on = datetime.date.fromisoformat(d.pop("occurred_on"))

        recipient_id = d.pop("recipient_id")

        standing_update_id = d.pop("standing_update_id")

        discrepancy = cls(
            claims=claims,
            handover_id=handover_id,
            occurred_on=occurred_on,
            recipient_id=recipient_id,
            standing_update_id=standing_update_id,
        )

        discrepancy.additional_properties = d
        return discrepancy

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
