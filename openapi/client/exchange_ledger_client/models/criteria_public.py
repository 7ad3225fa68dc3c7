from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="CriteriaPublic")


@_attrs_define
class CriteriaPublic:
    """Eligibility as shown.

    Attributes:
        age_max (int | None): The oldest eligible age, in years, if the term sets one.
        age_min (int | None): The youngest eligible age, in years, if the term sets one.
        condition (None | str): Any other eligibility condition, in words (for example `seriously wounded or seriously
            ill`).
    """

    age_max: int | None
    age_min: int | None
    condition: None | str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        age_max: int | None
        age_max = self.age_max

        age_min: int | None
        age_min = self.age_min

        condition: None | str
        condition = self.condition

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "age_max": age_max,
                "age_min": age_min,
                "condition": condition,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)

        def _parse_age_max(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        age_max = _parse_age_max(d.pop("age_max"))

        def _parse_age_min(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        age_min = _parse_age_min(d.pop("age_min"))

        def _parse_condition(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        condition = _parse_condition(d.pop("condition"))

        criteria_public = cls(
            age_max=age_max,
            age_min=age_min,
            condition=condition,
        )

        criteria_public.additional_properties = d
        return criteria_public

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
