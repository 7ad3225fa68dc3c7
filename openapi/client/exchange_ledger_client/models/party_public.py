from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.party_kind import PartyKind

if TYPE_CHECKING:
    from ..models.party_public_names import PartyPublicNames


T = TypeVar("T", bound="PartyPublic")


@_attrs_define
class PartyPublic:
    """A party as the API shows it: `name` in the language asked, every language's in `names`.

    Attributes:
        aliases (list[str]): Other names the party goes by, in any language, as recorded.
        country_code (None | str): The party's ISO 3166-1 alpha-2 country code, upper case; null for a party that is not
            a country.
        country_code_alpha3 (None | str): The party's ISO 3166-1 alpha-3 country code, on which HDX joins datasets; null
            for a party that is not a country.
        created_at (datetime.datetime): When the record was created in the service (not when what it reports happened).
        id (str): The party's id.
        kind (PartyKind): What kind of actor a party is.
        name (str): The name in the language of the answer (Content-Language), else in English.
        names (PartyPublicNames): The name by BCP 47 tag: as recorded, or for a country from ISO 3166-1.
    """

    aliases: list[str]
    country_code: None | str
    country_code_alpha3: None | str
    created_at: datetime.datetime
    id: str
    kind: PartyKind
    name: str
    names: PartyPublicNames
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        aliases = self.aliases

        country_code: None | str
        country_code = self.country_code

        country_code_alpha3: None | str
        country_code_alpha3 = self.country_code_alpha3

        created_at = self.created_at.isoformat()

        id = self.id

        kind = self.kind.value

        name = self.name

        names = self.names.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "aliases": aliases,
                "country_code": country_code,
                "country_code_alpha3": country_code_alpha3,
                "created_at": created_at,
                "id": id,
                "kind": kind,
                "name": name,
                "names": names,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.party_public_names import PartyPublicNames  # noqa: PLC0415

        d = dict(src_dict)
        aliases = cast(list[str], d.pop("aliases"))

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

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        id = d.pop("id")

        kind = PartyKind(d.pop("kind"))

        name = d.pop("name")

        names = PartyPublicNames.from_dict(d.pop("names"))

        party_public = cls(
            aliases=aliases,
            country_code=country_code,
            country_code_alpha3=country_code_alpha3,
            created_at=created_at,
            id=id,
            kind=kind,
            name=name,
            names=names,
        )

        party_public.additional_properties = d
        return party_public

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
