from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.review_state import ReviewState
from ..types import UNSET, Unset

T = TypeVar("T", bound="ReviewPublic")


@_attrs_define
class ReviewPublic:
    """A change of review state as shown.

    Attributes:
        from_state (ReviewState): Where a claim stands in review: every update starts reported.
        reason (str): Why the reviewer decided so, in words; shown beside the figure.
        reviewed_at (datetime.datetime): When the review was made.
        reviewed_by (None | str): The id of the API key of the reviewer.
        to_state (ReviewState): Where a claim stands in review: every update starts reported.
        update_id (str): The id of the fulfilment update (one monitor's account of a handover).
        log_entry (int | None | Unset): The audit entry that recorded this review: its leaf in the signed log, for
            `/api/v1/log/proofs/inclusion?entry=`.
    """

    from_state: ReviewState
    reason: str
    reviewed_at: datetime.datetime
    reviewed_by: None | str
    to_state: ReviewState
    update_id: str
    log_entry: int | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from_state = self.from_state.value

        reason = self.reason

        reviewed_at = self.reviewed_at.isoformat()

        reviewed_by: None | str
        reviewed_by = self.reviewed_by

        to_state = self.to_state.value

        update_id = self.update_id

        log_entry: int | None | Unset
        if isinstance(self.log_entry, Unset):
            log_entry = UNSET
        else:
            log_entry = self.log_entry

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "from_state": from_state,
                "reason": reason,
                "reviewed_at": reviewed_at,
                "reviewed_by": reviewed_by,
                "to_state": to_state,
                "update_id": update_id,
            }
        )
        if log_entry is not UNSET:
            field_dict["log_entry"] = log_entry

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        from_state = ReviewState(d.pop("from_state"))

        reason = d.pop("reason")

        reviewed_at = datetime.datetime.fromisoformat(d.pop("reviewed_at"))

        def _parse_reviewed_by(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        reviewed_by = _parse_reviewed_by(d.pop("reviewed_by"))

        to_state = ReviewState(d.pop("to_state"))

        update_id = d.pop("update_id")

        def _parse_log_entry(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        log_entry = _parse_log_entry(d.pop("log_entry", UNSET))

        review_public = cls(
            from_state=from_state,
            reason=reason,
            reviewed_at=reviewed_at,
            reviewed_by=reviewed_by,
            to_state=to_state,
            update_id=update_id,
            log_entry=log_entry,
        )

        review_public.additional_properties = d
        return review_public

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
