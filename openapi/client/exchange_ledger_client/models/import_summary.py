from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="ImportSummary")


@_attrs_define
class ImportSummary:
    """What an import recorded.

    Attributes:
        agreement_ids (list[str]): The agreements whose totals and status the import rebuilt.
        lines (int): How many lines (rows) the import recorded.
        updates (int): How many updates the import recorded.
    """

    agreement_ids: list[str]
    lines: int
    updates: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        agreement_ids = self.agreement_ids

        lines = self.lines

        updates = self.updates

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "agreement_ids": agreement_ids,
                "lines": lines,
                "updates": updates,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        agreement_ids = cast(list[str], d.pop("agreement_ids"))

        lines = d.pop("lines")

        updates = d.pop("updates")

        import_summary = cls(
            agreement_ids=agreement_ids,
            lines=lines,
            updates=updates,
        )

        import_summary.additional_properties = d
        return import_summary

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
