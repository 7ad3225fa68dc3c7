from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.agreement_facets import AgreementFacets
    from ..models.agreement_public import AgreementPublic


T = TypeVar("T", bound="AgreementPage")


@_attrs_define
class AgreementPage:
    """A page of agreements.

    Attributes:
        items (list[AgreementPublic]): The records of this page, in the list's order.
        next_cursor (None | str): Pass as `cursor` to get the next page; null at the last page. Opaque.
        facets (AgreementFacets | None | Unset): Given when asked (`facets`).
        total (int | None | Unset): How many records match the filters over every page; null unless `with_total` was
            asked for.
    """

    items: list[AgreementPublic]
    next_cursor: None | str
    facets: AgreementFacets | None | Unset = UNSET
    total: int | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.agreement_facets import AgreementFacets  # noqa: PLC0415

        items = []
        for items_item_data in self.items:
            items_item = items_item_data.to_dict()
            items.append(items_item)

        next_cursor: None | str
        next_cursor = self.next_cursor

        facets: dict[str, Any] | None | Unset
        if isinstance(self.facets, Unset):
            facets = UNSET
        elif isinstance(self.facets, AgreementFacets):
            facets = self.facets.to_dict()
        else:
            facets = self.facets

        total: int | None | Unset
        if isinstance(self.total, Unset):
            total = UNSET
        else:
            total = self.total

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "items": items,
                "next_cursor": next_cursor,
            }
        )
        if facets is not UNSET:
            field_dict["facets"] = facets
        if total is not UNSET:
            field_dict["total"] = total

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.agreement_facets import AgreementFacets  # noqa: PLC0415
        from ..models.agreement_public import AgreementPublic  # noqa: PLC0415

        d = dict(src_dict)
        items = []
        _items = d.pop("items")
        for items_item_data in _items:
            items_item = AgreementPublic.from_dict(items_item_data)

            items.append(items_item)

        def _parse_next_cursor(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        next_cursor = _parse_next_cursor(d.pop("next_cursor"))

        def _parse_facets(data: object) -> AgreementFacets | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                facets_type_0 = AgreementFacets.from_dict(data)

                return facets_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(AgreementFacets | None | Unset, data)

        facets = _parse_facets(d.pop("facets", UNSET))

        def _parse_total(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        total = _parse_total(d.pop("total", UNSET))

        agreement_page = cls(
            items=items,
            next_cursor=next_cursor,
            facets=facets,
            total=total,
        )

        agreement_page.additional_properties = d
        return agreement_page

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
