from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define

from ..models.category import Category
from ..models.measure import Measure
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.criteria import Criteria
    from ..models.target_in import TargetIn


T = TypeVar("T", bound="CommitmentCreate")


@_attrs_define
class CommitmentCreate:
    """A new term: all-for-all, or a target per receiving party.

    Attributes:
        category (Category): Who or what a commitment is about.
        measure (Measure): How a commitment is measured: everyone eligible, or a number per receiving party.
        criteria (Criteria | None | Unset): Who is eligible under the term (ages, condition); null when the term sets
            none.
        description (None | str | Unset): The term's wording, as announced.
        due_on (datetime.date | None | Unset): The day by which the term is to be fulfilled, if it sets one; after it an
            unfulfilled term is overdue.
        targets (list[TargetIn] | Unset): The number each receiving party is to receive: one per party, at least one for
            a `target` term, none for an all-for-all term.
    """

    category: Category
    measure: Measure
    criteria: Criteria | None | Unset = UNSET
    description: None | str | Unset = UNSET
    due_on: datetime.date | None | Unset = UNSET
    targets: list[TargetIn] | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        from ..models.criteria import Criteria  # noqa: PLC0415

        category = self.category.value

        measure = self.measure.value

        criteria: dict[str, Any] | None | Unset
        if isinstance(self.criteria, Unset):
            criteria = UNSET
        elif isinstance(self.criteria, Criteria):
            criteria = self.criteria.to_dict()
        else:
            criteria = self.criteria

        description: None | str | Unset
        if isinstance(self.description, Unset):
            description = UNSET
        else:
            description = self.description

        due_on: None | str | Unset
        if isinstance(self.due_on, Unset):
            due_on = UNSET
        elif isinstance(self.due_on, datetime.date):
            due_on = self.due_on.isoformat()
        else:
            due_on = self.due_on

        targets: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.targets, Unset):
            targets = []
            for targets_item_data in self.targets:
                targets_item = targets_item_data.to_dict()
                targets.append(targets_item)

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "category": category,
                "measure": measure,
            }
        )
        if criteria is not UNSET:
            field_dict["criteria"] = criteria
        if description is not UNSET:
            field_dict["description"] = description
        if due_on is not UNSET:
            field_dict["due_on"] = due_on
        if targets is not UNSET:
            field_dict["targets"] = targets

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.criteria import Criteria  # noqa: PLC0415
        from ..models.target_in import TargetIn  # noqa: PLC0415

        d = dict(src_dict)
        category = Category(d.pop("category"))

        measure = Measure(d.pop("measure"))

        def _parse_criteria(data: object) -> Criteria | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                criteria_type_0 = Criteria.from_dict(data)

                return criteria_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(Criteria | None | Unset, data)

        criteria = _parse_criteria(d.pop("criteria", UNSET))

        def _parse_description(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        description = _parse_description(d.pop("description", UNSET))

        def _parse_due_on(data: object) -> datetime.date | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                due_on_type_0 = datetime.date.fromisoformat(data)

                return due_on_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.date | None | Unset, data)

        due_on = _parse_due_on(d.pop("due_on", UNSET))

        _targets = d.pop("targets", UNSET)
        targets: list[TargetIn] | Unset = UNSET
        if _targets is not UNSET:
            targets = []
            for targets_item_data in _targets:
                targets_item = TargetIn.from_dict(targets_item_data)

                targets.append(targets_item)

        commitment_create = cls(
            category=category,
            measure=measure,
            criteria=criteria,
            description=description,
            due_on=due_on,
            targets=targets,
        )

        return commitment_create
