from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.facet_count import FacetCount


T = TypeVar("T", bound="AgreementFacets")


@_attrs_define
class AgreementFacets:
    """Counts of the agreements matching the filters, by value, for a filter sidebar; only those asked for.

    Attributes:
        category (list[FacetCount] | None | Unset): By category of one of their terms.
        party (list[FacetCount] | None | Unset): By party bound or mediating, most first.
        state (list[FacetCount] | None | Unset): By state today, every state listed.
    """

    category: list[FacetCount] | None | Unset = UNSET
    party: list[FacetCount] | None | Unset = UNSET
    state: list[FacetCount] | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        category: list[dict[str, Any]] | None | Unset
        if isinstance(self.category, Unset):
            category = UNSET
        elif isinstance(self.category, list):
            category = []
            for category_type_0_item_data in self.category:
                category_type_0_item = category_type_0_item_data.to_dict()
                category.append(category_type_0_item)

        else:
            category = self.category

        party: list[dict[str, Any]] | None | Unset
        if isinstance(self.party, Unset):
            party = UNSET
        elif isinstance(self.party, list):
            party = []
            for party_type_0_item_data in self.party:
                party_type_0_item = party_type_0_item_data.to_dict()
                party.append(party_type_0_item)

        else:
            party = self.party

        state: list[dict[str, Any]] | None | Unset
        if isinstance(self.state, Unset):
            state = UNSET
        elif isinstance(self.state, list):
            state = []
            for state_type_0_item_data in self.state:
                state_type_0_item = state_type_0_item_data.to_dict()
                state.append(state_type_0_item)

        else:
            state = self.state

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if category is not UNSET:
            field_dict["category"] = category
        if party is not UNSET:
            field_dict["party"] = party
        if state is not UNSET:
            field_dict["state"] = state

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.facet_count import FacetCount  # noqa: PLC0415

        d = dict(src_dict)

        def _parse_category(data: object) -> list[FacetCount] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                category_type_0 = []
                _category_type_0 = data
                for category_type_0_item_data in _category_type_0:
                    category_type_0_item = FacetCount.from_dict(category_type_0_item_data)

                    category_type_0.append(category_type_0_item)

                return category_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[FacetCount] | None | Unset, data)

        category = _parse_category(d.pop("category", UNSET))

        def _parse_party(data: object) -> list[FacetCount] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                party_type_0 = []
                _party_type_0 = data
                for party_type_0_item_data in _party_type_0:
                    party_type_0_item = FacetCount.from_dict(party_type_0_item_data)

                    party_type_0.append(party_type_0_item)

                return party_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[FacetCount] | None | Unset, data)

        party = _parse_party(d.pop("party", UNSET))

        def _parse_state(data: object) -> list[FacetCount] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                state_type_0 = []
                _state_type_0 = data
                for state_type_0_item_data in _state_type_0:
                    state_type_0_item = FacetCount.from_dict(state_type_0_item_data)

                    state_type_0.append(state_type_0_item)

                return state_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[FacetCount] | None | Unset, data)

        state = _parse_state(d.pop("state", UNSET))

        agreement_facets = cls(
            category=category,
            party=party,
            state=state,
        )

        agreement_facets.additional_properties = d
        return agreement_facets

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
