from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define

from ..models.party_create_country_code_type_0 import PartyCreateCountryCodeType0
from ..models.party_kind import PartyKind
from ..types import UNSET, Unset

T = TypeVar("T", bound="PartyCreate")


@_attrs_define
class PartyCreate:
    """A new party.

    Attributes:
        kind (PartyKind): What kind of actor a party is.
        name (str): The party's name, as it is commonly written.
        country_code (None | PartyCreateCountryCodeType0 | Unset): The party's ISO 3166-1 alpha-2 country code, upper
            case; null for a party that is not a country.
    """

    kind: PartyKind
    name: str
    country_code: None | PartyCreateCountryCodeType0 | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        kind = self.kind.value

        name = self.name

        country_code: None | str | Unset
        if isinstance(self.country_code, Unset):
            country_code = UNSET
        elif isinstance(self.country_code, PartyCreateCountryCodeType0):
            country_code = self.country_code.value
        else:
            country_code = self.country_code

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "kind": kind,
                "name": name,
            }
        )
        if country_code is not UNSET:
            field_dict["country_code"] = country_code

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        kind = PartyKind(d.pop("kind"))

        name = d.pop("name")

        def _parse_country_code(data: object) -> None | PartyCreateCountryCodeType0 | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                country_code_type_0 = PartyCreateCountryCodeType0(data)

                return country_code_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | PartyCreateCountryCodeType0 | Unset, data)

        country_code = _parse_country_code(d.pop("country_code", UNSET))

        party_create = cls(
            kind=kind,
            name=name,
            country_code=country_code,
        )

        return party_create
