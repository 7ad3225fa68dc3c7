from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define

from ..models.category import Category
from ..models.qualifier import Qualifier
from ..types import UNSET, Unset

T = TypeVar("T", bound="OutsideLineIn")


@_attrs_define
class OutsideLineIn:
    """One party's receipt in a handover outside any agreement; `quantity` null means the number was withheld.

    Attributes:
        quantity (int | None): How many were received; null when the number was withheld.
        recipient_id (str): One of the two parties.
        category (Category | None | Unset): Who or what was handed over; null if not said.
        qualifier (Qualifier | Unset): How exact a reported number is.
    """

    quantity: int | None
    recipient_id: str
    category: Category | None | Unset = UNSET
    qualifier: Qualifier | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        quantity: int | None
        quantity = self.quantity

        recipient_id = self.recipient_id

        category: None | str | Unset
        if isinstance(self.category, Unset):
            category = UNSET
        elif isinstance(self.category, Category):
            category = self.category.value
        else:
            category = self.category

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
        if category is not UNSET:
            field_dict["category"] = category
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

        def _parse_category(data: object) -> Category | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                category_type_0 = Category(data)

                return category_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(Category | None | Unset, data)

        category = _parse_category(d.pop("category", UNSET))

        _qualifier = d.pop("qualifier", UNSET)
        qualifier: Qualifier | Unset
        if isinstance(_qualifier, Unset):
            qualifier = UNSET
        else:
            qualifier = Qualifier(_qualifier)

        outside_line_in = cls(
            quantity=quantity,
            recipient_id=recipient_id,
            category=category,
            qualifier=qualifier,
        )

        return outside_line_in
