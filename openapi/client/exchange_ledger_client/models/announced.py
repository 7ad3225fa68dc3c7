from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="Announced")


@_attrs_define
class Announced:
    """The latest running total a source announced, set beside the sum of the recorded stages up to its date.

    Attributes:
        announcement_id (str): The id of the announced running total.
        claimant (str): Who announced the running total (a delegation, an office, an outlet).
        differs (bool | None): True when the announced total and the sum of the stages disagree (an exact total differs,
            an `at_least` total exceeds the stages, an approximate one is more than 5% off); null when the announced number
            was withheld.
        qualifier (str): How exact the announced total is: exact, approximate or at_least.
        quantity (int | None): The running total the source announced; null when it was withheld.
        source_publisher (None | str): Who published the source.
        source_url (None | str): The address of the source.
        stated_on (datetime.date): The day the running total was announced.
        sum_of_stages_then (int): The sum of the recorded stages (on the reported basis) for this party and term up to
            the day of the announcement, to set beside it.
    """

    announcement_id: str
    claimant: str
    differs: bool | None
    qualifier: str
    quantity: int | None
    source_publisher: None | str
    source_url: None | str
    stated_on: datetime.date
    sum_of_stages_then: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        announcement_id = self.announcement_id

        claimant = self.claimant

        differs: bool | None
        differs = self.differs

        qualifier = self.qualifier

        quantity: int | None
        quantity = self.quantity

        source_publisher: None | str
        source_publisher = self.source_publisher

        source_url: None | str
        source_url = self.source_url

        stated_on = self.stated_on.isoformat()

        sum_of_stages_then = self.sum_of_stages_then

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "announcement_id": announcement_id,
                "claimant": claimant,
                "differs": differs,
                "qualifier": qualifier,
                "quantity": quantity,
                "source_publisher": source_publisher,
                "source_url": source_url,
                "stated_on": stated_on,
                "sum_of_stages_then": sum_of_stages_then,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        announcement_id = d.pop("announcement_id")

        claimant = d.pop("claimant")

        def _parse_differs(data: object) -> bool | None:
            if data is None:
                return data
            return cast(bool | None, data)

        differs = _parse_differs(d.pop("differs"))

        qualifier = d.pop("qualifier")

        def _parse_quantity(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        quantity = _parse_quantity(d.pop("quantity"))

        def _parse_source_publisher(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        source_publisher = _parse_source_publisher(d.pop("source_publisher"))

        def _parse_source_url(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        source_url = _parse_source_url(d.pop("source_url"))

        stated_on = datetime.date.fromisoformat(d.pop("stated_on"))

        sum_of_stages_then = d.pop("sum_of_stages_then")

        announced = cls(
            announcement_id=announcement_id,
            claimant=claimant,
            differs=differs,
            qualifier=qualifier,
            quantity=quantity,
            source_publisher=source_publisher,
            source_url=source_url,
            stated_on=stated_on,
            sum_of_stages_then=sum_of_stages_then,
        )

        announced.additional_properties = d
        return announced

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
