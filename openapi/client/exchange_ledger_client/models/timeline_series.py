from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.timeline_point import TimelinePoint


T = TypeVar("T", bound="TimelineSeries")


@_attrs_define
class TimelineSeries:
    """The cumulative series of one receiving party under one term (or under none stated).

    Attributes:
        commitment_id (None | str): The id of the term (commitment) of the agreement; null (an empty cell in CSV) where
            there is none: a handover whose source did not say which term it served, counted as unattributed, or an
            agreement with no terms.
        points (list[TimelinePoint]): The cumulative totals after each day with a handover, oldest first.
        recipient_id (str): The id of the party that received the people or remains.
    """

    commitment_id: None | str
    points: list[TimelinePoint]
    recipient_id: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        commitment_id: None | str
        commitment_id = self.commitment_id

        points = []
        for points_item_data in self.points:
            points_item = points_item_data.to_dict()
            points.append(points_item)

        recipient_id = self.recipient_id

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "commitment_id": commitment_id,
                "points": points,
                "recipient_id": recipient_id,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.timeline_point import TimelinePoint  # noqa: PLC0415

        d = dict(src_dict)

        def _parse_commitment_id(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        commitment_id = _parse_commitment_id(d.pop("commitment_id"))

        points = []
        _points = d.pop("points")
        for points_item_data in _points:
            points_item = TimelinePoint.from_dict(points_item_data)

            points.append(points_item)

        recipient_id = d.pop("recipient_id")

        timeline_series = cls(
            commitment_id=commitment_id,
            points=points,
            recipient_id=recipient_id,
        )

        timeline_series.additional_properties = d
        return timeline_series

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
