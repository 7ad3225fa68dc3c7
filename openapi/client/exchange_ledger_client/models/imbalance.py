from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="Imbalance")


@_attrs_define
class Imbalance:
    """How far apart the receiving parties are under one term.

    Attributes:
        difference (int): Received by the party that received most minus received by the one that received least.
        least_received_id (str): The id of the party that has received the least under the term.
        most_received_id (str): The id of the party that has received the most under the term.
        ratio (float | None): Received by the most over received by the least, two decimals; null when the least is 0.
    """

    difference: int
    least_received_id: str
    most_received_id: str
    ratio: float | None
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        difference = self.difference

        least_received_id = self.least_received_id

        most_received_id = self.most_received_id

        ratio: float | None
        ratio = self.ratio

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "difference": difference,
                "least_received_id": least_received_id,
                "most_received_id": most_received_id,
                "ratio": ratio,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        difference = d.pop("difference")

        least_received_id = d.pop("least_received_id")

        most_received_id = d.pop("most_received_id")

        def _parse_ratio(data: object) -> float | None:
            if data is None:
                return data
            return cast(float | None, data)

        ratio = _parse_ratio(d.pop("ratio"))

        imbalance = cls(
            difference=difference,
            least_received_id=least_received_id,
            most_received_id=most_received_id,
            ratio=ratio,
        )

        imbalance.additional_properties = d
        return imbalance

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
