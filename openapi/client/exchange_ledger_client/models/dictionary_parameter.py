from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="DictionaryParameter")


@_attrs_define
class DictionaryParameter:
    """An operation that takes the term as a parameter.

    Attributes:
        location (str): Where the parameter goes: path, query or header.
        method (str): The operation's HTTP method.
        operation_id (str): The operation's id, as generated clients name their method.
        path (str): The operation's path.
    """

    location: str
    method: str
    operation_id: str
    path: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        location = self.location

        method = self.method

        operation_id = self.operation_id

        path = self.path

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "location": location,
                "method": method,
                "operation_id": operation_id,
                "path": path,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        location = d.pop("location")

        method = d.pop("method")

        operation_id = d.pop("operation_id")

        path = d.pop("path")

        dictionary_parameter = cls(
            location=location,
            method=method,
            operation_id=operation_id,
            path=path,
        )

        dictionary_parameter.additional_properties = d
        return dictionary_parameter

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
