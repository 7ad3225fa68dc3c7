from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="TimelinePoint")


@_attrs_define
class TimelinePoint:
    """Where a cumulative total stood after the handovers of one day.

    Attributes:
        date (datetime.date): The day of the handovers this point adds.
        handovers (int): The cumulative number of handovers counted so far.
        received (int): The cumulative reported `received` after the handovers of this day.
        received_is_approximate (bool): True when an approximate figure is in the total so far.
        received_is_lower_bound (bool): True when a withheld or `at_least` figure is in the total so far.
        verified_received (int): The cumulative verified `received` after the handovers of this day.
    """

    date: datetime.date
    handovers: int
    received: int
    received_is_approximate: bool
    received_is_lower_bound: bool
    verified_received: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        date = self.date.isoformat()

        handovers = self.handovers

        received = self.received

        received_is_approximate = self.received_is_approximate

        received_is_lower_bound = self.received_is_lower_bound

        verified_received = self.verified_received

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "date": date,
                "handovers": handovers,
                "received": received,
                "received_is_approximate": received_is_approximate,
                "received_is_lower_bound": received_is_lower_bound,
                "verified_received": verified_received,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        date = datetime.date.fromisoformat(d.pop("date"))

        handovers = d.pop("handovers")

        received = d.pop("received")

        received_is_approximate = d.pop("received_is_approximate")

        received_is_lower_bound = d.pop("received_is_lower_bound")

        verified_received = d.pop("verified_received")

        timeline_point = cls(
            date=date,
            handovers=handovers,
            received=received,
            received_is_approximate=received_is_approximate,
            received_is_lower_bound=received_is_lower_bound,
            verified_received=verified_received,
        )

        timeline_point.additional_properties = d
        return timeline_point

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
