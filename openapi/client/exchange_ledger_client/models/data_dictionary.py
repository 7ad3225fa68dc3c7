from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.dictionary_term import DictionaryTerm


T = TypeVar("T", bound="DataDictionary")


@_attrs_define
class DataDictionary:
    """Every term of the API: schema fields, parameters and export columns.

    Attributes:
        terms (list[DictionaryTerm]): Every term, in name order; a name with two meanings is two terms.
    """

    terms: list[DictionaryTerm]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        terms = []
        for terms_item_data in self.terms:
            terms_item = terms_item_data.to_dict()
            terms.append(terms_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "terms": terms,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.dictionary_term import DictionaryTerm  # noqa: PLC0415

        d = dict(src_dict)
        terms = []
        _terms = d.pop("terms")
        for terms_item_data in _terms:
            terms_item = DictionaryTerm.from_dict(terms_item_data)

            terms.append(terms_item)

        data_dictionary = cls(
            terms=terms,
        )

        data_dictionary.additional_properties = d
        return data_dictionary

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
