from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.state import State

if TYPE_CHECKING:
    from ..models.agreement_public_titles import AgreementPublicTitles
    from ..models.commitment_public import CommitmentPublic
    from ..models.party_ref import PartyRef
    from ..models.source_public import SourcePublic


T = TypeVar("T", bound="AgreementPublic")


@_attrs_define
class AgreementPublic:
    """An agreement as shown, with its current state.

    Attributes:
        changed_at (datetime.datetime): When anything the agreement shows last changed (an edit, a term, a handover, a
            review): for `changed_since`.
        commitments (list[CommitmentPublic]): The agreement's terms (commitments).
        concluded_on (datetime.date): The day the agreement was concluded.
        created_at (datetime.datetime): When the record was created in the service (not when what it reports happened).
        id (str): The record's id, assigned by the service; stable, never reused.
        intermediaries (list[PartyRef]): The mediators or neutral facilitators of the agreement (states, the ICRC, ...).
        last_update_on (datetime.date | None): The day of the latest handover counted (not the day it was reported);
            null when there has been none.
        negotiation_round (None | str): The round of talks that produced the agreement, as announced (for example
            `second round`).
        notes (None | str): An editor's free-text notes on the agreement.
        parties (list[PartyRef]): The parties bound by the agreement, in the order recorded (in an export, their names
            separated by '; ').
        revision (int): A number that grows with every change to the agreement, its terms or its updates; compare two
            reads to tell whether anything changed.
        sources (list[SourcePublic]): Where the agreement was published or reported.
        state (State): Where a commitment or an agreement stands on a day, derived from its updates and the date:
            `not_started` (no handover yet), `in_progress`, `fulfilled`, `stalled` (its handovers stopped: the
            last is more than `STALL_DAYS` old) or `overdue` (past its due date, unfulfilled).
        title (str): The title in the language of the answer (Content-Language), else in English.
        titles (AgreementPublicTitles): The title by BCP 47 tag, English always among them.
        updated_at (datetime.datetime): When the record was last changed.
        venue (None | str): Where the agreement was concluded, such as a city.
    """

    changed_at: datetime.datetime
    commitments: list[CommitmentPublic]
    concluded_on: datetime.date
    created_at: datetime.datetime
    id: str
    intermediaries: list[PartyRef]
    last_update_on: datetime.date | None
    negotiation_round: None | str
    notes: None | str
    parties: list[PartyRef]
    revision: int
    sources: list[SourcePublic]
    state: State
    title: str
    titles: AgreementPublicTitles
    updated_at: datetime.datetime
    venue: None | str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        changed_at = self.changed_at.isoformat()

        commitments = []
        for commitments_item_data in self.commitments:
            commitments_item = commitments_item_data.to_dict()
            commitments.append(commitments_item)

        concluded_on = self.concluded_on.isoformat()

        created_at = self.created_at.isoformat()

        id = self.id

        intermediaries = []
        for intermediaries_item_data in self.intermediaries:
            intermediaries_item = intermediaries_item_data.to_dict()
            intermediaries.append(intermediaries_item)

        last_update_on: None | str
        if isinstance(self.last_update_on, datetime.date):
            last_update_on = self.last_update_on.isoformat()
        else:
            last_update_on = self.last_update_on

        negotiation_round: None | str
        negotiation_round = self.negotiation_round

        notes: None | str
        notes = self.notes

        parties = []
        for parties_item_data in self.parties:
            parties_item = parties_item_data.to_dict()
            parties.append(parties_item)

        revision = self.revision

        sources = []
        for sources_item_data in self.sources:
            sources_item = sources_item_data.to_dict()
            sources.append(sources_item)

        state = self.state.value

        title = self.title

        titles = self.titles.to_dict()

        updated_at = self.updated_at.isoformat()

        venue: None | str
        venue = self.venue

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "changed_at": changed_at,
                "commitments": commitments,
                "concluded_on": concluded_on,
                "created_at": created_at,
                "id": id,
                "intermediaries": intermediaries,
                "last_update_on": last_update_on,
                "negotiation_round": negotiation_round,
                "notes": notes,
                "parties": parties,
                "revision": revision,
                "sources": sources,
                "state": state,
                "title": title,
                "titles": titles,
                "updated_at": updated_at,
                "venue": venue,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.agreement_public_titles import AgreementPublicTitles  # noqa: PLC0415
        from ..models.commitment_public import CommitmentPublic  # noqa: PLC0415
        from ..models.party_ref import PartyRef  # noqa: PLC0415
        from ..models.source_public import SourcePublic  # noqa: PLC0415

        d = dict(src_dict)
        changed_at = datetime.datetime.fromisoformat(d.pop("changed_at"))

        commitments = []
        _commitments = d.pop("commitments")
        for commitments_item_data in _commitments:
            commitments_item = CommitmentPublic.from_dict(commitments_item_data)

            commitments.append(commitments_item)

        concluded_on = datetime.date.fromisoformat(d.pop("concluded_on"))

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        id = d.pop("id")

        intermediaries = []
        _intermediaries = d.pop("intermediaries")
        for intermediaries_item_data in _intermediaries:
            intermediaries_item = PartyRef.from_dict(intermediaries_item_data)

            intermediaries.append(intermediaries_item)

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

        def _parse_negotiation_round(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        negotiation_round = _parse_negotiation_round(d.pop("negotiation_round"))

        def _parse_notes(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        notes = _parse_notes(d.pop("notes"))

        parties = []
        _parties = d.pop("parties")
        for parties_item_data in _parties:
            parties_item = PartyRef.from_dict(parties_item_data)

            parties.append(parties_item)

        revision = d.pop("revision")

        sources = []
        _sources = d.pop("sources")
        for sources_item_data in _sources:
            sources_item = SourcePublic.from_dict(sources_item_data)

            sources.append(sources_item)

        state = State(d.pop("state"))

        title = d.pop("title")

        titles = AgreementPublicTitles.from_dict(d.pop("titles"))

        updated_at = datetime.datetime.fromisoformat(d.pop("updated_at"))

        def _parse_venue(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        venue = _parse_venue(d.pop("venue"))

        agreement_public = cls(
            changed_at=changed_at,
            commitments=commitments,
            concluded_on=concluded_on,
            created_at=created_at,
            id=id,
            intermediaries=intermediaries,
            last_update_on=last_update_on,
            negotiation_round=negotiation_round,
            notes=notes,
            parties=parties,
            revision=revision,
            sources=sources,
            state=state,
            title=title,
            titles=titles,
            updated_at=updated_at,
            venue=venue,
        )

        agreement_public.additional_properties = d
        return agreement_public

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
