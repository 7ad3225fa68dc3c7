from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="Criteria")


@_attrs_define
class Criteria:
    """Who is eligible under a commitment.

    Attributes:
        age_max (int | None | Unset): The oldest eligible age, in years, if the term sets one.
        age_min (int | None | Unset): The youngest eligible age, in years, if the term sets one.
        condition (None | str | Unset): Any other eligibility condition, in words (for example `seriously wounded or
            seriously ill`).
    """

    age_max: int | None | Unset = UNSET
    age_min: int | None | Unset = UNSET
    condition: None | str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        age_max: int | None | Unset
        if isinstance(self.age_max, Unset):
            age_max = UNSET
        else:
            age_max = self.age_max

        age_min: int | None | Unset
        if isinstance(self.age_min, Unset):
            age_min = UNSET
        else:
            age_min = self.age_min

        condition: None | str | Unset
        if isinstance(self.condition, Unset):
            condition = UNSET
        else:
            condition = self.condition

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if age_max is not UNSET:
            field_dict["age_max"] = age_max
        if age_min is not UNSET:
            field_dict["age_min"] = age_min
        if condition is not UNSET:
            field_dict["condition"] = condition

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)

        def _parse_age_max(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        age_max = _parse_age_max(d.pop("age_max", UNSET))

        def _parse_age_min(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        age_min = _parse_age_min(d.pop("age_min", UNSET))

        def _parse_condition(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        condition = _parse_condition(d.pop("condition", UNSET))

        criteria = cls(
            age_max=age_max,
            age_min=age_min,
            condition=condition,
        )

        return criteria
