from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.qualifier import Qualifier

T = TypeVar("T", bound="LinePublic")


@_attrs_define
class LinePublic:
    """A line as shown.

    Attributes:
        commitment_id (None | str): The id of the term (commitment) of the agreement; null (an empty cell in CSV) where
            there is none: a handover whose source did not say which term it served, counted as unattributed, or an
            agreement with no terms.
        qualifier (Qualifier): How exact a reported number is.
        quantity (int | None): How many people (or remains) the party received; null (an empty cell in CSV) when the
            number was withheld.
        recipient_id (str): The id of the party that received the people or remains.
    """

    commitment_id: None | str
    qualifier: Qualifier
    quantity: int | None
    recipient_id: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        commitment_id: None | str
        commitment_id = self.commitment_id

        qualifier = self.qualifier.value

        quantity: int | None
        quantity = self.quantity

        recipient_id = self.recipient_id

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "commitment_id": commitment_id,
                "qualifier": qualifier,
                "quantity": quantity,
                "recipient_id": recipient_id,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)

        def _parse_commitment_id(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        commitment_id = _parse_commitment_id(d.pop("commitment_id"))

        qualifier = Qualifier(d.pop("qualifier"))

        def _parse_quantity(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        quantity = _parse_quantity(d.pop("quantity"))

        recipient_id = d.pop("recipient_id")

        line_public = cls(
            commitment_id=commitment_id,
            qualifier=qualifier,
            quantity=quantity,
            recipient_id=recipient_id,
        )

        line_public.additional_properties = d
        return line_public

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
