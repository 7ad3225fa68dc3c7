from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.line_in import LineIn
    from ..models.source import Source


T = TypeVar("T", bound="CorrectionCreate")


@_attrs_define
class CorrectionCreate:
    """A corrected account of a handover that replaces an earlier update.

    Attributes:
        lines (list[LineIn]): One line per receiving party and term: how many that party received under that term in the
            handover.
        occurred_on (datetime.date): The day of the handover (not the day of the report).
        reason (str): Why the earlier figures are corrected.
        source (Source): Where a statement was published.
        location (None | str | Unset): Where the handover took place.
        note (None | str | Unset): A free-text note by whoever recorded it.
        stage (None | str | Unset): The stage of the exchange, as announced (for example `3`).
    """

    lines: list[LineIn]
    occurred_on: datetime.date
    reason: str
    source: Source
    location: None | str | Unset = UNSET
    note: None | str | Unset = UNSET
    stage: None | str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        lines = []
        for lines_item_data in self.lines:
            lines_item = lines_item_data.to_dict()
            lines.append(lines_item)

        occurred_on = self.occurred_on.isoformat()

        reason = self.reason

        source = self.source.to_dict()

        location: None | str | Unset
        if isinstance(self.location, Unset):
            location = UNSET
        else:
            location = self.location

        note: None | str | Unset
        if isinstance(self.note, Unset):
            note = UNSET
        else:
            note = self.note

        stage: None | str | Unset
        if isinstance(self.stage, Unset):
            stage = UNSET
        else:
            stage = self.stage

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "lines": lines,
                "occurred_on": occurred_on,
                "reason": reason,
                "source": source,
            }
        )
        if location is not UNSET:
            field_dict["location"] = location
        if note is not UNSET:
            field_dict["note"] = note
        if stage is not UNSET:
            field_dict["stage"] = stage

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.line_in import LineIn  # noqa: PLC0415
        from ..models.source import Source  # noqa: PLC0415

        d = dict(src_dict)
        lines = []
        _lines = d.pop("lines")
        for lines_item_data in _lines:
            lines_item = LineIn.from_dict(lines_item_data)

            lines.append(lines_item)

        occurred_on = datetime.date.fromisoformat(d.pop("occurred_on"))

        reason = d.pop("reason")

        source = Source.from_dict(d.pop("source"))

        def _parse_location(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        location = _parse_location(d.pop("location", UNSET))

        def _parse_note(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        note = _parse_note(d.pop("note", UNSET))

        def _parse_stage(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        stage = _parse_stage(d.pop("stage", UNSET))

        correction_create = cls(
            lines=lines,
            occurred_on=occurred_on,
            reason=reason,
            source=source,
            location=location,
            note=note,
            stage=stage,
        )

        return correction_create
