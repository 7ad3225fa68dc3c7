from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.agreement_create_titles import AgreementCreateTitles
    from ..models.commitment_create import CommitmentCreate
    from ..models.source import Source


T = TypeVar("T", bound="AgreementCreate")


@_attrs_define
class AgreementCreate:
    """A whole agreement with its commitments, recorded in one call.

    Attributes:
        concluded_on (datetime.date): The day the agreement was concluded.
        parties (list[str]): The ids of the parties bound by the agreement (at least two).
        title (str): The English title.
        commitments (list[CommitmentCreate] | Unset): The agreement's terms (commitments).
        intermediaries (list[str] | Unset): The mediators or neutral facilitators of the agreement (states, the ICRC,
            ...).
        negotiation_round (None | str | Unset): The round of talks that produced the agreement, as announced (for
            example `second round`).
        notes (None | str | Unset): An editor's free-text notes on the agreement.
        sources (list[Source] | Unset): Where the agreement was published or reported.
        titles (AgreementCreateTitles | Unset): The title in other languages, by BCP 47 tag; `en`, if given, must be the
            same as `title` (the English title).
        venue (None | str | Unset): Where the agreement was concluded, such as a city.
    """

    concluded_on: datetime.date
    parties: list[str]
    title: str
    commitments: list[CommitmentCreate] | Unset = UNSET
    intermediaries: list[str] | Unset = UNSET
    negotiation_round: None | str | Unset = UNSET
    notes: None | str | Unset = UNSET
    sources: list[Source] | Unset = UNSET
    titles: AgreementCreateTitles | Unset = UNSET
    venue: None | str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        concluded_on = self.concluded_on.isoformat()

        parties = self.parties

        title = self.title

        commitments: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.commitments, Unset):
            commitments = []
            for commitments_item_data in self.commitments:
                commitments_item = commitments_item_data.to_dict()
                commitments.append(commitments_item)

        intermediaries: list[str] | Unset = UNSET
        if not isinstance(self.intermediaries, Unset):
            intermediaries = self.intermediaries

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

        sources: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.sources, Unset):
            sources = []
            for sources_item_data in self.sources:
                sources_item = sources_item_data.to_dict()
                sources.append(sources_item)

        titles: dict[str, Any] | Unset = UNSET
        if not isinstance(self.titles, Unset):
            titles = self.titles.to_dict()

        venue: None | str | Unset
        if isinstance(self.venue, Unset):
            venue = UNSET
        else:
            venue = self.venue

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "concluded_on": concluded_on,
                "parties": parties,
                "title": title,
            }
        )
        if commitments is not UNSET:
            field_dict["commitments"] = commitments
        if intermediaries is not UNSET:
            field_dict["intermediaries"] = intermediaries
        if negotiation_round is not UNSET:
            field_dict["negotiation_round"] = negotiation_round
        if notes is not UNSET:
            field_dict["notes"] = notes
        if sources is not UNSET:
            field_dict["sources"] = sources
        if titles is not UNSET:
            field_dict["titles"] = titles
        if venue is not UNSET:
            field_dict["venue"] = venue

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.agreement_create_titles import AgreementCreateTitles  # noqa: PLC0415
        from ..models.commitment_create import CommitmentCreate  # noqa: PLC0415
        from ..models.source import Source  # noqa: PLC0415

        d = dict(src_dict)
        concluded_on = datetime.date.fromisoformat(d.pop("concluded_on"))

        parties = cast(list[str], d.pop("parties"))

        title = d.pop("title")

        _commitments = d.pop("commitments", UNSET)
        commitments: list[CommitmentCreate] | Unset = UNSET
        if _commitments is not UNSET:
            commitments = []
            for commitments_item_data in _commitments:
                commitments_item = CommitmentCreate.from_dict(commitments_item_data)

                commitments.append(commitments_item)

        intermediaries = cast(list[str], d.pop("intermediaries", UNSET))

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

        _sources = d.pop("sources", UNSET)
        sources: list[Source] | Unset = UNSET
        if _sources is not UNSET:
            sources = []
            for sources_item_data in _sources:
                sources_item = Source.from_dict(sources_item_data)

                sources.append(sources_item)

        _titles = d.pop("titles", UNSET)
        titles: AgreementCreateTitles | Unset
        if isinstance(_titles, Unset):
            titles = UNSET
        else:
            titles = AgreementCreateTitles.from_dict(_titles)

        def _parse_venue(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        venue = _parse_venue(d.pop("venue", UNSET))

        agreement_create = cls(
            concluded_on=concluded_on,
            parties=parties,
            title=title,
            commitments=commitments,
            intermediaries=intermediaries,
            negotiation_round=negotiation_round,
            notes=notes,
            sources=sources,
            titles=titles,
            venue=venue,
        )

        return agreement_create
