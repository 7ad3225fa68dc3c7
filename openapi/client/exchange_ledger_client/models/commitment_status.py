from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.category import Category
from ..models.measure import Measure
from ..models.state import State

if TYPE_CHECKING:
    from ..models.criteria_public import CriteriaPublic
    from ..models.discrepancy import Discrepancy
    from ..models.imbalance import Imbalance
    from ..models.recipient_status import RecipientStatus


T = TypeVar("T", bound="CommitmentStatus")


@_attrs_define
class CommitmentStatus:
    """Where one term stands.

    Attributes:
        category (Category): Who or what a commitment is about.
        commitment_id (str): The id of the term (commitment) of the agreement; null (an empty cell in CSV) where there
            is none: a handover whose source did not say which term it served, counted as unattributed, or an agreement with
            no terms.
        criteria (CriteriaPublic | None): Who is eligible under the term (ages, condition); null when the term sets
            none.
        days_since_last_update (int | None): Days from the latest handover to the day of the status; null when there has
            been none.
        declared_complete_on (datetime.date | None): The day an editor declared the all-for-all term complete; null if
            not declared.
        description (None | str): The term's wording, as announced.
        discrepancies (list[Discrepancy]): Handovers whose counting claims disagree (in figures or in term) and that no
            verifier has settled yet.
        due_on (datetime.date | None): The day by which the term is to be fulfilled, if it sets one; after it an
            unfulfilled term is overdue.
        imbalance (Imbalance | None): How far apart the receiving parties are under the term; null with fewer than two.
        last_update_on (datetime.date | None): The day of the latest handover counted under the term.
        measure (Measure): How a commitment is measured: everyone eligible, or a number per receiving party.
        recipients (list[RecipientStatus]): One entry per receiving party: what it has received under the term, against
            its target.
        state (State): Where a commitment or an agreement stands on a day, derived from its updates and the date:
            `not_started` (no handover yet), `in_progress`, `fulfilled`, `stalled` (its handovers stopped: the
            last is more than `STALL_DAYS` old) or `overdue` (past its due date, unfulfilled).
    """

    category: Category
    commitment_id: str
    criteria: CriteriaPublic | None
    days_since_last_update: int | None
    declared_complete_on: datetime.date | None
    description: None | str
    discrepancies: list[Discrepancy]
    due_on: datetime.date | None
    imbalance: Imbalance | None
    last_update_on: datetime.date | None
    measure: Measure
    recipients: list[RecipientStatus]
    state: State
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.criteria_public import CriteriaPublic  # noqa: PLC0415
        from ..models.imbalance import Imbalance  # noqa: PLC0415

        category = self.category.value

        commitment_id = self.commitment_id

        criteria: dict[str, Any] | None
        if isinstance(self.criteria, CriteriaPublic):
            criteria = self.criteria.to_dict()
        else:
            criteria = self.criteria

        days_since_last_update: int | None
        days_since_last_update = self.days_since_last_update

        declared_complete_on: None | str
        if isinstance(self.declared_complete_on, datetime.date):
            declared_complete_on = self.declared_complete_on.isoformat()
        else:
            declared_complete_on = self.declared_complete_on

        description: None | str
        description = self.description

        discrepancies = []
        for discrepancies_item_data in self.discrepancies:
            discrepancies_item = discrepancies_item_data.to_dict()
            discrepancies.append(discrepancies_item)

        due_on: None | str
        if isinstance(self.due_on, datetime.date):
            due_on = self.due_on.isoformat()
        else:
            due_on = self.due_on

        imbalance: dict[str, Any] | None
        if isinstance(self.imbalance, Imbalance):
            imbalance = self.imbalance.to_dict()
        else:
            imbalance = self.imbalance

        last_update_on: None | str
        if isinstance(self.last_update_on, datetime.date):
            last_update_on = self.last_update_on.isoformat()
        else:
            last_update_on = self.last_update_on

        measure = self.measure.value

        recipients = []
        for recipients_item_data in self.recipients:
            recipients_item = recipients_item_data.to_dict()
            recipients.append(recipients_item)

        state = self.state.value

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "category": category,
                "commitment_id": commitment_id,
                "criteria": criteria,
                "days_since_last_update": days_since_last_update,
                "declared_complete_on": declared_complete_on,
                "description": description,
                "discrepancies": discrepancies,
                "due_on": due_on,
                "imbalance": imbalance,
                "last_update_on": last_update_on,
                "measure": measure,
                "recipients": recipients,
                "state": state,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.criteria_public import CriteriaPublic  # noqa: PLC0415
        from ..models.discrepancy import Discrepancy  # noqa: PLC0415
        from ..models.imbalance import Imbalance  # noqa: PLC0415
        from ..models.recipient_status import RecipientStatus  # noqa: PLC0415

        d = dict(src_dict)
        category = Category(d.pop("category"))

        commitment_id = d.pop("commitment_id")

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

        def _parse_days_since_last_update(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        days_since_last_update = _parse_days_since_last_update(d.pop("days_since_last_update"))

        def _parse_declared_complete_on(data: object) -> datetime.date | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                declared_complete_on_type_0 = datetime.date.fromisoformat(data)

                return declared_complete_on_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.date | None, data)

        declared_complete_on = _parse_declared_complete_on(d.pop("declared_complete_on"))

        def _parse_description(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        description = _parse_description(d.pop("description"))

        discrepancies = []
        _discrepancies = d.pop("discrepancies")
        for discrepancies_item_data in _discrepancies:
            discrepancies_item = Discrepancy.from_dict(discrepancies_item_data)

            discrepancies.append(discrepancies_item)

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

        def _parse_imbalance(data: object) -> Imbalance | None:
            if data is None:
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                imbalance_type_0 = Imbalance.from_dict(data)

                return imbalance_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(Imbalance | None, data)

        imbalance = _parse_imbalance(d.pop("imbalance"))

        def _parse_last_update_on(data: object) -> datetime.date | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                last_update_on_type_0 = datetime.date.fromisoformat(data)

                return last_update_on_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.date | None, data)

        last_update_on = _parse_last_update_on(d.pop("last_update_on"))

        measure = Measure(d.pop("measure"))

        recipients = []
        _recipients = d.pop("recipients")
        for recipients_item_data in _recipients:
            recipients_item = RecipientStatus.from_dict(recipients_item_data)

            recipients.append(recipients_item)

        state = State(d.pop("state"))

        commitment_status = cls(
            category=category,
            commitment_id=commitment_id,
            criteria=criteria,
            days_since_last_update=days_since_last_update,
            declared_complete_on=declared_complete_on,
            description=description,
            discrepancies=discrepancies,
            due_on=due_on,
            imbalance=imbalance,
            last_update_on=last_update_on,
            measure=measure,
            recipients=recipients,
            state=state,
        )

        commitment_status.additional_properties = d
        return commitment_status

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
