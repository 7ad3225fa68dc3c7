from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.announced_point import AnnouncedPoint
    from ..models.timeline_series import TimelineSeries


T = TypeVar("T", bound="Timeline")


@_attrs_define
class Timeline:
    """Everything a cumulative chart needs, per term and party.

    Attributes:
        agreement_id (str): The id of the agreement (`agr_...`).
        announced (list[AnnouncedPoint]): Every announced running total, beside the sum of the stages up to its day.
        series (list[TimelineSeries]): One cumulative series per receiving party and term (or no term stated).
    """

    agreement_id: str
    announced: list[AnnouncedPoint]
    series: list[TimelineSeries]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        agreement_id = self.agreement_id

        announced = []
        for announced_item_data in self.announced:
            announced_item = announced_item_data.to_dict()
            announced.append(announced_item)

        series = []
        for series_item_data in self.series:
            series_item = series_item_data.to_dict()
            series.append(series_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "agreement_id": agreement_id,
                "announced": announced,
                "series": series,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.announced_point import AnnouncedPoint  # noqa: PLC0415
        from ..models.timeline_series import TimelineSeries  # noqa: PLC0415

        d = dict(src_dict)
        agreement_id = d.pop("agreement_id")

        announced = []
        _announced = d.pop("announced")
        for announced_item_data in _announced:
            announced_item = AnnouncedPoint.from_dict(announced_item_data)

            announced.append(announced_item)

        series = []
        _series = d.pop("series")
        for series_item_data in _series:
            series_item = TimelineSeries.from_dict(series_item_data)

            series.append(series_item)

        timeline = cls(
            agreement_id=agreement_id,
            announced=announced,
            series=series,
        )

        timeline.additional_properties = d
        return timeline

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
