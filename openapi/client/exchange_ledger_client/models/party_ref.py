from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.party_ref_names import PartyRefNames


T = TypeVar("T", bound="PartyRef")


@_attrs_define
class PartyRef:
    """A party named in an agreement.

    Attributes:
        country_code (None | str): The party's ISO 3166-1 alpha-2 country code, upper case; null for a party that is not
            a country.
        country_code_alpha3 (None | str): The party's ISO 3166-1 alpha-3 country code, on which HDX joins datasets; null
            for a party that is not a country.
        id (str): The party's id.
        name (str): The party's name.
        names (PartyRefNames): The party's name by BCP 47 tag: as recorded, or for a country from ISO 3166-1.
    """

    country_code: None | str
    country_code_alpha3: None | str
    id: str
    name: str
    names: PartyRefNames
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        country_code: None | str
        country_code = self.country_code

        country_code_alpha3: None | str
        country_code_alpha3 = self.country_code_alpha3

        id = self.id

        name = self.name

        names = self.names.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "country_code": country_code,
                "country_code_alpha3": country_code_alpha3,
                "id": id,
                "name": name,
                "names": names,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.party_ref_names import PartyRefNames  # noqa: PLC0415

        d = dict(src_dict)

        def _parse_country_code(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        country_code = _parse_country_code(d.pop("country_code"))

        def _parse_country_code_alpha3(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        country_code_alpha3 = _parse_country_code_alpha3(d.pop("country_code_alpha3"))

        id = d.pop("id")

        name = d.pop("name")

        names = PartyRefNames.from_dict(d.pop("names"))

        party_ref = cls(
            country_code=country_code,
            country_code_alpha3=country_code_alpha3,
            id=id,
            name=name,
            names=names,
        )

        party_ref.additional_properties = d
        return party_ref

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
