from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="Claimed")


@_attrs_define
class Claimed:
    """One claim's figure about what one party received in a handover.

    Attributes:
        publisher (None | str): Who published the claim's source.
        qualifier (str): How exact the claim's figure is (the loosest of its lines: at_least, then approximate).
        quantity (int | None): What the claim says the party received in the handover, over the terms it names; null
            when it withheld the number.
        review_state (str): Where the claim stands in review.
        update_id (str): The id of the fulfilment update (one monitor's account of a handover).
        url (None | str): The address of the claim's source.
        terms (list[str] | Unset): The terms the claim counts the handover under (`unattributed` when it names none);
            only the standing claim's terms count, once.
    """

    publisher: None | str
    qualifier: str
    quantity: int | None
    review_state: str
    update_id: str
    url: None | str
    terms: list[str] | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        publisher: None | str
        publisher = self.publisher

        qualifier = self.qualifier

        quantity: int | None
        quantity = self.quantity

        review_state = self.review_state

        update_id = self.update_id

        url: None | str
        url = self.url

        terms: list[str] | Unset = UNSET
        if not isinstance(self.terms, Unset):
            terms = self.terms

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "publisher": publisher,
                "qualifier": qualifier,
                "quantity": quantity,
                "review_state": review_state,
                "update_id": update_id,
                "url": url,
            }
        )
        if terms is not UNSET:
            field_dict["terms"] = terms

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)

        def _parse_publisher(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        publisher = _parse_publisher(d.pop("publisher"))

        qualifier = d.pop("qualifier")

        def _parse_quantity(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        quantity = _parse_quantity(d.pop("quantity"))

        review_state = d.pop("review_state")

        update_id = d.pop("update_id")

        def _parse_url(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        url = _parse_url(d.pop("url"))

        terms = cast(list[str], d.pop("terms", UNSET))

        claimed = cls(
            publisher=publisher,
            qualifier=qualifier,
            quantity=quantity,
            review_state=review_state,
            update_id=update_id,
            url=url,
            terms=terms,
        )

        claimed.additional_properties = d
        return claimed

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
