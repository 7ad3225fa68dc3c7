from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.outside_line_in import OutsideLineIn
    from ..models.source import Source


T = TypeVar("T", bound="OutsideHandoverCreate")


@_attrs_define
class OutsideHandoverCreate:
    """A handover between two parties that no agreement covers (a mediated exchange announced afterwards, say).

    Attributes:
        lines (list[OutsideLineIn]): One line per receiving party and term: how many that party received under that term
            in the handover.
        occurred_on (datetime.date): The day of the handover (not of the report).
        parties (list[str]): The two sides of the handover.
        source (Source): Where a statement was published.
        claim_of (None | str | Unset): An earlier report of the same handover: this one is then a further claim, counted
            once with it.
        intermediaries (list[str] | Unset): Who mediated it.
        location (None | str | Unset): Where the handover took place.
        note (None | str | Unset): A free-text note by whoever recorded it.
        stage (None | str | Unset): The stage of the exchange, as announced (for example `3`).
    """

    lines: list[OutsideLineIn]
    occurred_on: datetime.date
    parties: list[str]
    source: Source
    claim_of: None | str | Unset = UNSET
    intermediaries: list[str] | Unset = UNSET
    location: None | str | Unset = UNSET
    note: None | str | Unset = UNSET
    stage: None | str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        lines = []
        for lines_item_data in self.lines:
            lines_item = lines_item_data.to_dict()
            lines.append(lines_item)

        occurred_on = self.occurred_on.isoformat()

        parties = self.parties

        source = self.source.to_dict()

        claim_of: None | str | Unset
        if isinstance(self.claim_of, Unset):
            claim_of = UNSET
        else:
            claim_of = self.claim_of

        intermediaries: list[str] | Unset = UNSET
        if not isinstance(self.intermediaries, Unset):
            intermediaries = self.intermediaries

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
                "parties": parties,
                "source": source,
            }
        )
        if claim_of is not UNSET:
            field_dict["claim_of"] = claim_of
        if intermediaries is not UNSET:
            field_dict["intermediaries"] = intermediaries
        if location is not UNSET:
            field_dict["location"] = location
        if note is not UNSET:
            field_dict["note"] = note
        if stage is not UNSET:
            field_dict["stage"] = stage

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.outside_line_in import OutsideLineIn  # noqa: PLC0415
        from ..models.source import Source  # noqa: PLC0415

        d = dict(src_dict)
        lines = []
        _lines = d.pop("lines")
        for lines_item_data in _lines:
            lines_item = OutsideLineIn.from_dict(lines_item_data)

            lines.append(lines_item)

        occurred_on = datetime.date.fromisoformat(d.pop("occurred_on"))

        parties = cast(list[str], d.pop("parties"))

        source = Source.from_dict(d.pop("source"))

        def _parse_claim_of(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        claim_of = _parse_claim_of(d.pop("claim_of", UNSET))

        intermediaries = cast(list[str], d.pop("intermediaries", UNSET))

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

        outside_handover_create = cls(
            lines=lines,
            occurred_on=occurred_on,
            parties=parties,
            source=source,
            claim_of=claim_of,
            intermediaries=intermediaries,
            location=location,
            note=note,
            stage=stage,
        )

        return outside_handover_create
