from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.line_public import LinePublic
    from ..models.source_public import SourcePublic


T = TypeVar("T", bound="AnnouncedTotalPublic")


@_attrs_define
class AnnouncedTotalPublic:
    """An announced running total as shown.

    Attributes:
        agreement_id (str): The id of the agreement (`agr_...`).
        claimant (str): Who announced the running total (a delegation, an office, an outlet).
        created_at (datetime.datetime): When the record was created in the service (not when what it reports happened).
        created_by (None | str): The id of the API key that recorded it.
        figures (list[LinePublic]): The cumulative figures announced, one per receiving party and term: running totals
            so far, not a stage's own figures.
        id (str): The record's id, assigned by the service; stable, never reused.
        note (None | str): A note on the announcement.
        source (SourcePublic): A source as shown.
        stated_on (datetime.date): The day the running total was announced.
    """

    agreement_id: str
    claimant: str
    created_at: datetime.datetime
    created_by: None | str
    figures: list[LinePublic]
    id: str
    note: None | str
    source: SourcePublic
    stated_on: datetime.date
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        agreement_id = self.agreement_id

        claimant = self.claimant

        created_at = self.created_at.isoformat()

        created_by: None | str
        created_by = self.created_by

        figures = []
        for figures_item_data in self.figures:
            figures_item = figures_item_data.to_dict()
            figures.append(figures_item)

        id = self.id

        note: None | str
        note = self.note

        source = self.source.to_dict()

        stated_on = self.stated_on.isoformat()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "agreement_id": agreement_id,
                "claimant": claimant,
                "created_at": created_at,
                "created_by": created_by,
                "figures": figures,
                "id": id,
                "note": note,
                "source": source,
                "stated_on": stated_on,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.line_public import LinePublic  # noqa: PLC0415
        from ..models.source_public import SourcePublic  # noqa: PLC0415

        d = dict(src_dict)
        agreement_id = d.pop("agreement_id")

        claimant = d.pop("claimant")

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        def _parse_created_by(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        created_by = _parse_created_by(d.pop("created_by"))

        figures = []
        _figures = d.pop("figures")
        for figures_item_data in _figures:
            figures_item = LinePublic.from_dict(figures_item_data)

            figures.append(figures_item)

        id = d.pop("id")

        def _parse_note(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        note = _parse_note(d.pop("note"))

        source = SourcePublic.from_dict(d.pop("source"))

        stated_on = datetime.date.fromisoformat(d.pop("stated_on"))

        announced_total_public = cls(
            agreement_id=agreement_id,
            claimant=claimant,
            created_at=created_at,
            created_by=created_by,
            figures=figures,
            id=id,
            note=note,
            source=source,
            stated_on=stated_on,
        )

        announced_total_public.additional_properties = d
        return announced_total_public

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
