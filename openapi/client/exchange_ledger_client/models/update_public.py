from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.review_state import ReviewState
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.line_public import LinePublic
    from ..models.source_public import SourcePublic


T = TypeVar("T", bound="UpdatePublic")


@_attrs_define
class UpdatePublic:
    """An update as shown, with who posted it and when.

    Attributes:
        agreement_id (str): The id of the agreement (`agr_...`).
        claim_of (None | str): The update this one is a further claim about (the same handover reported again, perhaps
            with other figures); claims about one handover are counted once, never added up.
        correction_reason (None | str): Why this update corrected an earlier one; null if it corrects none.
        created_at (datetime.datetime): When the record was created in the service (not when what it reports happened).
        created_by (None | str): The id of the API key that recorded it; null for records made by the service itself.
        handover_id (str): The id of the handover: the id of the first update that reported it, shared by every further
            claim about the same handover.
        id (str): The update's id.
        lines (list[LinePublic]): One line per receiving party and term: how many that party received under that term in
            the handover.
        location (None | str): Where the handover took place.
        note (None | str): A free-text note by whoever recorded it.
        occurred_on (datetime.date): The day of the handover (not the day of the report).
        review_state (ReviewState): Where a claim stands in review: every update starts reported.
        reviewed_at (datetime.datetime | None): When the claim was last reviewed; null if never.
        source (SourcePublic): A source as shown.
        stage (None | str): The stage of the exchange, as announced (for example `3`).
        superseded_by (None | str): The correction that replaced this update, if any; a superseded update is kept but
            never counted.
        supersedes (None | str): The update this one corrects, if any.
        changed_at (datetime.datetime | None | Unset): When the update was recorded, reviewed or superseded, whichever
            was last: for `changed_since` (absent only from an answer replayed for an Idempotency-Key first used before it
            was kept).
        log_entry (int | None | Unset): The audit entry that recorded this update (a correction included): its leaf in
            the signed log, for `/api/v1/log/proofs/inclusion?entry=`. Null in the answer to the POST that records it, since
            the entry is numbered when its batch commits (read the update again), and for updates loaded by a bulk import,
            which is one entry of its own.
    """

    agreement_id: str
    claim_of: None | str
    correction_reason: None | str
    created_at: datetime.datetime
    created_by: None | str
    handover_id: str
    id: str
    lines: list[LinePublic]
    location: None | str
    note: None | str
    occurred_on: datetime.date
    review_state: ReviewState
    reviewed_at: datetime.datetime | None
    source: SourcePublic
    stage: None | str
    superseded_by: None | str
    supersedes: None | str
    changed_at: datetime.datetime | None | Unset = UNSET
    log_entry: int | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        agreement_id = self.agreement_id

        claim_of: None | str
        claim_of = self.claim_of

        correction_reason: None | str
        correction_reason = self.correction_reason

        created_at = self.created_at.isoformat()

        created_by: None | str
        created_by = self.created_by

        handover_id = self.handover_id

        id = self.id

        lines = []
        for lines_item_data in self.lines:
            lines_item = lines_item_data.to_dict()
            lines.append(lines_item)

        location: None | str
        location = self.location

        note: None | str
        note = self.note

        occurred_on = self.occurred_on.isoformat()

        review_state = self.review_state.value

        reviewed_at: None | str
        if isinstance(self.reviewed_at, datetime.datetime):
            reviewed_at = self.reviewed_at.isoformat()
        else:
            reviewed_at = self.reviewed_at

        source = self.source.to_dict()

        stage: None | str
        stage = self.stage

        superseded_by: None | str
        superseded_by = self.superseded_by

        supersedes: None | str
        supersedes = self.supersedes

        changed_at: None | str | Unset
        if isinstance(self.changed_at, Unset):
            changed_at = UNSET
        elif isinstance(self.changed_at, datetime.datetime):
            changed_at = self.changed_at.isoformat()
        else:
            changed_at = self.changed_at

        log_entry: int | None | Unset
        if isinstance(self.log_entry, Unset):
            log_entry = UNSET
        else:
            log_entry = self.log_entry

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "agreement_id": agreement_id,
                "claim_of": claim_of,
                "correction_reason": correction_reason,
                "created_at": created_at,
                "created_by": created_by,
                "handover_id": handover_id,
                "id": id,
                "lines": lines,
                "location": location,
                "note": note,
                "occurred_on": occurred_on,
                "review_state": review_state,
                "reviewed_at": reviewed_at,
                "source": source,
                "stage": stage,
                "superseded_by": superseded_by,
                "supersedes": supersedes,
            }
        )
        if changed_at is not UNSET:
            field_dict["changed_at"] = changed_at
        if log_entry is not UNSET:
            field_dict["log_entry"] = log_entry

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.line_public import LinePublic  # noqa: PLC0415
        from ..models.source_public import SourcePublic  # noqa: PLC0415

        d = dict(src_dict)
        agreement_id = d.pop("agreement_id")

        def _parse_claim_of(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        claim_of = _parse_claim_of(d.pop("claim_of"))

        def _parse_correction_reason(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        correction_reason = _parse_correction_reason(d.pop("correction_reason"))

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        def _parse_created_by(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        created_by = _parse_created_by(d.pop("created_by"))

        handover_id = d.pop("handover_id")

        id = d.pop("id")

        lines = []
        _lines = d.pop("lines")
        for lines_item_data in _lines:
            lines_item = LinePublic.from_dict(lines_item_data)

            lines.append(lines_item)

        def _parse_location(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        location = _parse_location(d.pop("location"))

        def _parse_note(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        note = _parse_note(d.pop("note"))

        occurred_on = datetime.date.fromisoformat(d.pop("occurred_on"))

        review_state = ReviewState(d.pop("review_state"))

        def _parse_reviewed_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                reviewed_at_type_0 = datetime.datetime.fromisoformat(data)

                return reviewed_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        reviewed_at = _parse_reviewed_at(d.pop("reviewed_at"))

        source = SourcePublic.from_dict(d.pop("source"))

        def _parse_stage(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        stage = _parse_stage(d.pop("stage"))

        def _parse_superseded_by(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        superseded_by = _parse_superseded_by(d.pop("superseded_by"))

        def _parse_supersedes(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        supersedes = _parse_supersedes(d.pop("supersedes"))

        def _parse_changed_at(data: object) -> datetime.datetime | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                changed_at_type_0 = datetime.datetime.fromisoformat(data)

                return changed_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None | Unset, data)

        changed_at = _parse_changed_at(d.pop("changed_at", UNSET))

        def _parse_log_entry(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        log_entry = _parse_log_entry(d.pop("log_entry", UNSET))

        update_public = cls(
            agreement_id=agreement_id,
            claim_of=claim_of,
            correction_reason=correction_reason,
            created_at=created_at,
            created_by=created_by,
            handover_id=handover_id,
            id=id,
            lines=lines,
            location=location,
            note=note,
            occurred_on=occurred_on,
            review_state=review_state,
            reviewed_at=reviewed_at,
            source=source,
            stage=stage,
            superseded_by=superseded_by,
            supersedes=supersedes,
            changed_at=changed_at,
            log_entry=log_entry,
        )

        update_public.additional_properties = d
        return update_public

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
