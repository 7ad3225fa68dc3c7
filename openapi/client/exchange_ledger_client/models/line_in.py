from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define

from ..models.qualifier import Qualifier
from ..types import UNSET, Unset

T = TypeVar("T", bound="LineIn")


@_attrs_define
class LineIn:
    """One party's receipt in a handover; `quantity` null means the number was withheld.

    Attributes:
        quantity (int | None): How many people (or remains) the party received; null (an empty cell in CSV) when the
            number was withheld.
        recipient_id (str): The id of the party that received the people or remains.
        commitment_id (None | str | Unset): The id of the term (commitment) of the agreement; null (an empty cell in
            CSV) where there is none: a handover whose source did not say which term it served, counted as unattributed, or
            an agreement with no terms.
        qualifier (Qualifier | Unset): How exact a reported number is.
    """

    quantity: int | None
    recipient_id: str
    commitment_id: None | str | Unset = UNSET
    qualifier: Qualifier | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        quantity: int | None
        quantity = self.quantity

        recipient_id = self.recipient_id

        commitment_id: None | str | Unset
        if isinstance(self.commitment_id, Unset):
            commitment_id = UNSET
        else:
            commitment_id = self.commitment_id

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
        if commitment_id is not UNSET:
            field_dict["commitment_id"] = commitment_id
        if qualifier is not UNSET:
            field_dict["qualifier"] = qualifier

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)

        def _parse_quantity(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        quantity = _parse_quantity(d.pop("quantity"))

        recipient_id = d.pop("recipient_id")

        def _parse_commitment_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        commitment_id = _parse_commitment_id(d.pop("commitment_id", UNSET))

        _qualifier = d.pop("qualifier", UNSET)
        qualifier: Qualifier | Unset
        if isinstance(_qualifier, Unset):
            qualifier = UNSET
        else:
            qualifier = Qualifier(_qualifier)

        line_in = cls(
            quantity=quantity,
            recipient_id=recipient_id,
            commitment_id=commitment_id,
            qualifier=qualifier,
        )

        return line_in
