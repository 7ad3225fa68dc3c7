from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.source import Source


T = TypeVar("T", bound="CompletionCreate")


@_attrs_define
class CompletionCreate:
    """An editor's declaration that everyone eligible under an all-for-all term has been returned.

    Attributes:
        completed_on (datetime.date): The day the term was completed, as the source says.
        source (Source): Where a statement was published.
        note (None | str | Unset): A note on the declaration.
    """

    completed_on: datetime.date
    source: Source
    note: None | str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        completed_on = self.completed_on.isoformat()

        source = self.source.to_dict()

        note: None | str | Unset
        if isinstance(self.note, Unset):
            note = UNSET
        else:
            note = self.note

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "completed_on": completed_on,
                "source": source,
            }
        )
        if note is not UNSET:
            field_dict["note"] = note

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.source import Source  # noqa: PLC0415

        d = dict(src_dict)
        completed_on = datetime.date.fromisoformat(d.pop("completed_on"))

        source = Source.from_dict(d.pop("source"))

        def _parse_note(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        note = _parse_note(d.pop("note", UNSET))

        completion_create = cls(
            completed_on=completed_on,
            source=source,
            note=note,
        )

        return completion_create
