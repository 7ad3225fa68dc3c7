from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.category import Category
from ..models.measure import Measure

if TYPE_CHECKING:
    from ..models.criteria_public import CriteriaPublic
    from ..models.target_public import TargetPublic


T = TypeVar("T", bound="CommitmentPublic")


@_attrs_define
class CommitmentPublic:
    """A commitment as shown.

    Attributes:
        agreement_id (str): The id of the agreement (`agr_...`).
        category (Category): Who or what a commitment is about.
        completed_on (datetime.date | None): The day an editor declared the all-for-all term complete, as the source
            says; null until then.
        created_at (datetime.datetime): When the record was created in the service (not when what it reports happened).
        criteria (CriteriaPublic | None): Who is eligible under the term (ages, condition); null when the term sets
            none.
        description (None | str): The term's wording, as announced.
        due_on (datetime.date | None): The day by which the term is to be fulfilled, if it sets one; after it an
            unfulfilled term is overdue.
        id (str): The record's id, assigned by the service; stable, never reused.
        measure (Measure): How a commitment is measured: everyone eligible, or a number per receiving party.
        targets (list[TargetPublic]): The number each receiving party is to receive (empty for an all-for-all term).
    """

    agreement_id: str
    category: Category
    completed_on: datetime.date | None
    created_at: datetime.datetime
    criteria: CriteriaPublic | None
    description: None | str
    due_on: datetime.date | None
    id: str
    measure: Measure
    targets: list[TargetPublic]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.criteria_public import CriteriaPublic  # noqa: PLC0415

        agreement_id = self.agreement_id

        category = self.category.value

        completed_on: None | str
        if isinstance(self.completed_on, datetime.date):
            completed_on = self.completed_on.isoformat()
        else:
            completed_on = self.completed_on

        created_at = self.created_at.isoformat()

        criteria: dict[str, Any] | None
        if isinstance(self.criteria, CriteriaPublic):
            criteria = self.criteria.to_dict()
        else:
            criteria = self.criteria

        description: None | str
        description = self.description

        due_on: None | str
        if isinstance(self.due_on, datetime.date):
            due_on = self.due_on.isoformat()
        else:
            due_on = self.due_on

        id = self.id

        measure = self.measure.value

        targets = []
        for targets_item_data in self.targets:
            targets_item = targets_item_data.to_dict()
            targets.append(targets_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "agreement_id": agreement_id,
                "category": category,
                "completed_on": completed_on,
                "created_at": created_at,
                "criteria": criteria,
                "description": description,
                "due_on": due_on,
                "id": id,
                "measure": measure,
                "targets": targets,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.criteria_public import CriteriaPublic  # noqa: PLC0415
        from ..models.target_public import TargetPublic  # noqa: PLC0415

        d = dict(src_dict)
        agreement_id = d.pop("agreement_id")

        category = Category(d.pop("category"))

        def _parse_completed_on(data: object) -> datetime.date | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                completed_on_type_0 = datetime.date.fromisoformat(data)

                return completed_on_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.date | None, data)

        completed_on = _parse_completed_on(d.pop("completed_on"))

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        def _parse_criteria(data: object) -> CriteriaPublic | None:
            if data is None:
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                criteria_type_0 = CriteriaPublic.from_dict(data)

                return criteria_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(CriteriaPublic | None, data)

        criteria = _parse_criteria(d.pop("criteria"))

        def _parse_description(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        description = _parse_description(d.pop("description"))

        def _parse_due_on(data: object) -> datetime.date | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                due_on_type_0 = datetime.date.fromisoformat(data)

                return due_on_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.date | None, data)

        due_on = _parse_due_on(d.pop("due_on"))

        id = d.pop("id")

        measure = Measure(d.pop("measure"))

        targets = []
        _targets = d.pop("targets")
        for targets_item_data in _targets:
            targets_item = TargetPublic.from_dict(targets_item_data)

            targets.append(targets_item)

        commitment_public = cls(
            agreement_id=agreement_id,
            category=category,
            completed_on=completed_on,
            created_at=created_at,
            criteria=criteria,
            description=description,
            due_on=due_on,
            id=id,
            measure=measure,
            targets=targets,
        )

        commitment_public.additional_properties = d
        return commitment_public

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
