from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="DictionaryColumn")


@_attrs_define
class DictionaryColumn:
    """An export that has the term as a column.

    Attributes:
        export (str): Which export has the column: `agreements` (`/api/v1/exports/agreements`) or `updates`
            (`/api/v1/exports/updates`).
        hxl (str): The column's HXL hashtag: the second row of an export asked for with `format=hxl`.
        read_on_import (bool | None): For a column of the updates export, whether `POST /api/v1/imports/updates` reads
            it back (false: informative, ignored on import); null for other exports.
    """

    export: str
    hxl: str
    read_on_import: bool | None
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        export = self.export

        hxl = self.hxl

        read_on_import: bool | None
        read_on_import = self.read_on_import

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "export": export,
                "hxl": hxl,
                "read_on_import": read_on_import,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        export = d.pop("export")

        hxl = d.pop("hxl")

        def _parse_read_on_import(data: object) -> bool | None:
            if data is None:
                return data
            return cast(bool | None, data)

        read_on_import = _parse_read_on_import(d.pop("read_on_import"))

        dictionary_column = cls(
            export=export,
            hxl=hxl,
            read_on_import=read_on_import,
        )

        dictionary_column.additional_properties = d
        return dictionary_column

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
