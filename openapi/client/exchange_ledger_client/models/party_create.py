from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define

from ..models.party_create_country_code_type_0 import PartyCreateCountryCodeType0
from ..models.party_kind import PartyKind
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.party_create_names import PartyCreateNames


T = TypeVar("T", bound="PartyCreate")


@_attrs_define
class PartyCreate:
    """A new party: its English name (`name`, or `names.en`), its names in other languages, and aliases.

    Attributes:
        kind (PartyKind): What kind of actor a party is.
        aliases (list[str] | Unset): Other names the party goes by, in any language; none may be another party's name or
            alias.
        country_code (None | PartyCreateCountryCodeType0 | Unset): The party's ISO 3166-1 alpha-2 country code, upper
            case; null for a party that is not a country.
        name (None | str | Unset): The English name; may be left out when `names` has `en`.
        names (PartyCreateNames | Unset): The name in each language, by BCP 47 tag; `en`, if given, must equal `name`.
            For a country, the languages left out are named from ISO 3166-1's translations.
    """

    kind: PartyKind
    aliases: list[str] | Unset = UNSET
    country_code: None | PartyCreateCountryCodeType0 | Unset = UNSET
    name: None | str | Unset = UNSET
    names: PartyCreateNames | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        kind = self.kind.value

        aliases: list[str] | Unset = UNSET
        if not isinstance(self.aliases, Unset):
            aliases = self.aliases

        country_code: None | str | Unset
        if isinstance(self.country_code, Unset):
            country_code = UNSET
        elif isinstance(self.country_code, PartyCreateCountryCodeType0):
            country_code = self.country_code.value
        else:
            country_code = self.country_code

        name: None | str | Unset
        if isinstance(self.name, Unset):
            name = UNSET
        else:
            name = self.name

        names: dict[str, Any] | Unset = UNSET
        if not isinstance(self.names, Unset):
            names = self.names.to_dict()

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "kind": kind,
            }
        )
        if aliases is not UNSET:
            field_dict["aliases"] = aliases
        if country_code is not UNSET:
            field_dict["country_code"] = country_code
        if name is not UNSET:
            field_dict["name"] = name
        if names is not UNSET:
            field_dict["names"] = names

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.party_create_names import PartyCreateNames  # noqa: PLC0415

        d = dict(src_dict)
        kind = PartyKind(d.pop("kind"))

        aliases = cast(list[str], d.pop("aliases", UNSET))

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

        def _parse_name(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        name = _parse_name(d.pop("name", UNSET))

        _names = d.pop("names", UNSET)
        names: PartyCreateNames | Unset
        if isinstance(_names, Unset):
            names = UNSET
        else:
            names = PartyCreateNames.from_dict(_names)

        party_create = cls(
            kind=kind,
            aliases=aliases,
            country_code=country_code,
            name=name,
            names=names,
        )

        return party_create
