from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="AnnouncedPoint")


@_attrs_define
class AnnouncedPoint:
    """An announced running total, beside the sum of the stages up to its date.

    Attributes:
        announcement_id (str): The id of the announced running total.
        claimant (str): Who announced the running total (a delegation, an office, an outlet).
        commitment_id (None | str): The id of the term (commitment) of the agreement; null (an empty cell in CSV) where
            there is none: a handover whose source did not say which term it served, counted as unattributed, or an
            agreement with no terms.
        differs (bool | None): True when the announced total and the sum of the stages disagree (an exact total differs,
            an `at_least` total exceeds the stages, an approximate one is more than 5% off); null when the announced number
            was withheld.
        qualifier (str): How exact the announced total is: exact, approximate or at_least.
        quantity (int | None): The running total the source announced; null when it was withheld.
        recipient_id (str): The id of the party that received the people or remains.
        stated_on (datetime.date): The day the running total was announced.
        sum_of_stages_then (int): The sum of the recorded stages (on the reported basis) for this party and term up to
            the day of the announcement, to set beside it.
    """

    announcement_id: str
    claimant: str
    commitment_id: None | str
    differs: bool | None
    qualifier: str
    quantity: int | None
    recipient_id: str
    stated_on: datetime.date
    sum_of_stages_then: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        announcement_id = self.announcement_id

        claimant = self.claimant

        commitment_id: None | str
        commitment_id = self.commitment_id

        differs: bool | None
        differs = self.differs

        qualifier = self.qualifier

        quantity: int | None
        quantity = self.quantity

        recipient_id = self.recipient_id

        stated_on = self.stated_on.isoformat()

        sum_of_stages_then = self.sum_of_stages_then

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "announcement_id": announcement_id,
                "claimant": claimant,
                "commitment_id": commitment_id,
                "differs": differs,
                "qualifier": qualifier,
                "quantity": quantity,
                "recipient_id": recipient_id,
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

        def _parse_commitment_id(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        commitment_id = _parse_commitment_id(d.pop("commitment_id"))

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

        recipient_id = d.pop("recipient_id")

        stated_on = datetime.date.fromisoformat(d.pop("stated_on"))

        sum_of_stages_then = d.pop("sum_of_stages_then")

        announced_point = cls(
            announcement_id=announcement_id,
            claimant=claimant,
            commitment_id=commitment_id,
            differs=differs,
            qualifier=qualifier,
            quantity=quantity,
            recipient_id=recipient_id,
            stated_on=stated_on,
            sum_of_stages_then=sum_of_stages_then,
        )

        announced_point.additional_properties = d
        return announced_point

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
