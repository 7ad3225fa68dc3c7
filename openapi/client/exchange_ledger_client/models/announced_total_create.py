from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.line_in import LineIn
    from ..models.source import Source


T = TypeVar("T", bound="AnnouncedTotalCreate")


@_attrs_define
class AnnouncedTotalCreate:
    """A cumulative figure as a source announced it.

    Attributes:
        claimant (str): Who announced the running total (a delegation, an office, an outlet).
        figures (list[LineIn]): The cumulative figures announced, one per receiving party and term: running totals so
            far, not a stage's own figures.
        source (Source): Where a statement was published.
        stated_on (datetime.date): The day the running total was announced.
        note (None | str | Unset): A note on the announcement.
    """

    claimant: str
    figures: list[LineIn]
    source: Source
    stated_on: datetime.date
    note: None | str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        claimant = self.claimant

        figures = []
        for figures_item_data in self.figures:
            figures_item = figures_item_data.to_dict()
            figures.append(figures_item)

        source = self.source.to_dict()

        stated_on = self.stated_on.isoformat()

        note: None | str | Unset
        if isinstance(self.note, Unset):
            note = UNSET
        else:
            note = self.note

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "claimant": claimant,
                "figures": figures,
                "source": source,
                "stated_on": stated_on,
            }
        )
        if note is not UNSET:
            field_dict["note"] = note

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.line_in import LineIn  # noqa: PLC0415
        from ..models.source import Source  # noqa: PLC0415

        d = dict(src_dict)
        claimant = d.pop("claimant")

        figures = []
        _figures = d.pop("figures")
        for figures_item_data in _figures:
            figures_item = LineIn.from_dict(figures_item_data)

            figures.append(figures_item)

        source = Source.from_dict(d.pop("source"))

        stated_on = datetime.date.fromisoformat(d.pop("stated_on"))

        def _parse_note(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        note = _parse_note(d.pop("note", UNSET))

        announced_total_create = cls(
            claimant=claimant,
            figures=figures,
            source=source,
            stated_on=stated_on,
            note=note,
        )

        return announced_total_create
