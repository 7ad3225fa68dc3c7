from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.dictionary_column import DictionaryColumn
    from ..models.dictionary_parameter import DictionaryParameter


T = TypeVar("T", bound="DictionaryTerm")


@_attrs_define
class DictionaryTerm:
    """One name with one meaning, and everywhere it appears with that meaning.

    Attributes:
        description (str): What the term means there.
        export_columns (list[DictionaryColumn]): The export columns of this name with this meaning.
        name (str): The term: a field, parameter or column name.
        parameters (list[DictionaryParameter]): The operations that take a parameter of this name with this meaning.
        schemas (list[str]): The OpenAPI schemas that have a property of this name with this meaning.
        type_ (str): The term's type as the OpenAPI document gives it (`string (date)`, `integer or null`, `array of
            Source`, ...); for an export column alone, `CSV cell`.
    """

    description: str
    export_columns: list[DictionaryColumn]
    name: str
    parameters: list[DictionaryParameter]
    schemas: list[str]
    type_: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        description = self.description

        export_columns = []
        for export_columns_item_data in self.export_columns:
            export_columns_item = export_columns_item_data.to_dict()
            export_columns.append(export_columns_item)

        name = self.name

        parameters = []
        for parameters_item_data in self.parameters:
            parameters_item = parameters_item_data.to_dict()
            parameters.append(parameters_item)

        schemas = self.schemas

        type_ = self.type_

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "description": description,
                "export_columns": export_columns,
                "name": name,
                "parameters": parameters,
                "schemas": schemas,
                "type": type_,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.dictionary_column import DictionaryColumn  # noqa: PLC0415
        from ..models.dictionary_parameter import DictionaryParameter  # noqa: PLC0415

        d = dict(src_dict)
        description = d.pop("description")

        export_columns = []
        _export_columns = d.pop("export_columns")
        for export_columns_item_data in _export_columns:
            export_columns_item = DictionaryColumn.from_dict(export_columns_item_data)

            export_columns.append(export_columns_item)

        name = d.pop("name")

        parameters = []
        _parameters = d.pop("parameters")
        for parameters_item_data in _parameters:
            parameters_item = DictionaryParameter.from_dict(parameters_item_data)

            parameters.append(parameters_item)

        schemas = cast(list[str], d.pop("schemas"))

        type_ = d.pop("type")

        dictionary_term = cls(
            description=description,
            export_columns=export_columns,
            name=name,
            parameters=parameters,
            schemas=schemas,
            type_=type_,
        )

        dictionary_term.additional_properties = d
        return dictionary_term

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
