from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="FieldProblem")


@_attrs_define
class FieldProblem:
    """One field at fault in a request.

    Attributes:
        location (list[int | str]): Where the field is: body, query, path or header, then its path.
        message (str): What is wrong with the field.
        type_ (str): The kind of validation error, as a short code.
    """

    location: list[int | str]
    message: str
    type_: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        location = []
        for location_item_data in self.location:
            location_item: int | str
            location_item = location_item_data
            location.append(location_item)

        message = self.message

        type_ = self.type_

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "location": location,
                "message": message,
                "type": type_,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        location = []
        _location = d.pop("location")
        for location_item_data in _location:

            def _parse_location_item(data: object) -> int | str:
                return cast(int | str, data)

            location_item = _parse_location_item(location_item_data)

            location.append(location_item)

        message = d.pop("message")

        type_ = d.pop("type")

        field_problem = cls(
            location=location,
            message=message,
            type_=type_,
        )

        field_problem.additional_properties = d
        return field_problem

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
