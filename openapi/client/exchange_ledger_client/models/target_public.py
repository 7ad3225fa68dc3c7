from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.target_qualifier import TargetQualifier

T = TypeVar("T", bound="TargetPublic")


@_attrs_define
class TargetPublic:
    """A target as shown.

    Attributes:
        qualifier (TargetQualifier): Whether a target is an exact number or a floor ("at least 1,000").
        quantity (int): How many the party is to receive under the term.
        recipient_id (str): The id of the party that is to receive.
    """

    qualifier: TargetQualifier
    quantity: int
    recipient_id: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        qualifier = self.qualifier.value

        quantity = self.quantity

        recipient_id = self.recipient_id

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "qualifier": qualifier,
                "quantity": quantity,
                "recipient_id": recipient_id,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        qualifier = TargetQualifier(d.pop("qualifier"))

        quantity = d.pop("quantity")

        recipient_id = d.pop("recipient_id")

        target_public = cls(
            qualifier=qualifier,
            quantity=quantity,
            recipient_id=recipient_id,
        )

        target_public.additional_properties = d
        return target_public

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
