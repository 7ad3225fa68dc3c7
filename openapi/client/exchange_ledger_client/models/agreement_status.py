from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.state import State

if TYPE_CHECKING:
    from ..models.commitment_status import CommitmentStatus
    from ..models.discrepancy import Discrepancy
    from ..models.recipient_status import RecipientStatus


T = TypeVar("T", bound="AgreementStatus")


@_attrs_define
class AgreementStatus:
    """Where an agreement stands, as of a date.

    Attributes:
        agreement_id (str): The id of the agreement (`agr_...`).
        as_of (datetime.date): The day the states were evaluated for (today, or the `as_of` asked for).
        basis (str): Which claims the states, `received` and `percent` count: `reported` (every standing claim not
            rejected) or `verified` (verified claims only). A server setting.
        commitments (list[CommitmentStatus]): The agreement's terms (commitments).
        concluded_on (datetime.date): The day the agreement was concluded.
        days_since_last_update (int | None): Days from the latest handover to the day of the status; null when there has
            been none.
        last_update_on (datetime.date | None): The day of the latest handover under the agreement, any term or none.
        revision (int): A number that grows with every change to the agreement, its terms or its updates; compare two
            reads to tell whether anything changed.
        stall_days (int): Days without a handover after which an unfulfilled agreement or term is `stalled` (a server
            setting).
        state (State): Where a commitment or an agreement stands on a day, derived from its updates and the date:
            `not_started` (no handover yet), `in_progress`, `fulfilled`, `stalled` (its handovers stopped: the
            last is more than `STALL_DAYS` old) or `overdue` (past its due date, unfulfilled).
        title (str): The agreement's title.
        unattributed (list[RecipientStatus]): Handovers whose source did not say which term they served, per receiving
            party: counted here, not under any term.
        unattributed_discrepancies (list[Discrepancy]): Discrepancies among handovers not attributed to a term.
    """

    agreement_id: str
    as_of: datetime.date
    basis: str
    commitments: list[CommitmentStatus]
    concluded_on: datetime.date
    days_since_last_update: int | None
    last_update_on: datetime.date | None
    revision: int
    stall_days: int
    state: State
    title: str
    unattributed: list[RecipientStatus]
    unattributed_discrepancies: list[Discrepancy]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        agreement_id = self.agreement_id

        as_of = self.as_of.isoformat()

        basis = self.basis

        commitments = []
        for commitments_item_data in self.commitments:
            commitments_item = commitments_item_data.to_dict()
            commitments.append(commitments_item)

        concluded_on = self.concluded_on.isoformat()

        days_since_last_update: int | None
        days_since_last_update = self.days_since_last_update

        last_update_on: None | str
        if isinstance(self.last_update_on, datetime.date):
            last_update_on = self.last_update_on.isoformat()
        else:
            last_update_on = self.last_update_on

        revision = self.revision

        stall_days = self.stall_days

        state = self.state.value

        title = self.title

        unattributed = []
        for unattributed_item_data in self.unattributed:
            unattributed_item = unattributed_item_data.to_dict()
            unattributed.append(unattributed_item)

        unattributed_discrepancies = []
        for unattributed_discrepancies_item_data in self.unattributed_discrepancies:
            unattributed_discrepancies_item = unattributed_discrepancies_item_data.to_dict()
            unattributed_discrepancies.append(unattributed_discrepancies_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "agreement_id": agreement_id,
                "as_of": as_of,
                "basis": basis,
                "commitments": commitments,
                "concluded_on": concluded_on,
                "days_since_last_update": days_since_last_update,
                "last_update_on": last_update_on,
                "revision": revision,
                "stall_days": stall_days,
                "state": state,
                "title": title,
                "unattributed": unattributed,
                "unattributed_discrepancies": unattributed_discrepancies,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.commitment_status import CommitmentStatus  # noqa: PLC0415
        from ..models.discrepancy import Discrepancy  # noqa: PLC0415
        from ..models.recipient_status import RecipientStatus  # noqa: PLC0415

        d = dict(src_dict)
        agreement_id = d.pop("agreement_id")

        as_of = datetime.date.fromisoformat(d.pop("as_of"))

        basis = d.pop("basis")

        commitments = []
        _commitments = d.pop("commitments")
        for commitments_item_data in _commitments:
            commitments_item = CommitmentStatus.from_dict(commitments_item_data)

            commitments.append(commitments_item)

        concluded_on = datetime.date.fromisoformat(d.pop("concluded_on"))

        def _parse_days_since_last_update(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        days_since_last_update = _parse_days_since_last_update(d.pop("days_since_last_update"))

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

        revision = d.pop("revision")

        stall_days = d.pop("stall_days")

        state = State(d.pop("state"))

        title = d.pop("title")

        unattributed = []
        _unattributed = d.pop("unattributed")
        for unattributed_item_data in _unattributed:
            unattributed_item = RecipientStatus.from_dict(unattributed_item_data)

            unattributed.append(unattributed_item)

        unattributed_discrepancies = []
        _unattributed_discrepancies = d.pop("unattributed_discrepancies")
        for unattributed_discrepancies_item_data in _unattributed_discrepancies:
            unattributed_discrepancies_item = Discrepancy.from_dict(unattributed_discrepancies_item_data)

            unattributed_discrepancies.append(unattributed_discrepancies_item)

        agreement_status = cls(
            agreement_id=agreement_id,
            as_of=as_of,
            basis=basis,
            commitments=commitments,
            concluded_on=concluded_on,
            days_since_last_update=days_since_last_update,
            last_update_on=last_update_on,
            revision=revision,
            stall_days=stall_days,
            state=state,
            title=title,
            unattributed=unattributed,
            unattributed_discrepancies=unattributed_discrepancies,
        )

        agreement_status.additional_properties = d
        return agreement_status

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
