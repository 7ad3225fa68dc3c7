from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.agreement_update_titles_type_0 import AgreementUpdateTitlesType0
    from ..models.source import Source


T = TypeVar("T", bound="AgreementUpdate")


@_attrs_define
class AgreementUpdate:
    """A change to an agreement's description; every field is optional.

    Attributes:
        concluded_on (datetime.date | Unset): The new day the agreement was concluded; left as it is when absent.
        negotiation_round (None | str | Unset): The round of talks that produced the agreement, as announced (for
            example `second round`).
        notes (None | str | Unset): An editor's free-text notes on the agreement.
        sources (list[Source] | None | Unset): Where the agreement was published or reported.
        title (str | Unset): The agreement's new title; left as it is when absent.
        titles (AgreementUpdateTitlesType0 | None | Unset): The title in other languages, by BCP 47 tag; `en`, if given,
            must be the same as `title` (the English title). Replaces every other language's title.
        venue (None | str | Unset): Where the agreement was concluded, such as a city.
    """

    concluded_on: datetime.date | Unset = UNSET
    negotiation_round: None | str | Unset = UNSET
    notes: None | str | Unset = UNSET
    sources: list[Source] | None | Unset = UNSET
    title: str | Unset = UNSET
    titles: AgreementUpdateTitlesType0 | None | Unset = UNSET
    venue: None | str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        from ..models.agreement_update_titles_type_0 import AgreementUpdateTitlesType0  # noqa: PLC0415

        concluded_on: str | Unset = UNSET
        if not isinstance(self.concluded_on, Unset):
            concluded_on = self.concluded_on.isoformat()

        negotiation_round: None | str | Unset
        if isinstance(self.negotiation_round, Unset):
            negotiation_round = UNSET
        else:
            negotiation_round = self.negotiation_round

        notes: None | str | Unset
        if isinstance(self.notes, Unset):
            notes = UNSET
        else:
            notes = self.notes

        sources: list[dict[str, Any]] | None | Unset
        if isinstance(self.sources, Unset):
            sources = UNSET
        elif isinstance(self.sources, list):
            sources = []
            for sources_type_0_item_data in self.sources:
                sources_type_0_item = sources_type_0_item_data.to_dict()
                sources.append(sources_type_0_item)

        else:
            sources = self.sources

        title = self.title

        titles: dict[str, Any] | None | Unset
        if isinstance(self.titles, Unset):
            titles = UNSET
        elif isinstance(self.titles, AgreementUpdateTitlesType0):
            titles = self.titles.to_dict()
        else:
            titles = self.titles

        venue: None | str | Unset
        if isinstance(self.venue, Unset):
            venue = UNSET
        else:
            venue = self.venue

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if concluded_on is not UNSET:
            field_dict["concluded_on"] = concluded_on
        if negotiation_round is not UNSET:
            field_dict["negotiation_round"] = negotiation_round
        if notes is not UNSET:
            field_dict["notes"] = notes
        if sources is not UNSET:
            field_dict["sources"] = sources
        if title is not UNSET:
            field_dict["title"] = title
        if titles is not UNSET:
            field_dict["titles"] = titles
        if venue is not UNSET:
            field_dict["venue"] = venue

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.agreement_update_titles_type_0 import AgreementUpdateTitlesType0  # noqa: PLC0415
        from ..models.source import Source  # noqa: PLC0415

        d = dict(src_dict)
        _concluded_on = d.pop("concluded_on", UNSET)
        concluded_on: datetime.date | Unset
        if isinstance(_concluded_on, Unset):
            concluded_on = UNSET
        else:
            concluded_on = datetime.date.fromisoformat(_concluded_on)

        def _parse_negotiation_round(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        negotiation_round = _parse_negotiation_round(d.pop("negotiation_round", UNSET))

        def _parse_notes(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        notes = _parse_notes(d.pop("notes", UNSET))

        def _parse_sources(data: object) -> list[Source] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                sources_type_0 = []
                _sources_type_0 = data
                for sources_type_0_item_data in _sources_type_0:
                    sources_type_0_item = Source.from_dict(sources_type_0_item_data)

                    sources_type_0.append(sources_type_0_item)

                return sources_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[Source] | None | Unset, data)

        sources = _parse_sources(d.pop("sources", UNSET))

        title = d.pop("title", UNSET)

        def _parse_titles(data: object) -> AgreementUpdateTitlesType0 | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                titles_type_0 = AgreementUpdateTitlesType0.from_dict(data)

                return titles_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(AgreementUpdateTitlesType0 | None | Unset, data)

        titles = _parse_titles(d.pop("titles", UNSET))

        def _parse_venue(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        venue = _parse_venue(d.pop("venue", UNSET))

        agreement_update = cls(
            concluded_on=concluded_on,
            negotiation_round=negotiation_round,
            notes=notes,
            sources=sources,
            title=title,
            titles=titles,
            venue=venue,
        )

        return agreement_update
