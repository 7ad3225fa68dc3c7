from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

from ..models.target_qualifier import TargetQualifier
from ..types import UNSET, Unset

T = TypeVar("T", bound="TargetIn")


@_attrs_define
class TargetIn:
    """The number one receiving party is to receive.

    Attributes:
        quantity (int): How many the party is to receive under the term.
        recipient_id (str): The id of the party that is to receive.
        qualifier (TargetQualifier | Unset): Whether a target is an exact number or a floor ("at least 1,000").
    """

    quantity: int
    recipient_id: str
    qualifier: TargetQualifier | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        quantity = self.quantity

        recipient_id = self.recipient_id

        qualifier: str | Unset = UNSET
        if not isinstance(self.qualifier, Unset):
            qualifier = self.qualifier.value

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "quantity": quantity,
                "recipient_id": recipient_id,
            }
        )
        if qualifier is not UNSET:
            field_dict["qualifier"] = qualifier

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        quantity = d.pop("quantity")

        recipient_id = d.pop("recipient_id")

        _qualifier = d.pop("qualifier", UNSET)
        qualifier: TargetQualifier | Unset
        if isinstance(_qualifier, Unset):
            qualifier = UNSET
        else:
            qualifier = TargetQualifier(_qualifier)

        target_in = cls(
            quantity=quantity,
            recipient_id=recipient_id,
            qualifier=qualifier,
        )

        return target_in
