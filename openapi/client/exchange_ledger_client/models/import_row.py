from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define

from ..models.category import Category
from ..models.qualifier import Qualifier
from ..models.review_state import ReviewState
from ..types import UNSET, Unset

T = TypeVar("T", bound="ImportRow")


@_attrs_define
class ImportRow:
    """One line of an update, in the columns of the updates export: an item of a JSON import body, or a line of
    an NDJSON one. Declared for clients only: the import reads every body, CSV, NDJSON or JSON, by one reader
    and checks it by the same rules as a posted update.

        Attributes:
            agreement_id (str): The id of the agreement (`agr_...`).
            occurred_on (datetime.date): The day of the handover (not the day of the report).
            quantity (int | None): How many people (or remains) the party received; null (an empty cell in CSV) when the
                number was withheld.
            recipient_id (str): The id of the party that received the people or remains.
            update_id (str): The id of the fulfilment update (one monitor's account of a handover).
            attribution_disputed (bool | None | Unset): True when a party disputes that the handover belongs to the
                agreement.
            category (Category | None | Unset): Who or what the term is about: prisoners_of_war, wounded_and_sick, remains,
                civilian_detainees, children, political_prisoners, journalists or other.
            claim_of (None | str | Unset): The update this one is a further claim about (the same handover reported again,
                perhaps with other figures); claims about one handover are counted once, never added up.
            commitment_id (None | str | Unset): The id of the term (commitment) of the agreement; null (an empty cell in
                CSV) where there is none: a handover whose source did not say which term it served, counted as unattributed, or
                an agreement with no terms.
            counted (bool | None | Unset): True for exactly the lines the status counts under the server's basis: summing
                `quantity` over them per term and party gives the status's `received`.
            created_at (datetime.datetime | None | Unset): When the record was created in the service (not when what it
                reports happened).
            handover_id (None | str | Unset): The id of the handover: the id of the first update that reported it, shared by
                every further claim about the same handover.
            idempotency_key (None | str | Unset): On import, a retry token per update; always empty on export (keys belong
                to the client that sent them).
            location (None | str | Unset): Where the handover took place.
            note (None | str | Unset): A free-text note by whoever recorded it.
            qualifier (None | Qualifier | Unset): How exact the number is: `exact`, `approximate` ("about 250") or
                `at_least` ("more than 1,000").
            recipient_country_code (None | str | Unset): The receiving party's ISO 3166-1 alpha-3 code; empty for a party
                that is not a country.
            recipient_name (None | str | Unset): The receiving party's name.
            recipient_name_en (None | str | Unset): The receiving party's name. In English, if known.
            recipient_name_ru (None | str | Unset): The receiving party's name. In Russian, if known.
            recipient_name_uk (None | str | Unset): The receiving party's name. In Ukrainian, if known.
            review_state (None | ReviewState | Unset): Where the claim stands in review: `reported` (not yet reviewed;
                counts on the reported basis), `verified`, `disputed` (still counts) or `rejected` (kept, never counted).
            source_published_on (datetime.date | None | Unset): The day the source was published.
            source_publisher (None | str | Unset): Who published the source.
            source_title (None | str | Unset): The title of the source.
            source_url (None | str | Unset): The address of the source.
            stage (None | str | Unset): The stage of the exchange, as announced (for example `3`).
            superseded_by (None | str | Unset): The correction that replaced this update, if any; a superseded update is
                kept but never counted.
            supersedes (None | str | Unset): The update this one corrects, if any.
    """

    agreement_id: str
    occurred_on: datetime.date
    quantity: int | None
    recipient_id: str
    update_id: str
    attribution_disputed: bool | None | Unset = UNSET
    category: Category | None | Unset = UNSET
    claim_of: None | str | Unset = UNSET
    commitment_id: None | str | Unset = UNSET
    counted: bool | None | Unset = UNSET
    created_at: datetime.datetime | None | Unset = UNSET
    handover_id: None | str | Unset = UNSET
    idempotency_key: None | str | Unset = UNSET
    location: None | str | Unset = UNSET
    note: None | str | Unset = UNSET
    qualifier: None | Qualifier | Unset = UNSET
    recipient_country_code: None | str | Unset = UNSET
    recipient_name: None | str | Unset = UNSET
    recipient_name_en: None | str | Unset = UNSET
    recipient_name_ru: None | str | Unset = UNSET
    recipient_name_uk: None | str | Unset = UNSET
    review_state: None | ReviewState | Unset = UNSET
    source_published_on: datetime.date | None | Unset = UNSET
    source_publisher: None | str | Unset = UNSET
    source_title: None | str | Unset = UNSET
    source_url: None | str | Unset = UNSET
    stage: None | str | Unset = UNSET
    superseded_by: None | str | Unset = UNSET
    supersedes: None | str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        agreement_id = self.agreement_id

        occurred_on = self.occurred_on.isoformat()

        quantity: int | None
        quantity = self.quantity

        recipient_id = self.recipient_id

        update_id = self.update_id

        attribution_disputed: bool | None | Unset
        if isinstance(self.attribution_disputed, Unset):
            attribution_disputed = UNSET
        else:
            attribution_disputed = self.attribution_disputed

        category: None | str | Unset
        if isinstance(self.category, Unset):
            category = UNSET
        elif isinstance(self.category, Category):
            category = self.category.value
        else:
            category = self.category

        claim_of: None | str | Unset
        if isinstance(self.claim_of, Unset):
            claim_of = UNSET
        else:
            claim_of = self.claim_of

        commitment_id: None | str | Unset
        if isinstance(self.commitment_id, Unset):
            commitment_id = UNSET
        else:
            commitment_id = self.commitment_id

        counted: bool | None | Unset
        if isinstance(self.counted, Unset):
            counted = UNSET
        else:
            counted = self.counted

        created_at: None | str | Unset
        if isinstance(self.created_at, Unset):
            created_at = UNSET
        elif isinstance(self.created_at, datetime.datetime):
            created_at = self.created_at.isoformat()
        else:
            created_at = self.created_at

        handover_id: None | str | Unset
        if isinstance(self.handover_id, Unset):
            handover_id = UNSET
        else:
            handover_id = self.handover_id

        idempotency_key: None | str | Unset
        if isinstance(self.idempotency_key, Unset):
            idempotency_key = UNSET
        else:
            idempotency_key = self.idempotency_key

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

        qualifier: None | str | Unset
        if isinstance(self.qualifier, Unset):
            qualifier = UNSET
        elif isinstance(self.qualifier, Qualifier):
            qualifier = self.qualifier.value
        else:
            qualifier = self.qualifier

        recipient_country_code: None | str | Unset
        if isinstance(self.recipient_country_code, Unset):
            recipient_country_code = UNSET
        else:
            recipient_country_code = self.recipient_country_code

        recipient_name: None | str | Unset
        if isinstance(self.recipient_name, Unset):
            recipient_name = UNSET
        else:
            recipient_name = self.recipient_name

        recipient_name_en: None | str | Unset
        if isinstance(self.recipient_name_en, Unset):
            recipient_name_en = UNSET
        else:
            recipient_name_en = self.recipient_name_en

        recipient_name_ru: None | str | Unset
        if isinstance(self.recipient_name_ru, Unset):
            recipient_name_ru = UNSET
        else:
            recipient_name_ru = self.recipient_name_ru

        recipient_name_uk: None | str | Unset
        if isinstance(self.recipient_name_uk, Unset):
            recipient_name_uk = UNSET
        else:
            recipient_name_uk = self.recipient_name_uk

        review_state: None | str | Unset
        if isinstance(self.review_state, Unset):
            review_state = UNSET
        elif isinstance(self.review_state, ReviewState):
            review_state = self.review_state.value
        else:
            review_state = self.review_state

        source_published_on: None | str | Unset
        if isinstance(self.source_published_on, Unset):
            source_published_on = UNSET
        elif isinstance(self.source_published_on, datetime.date):
            source_published_on = self.source_published_on.isoformat()
        else:
            source_published_on = self.source_published_on

        source_publisher: None | str | Unset
        if isinstance(self.source_publisher, Unset):
            source_publisher = UNSET
        else:
            source_publisher = self.source_publisher

        source_title: None | str | Unset
        if isinstance(self.source_title, Unset):
            source_title = UNSET
        else:
            source_title = self.source_title

        source_url: None | str | Unset
        if isinstance(self.source_url, Unset):
            source_url = UNSET
        else:
            source_url = self.source_url

        stage: None | str | Unset
        if isinstance(self.stage, Unset):
            stage = UNSET
        else:
            stage = self.stage

        superseded_by: None | str | Unset
        if isinstance(self.superseded_by, Unset):
            superseded_by = UNSET
        else:
            superseded_by = self.superseded_by

        supersedes: None | str | Unset
        if isinstance(self.supersedes, Unset):
            supersedes = UNSET
        else:
            supersedes = self.supersedes

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "agreement_id": agreement_id,
                "occurred_on": occurred_on,
                "quantity": quantity,
                "recipient_id": recipient_id,
                "update_id": update_id,
            }
        )
        if attribution_disputed is not UNSET:
            field_dict["attribution_disputed"] = attribution_disputed
        if category is not UNSET:
            field_dict["category"] = category
        if claim_of is not UNSET:
            field_dict["claim_of"] = claim_of
        if commitment_id is not UNSET:
            field_dict["commitment_id"] = commitment_id
        if counted is not UNSET:
            field_dict["counted"] = counted
        if created_at is not UNSET:
            field_dict["created_at"] = created_at
        if handover_id is not UNSET:
            field_dict["handover_id"] = handover_id
        if idempotency_key is not UNSET:
            field_dict["idempotency_key"] = idempotency_key
        if location is not UNSET:
            field_dict["location"] = location
        if note is not UNSET:
            field_dict["note"] = note
        if qualifier is not UNSET:
            field_dict["qualifier"] = qualifier
        if recipient_country_code is not UNSET:
            field_dict["recipient_country_code"] = recipient_country_code
        if recipient_name is not UNSET:
            field_dict["recipient_name"] = recipient_name
        if recipient_name_en is not UNSET:
            field_dict["recipient_name_en"] = recipient_name_en
        if recipient_name_ru is not UNSET:
            field_dict["recipient_name_ru"] = recipient_name_ru
        if recipient_name_uk is not UNSET:
            field_dict["recipient_name_uk"] = recipient_name_uk
        if review_state is not UNSET:
            field_dict["review_state"] = review_state
        if source_published_on is not UNSET:
            field_dict["source_published_on"] = source_published_on
        if source_publisher is not UNSET:
            field_dict["source_publisher"] = source_publisher
        if source_title is not UNSET:
            field_dict["source_title"] = source_title
        if source_url is not UNSET:
            field_dict["source_url"] = source_url
        if stage is not UNSET:
            field_dict["stage"] = stage
        if superseded_by is not UNSET:
            field_dict["superseded_by"] = superseded_by
        if supersedes is not UNSET:
            field_dict["supersedes"] = supersedes

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        agreement_id = d.pop("agreement_id")

        occurred_on = datetime.date.fromisoformat(d.pop("occurred_on"))

        def _parse_quantity(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        quantity = _parse_quantity(d.pop("quantity"))

        recipient_id = d.pop("recipient_id")

        update_id = d.pop("update_id")

        def _parse_attribution_disputed(data: object) -> bool | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(bool | None | Unset, data)

        attribution_disputed = _parse_attribution_disputed(d.pop("attribution_disputed", UNSET))

        def _parse_category(data: object) -> Category | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                category_type_0 = Category(data)

                return category_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(Category | None | Unset, data)

        category = _parse_category(d.pop("category", UNSET))

        def _parse_claim_of(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        claim_of = _parse_claim_of(d.pop("claim_of", UNSET))

        def _parse_commitment_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        commitment_id = _parse_commitment_id(d.pop("commitment_id", UNSET))

        def _parse_counted(data: object) -> bool | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(bool | None | Unset, data)

        counted = _parse_counted(d.pop("counted", UNSET))

        def _parse_created_at(data: object) -> datetime.datetime | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                created_at_type_0 = datetime.datetime.fromisoformat(data)

                return created_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None | Unset, data)

        created_at = _parse_created_at(d.pop("created_at", UNSET))

        def _parse_handover_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        handover_id = _parse_handover_id(d.pop("handover_id", UNSET))

        def _parse_idempotency_key(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        idempotency_key = _parse_idempotency_key(d.pop("idempotency_key", UNSET))

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

        def _parse_qualifier(data: object) -> None | Qualifier | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                qualifier_type_0 = Qualifier(data)

                return qualifier_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | Qualifier | Unset, data)

        qualifier = _parse_qualifier(d.pop("qualifier", UNSET))

        def _parse_recipient_country_code(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        recipient_country_code = _parse_recipient_country_code(d.pop("recipient_country_code", UNSET))

        def _parse_recipient_name(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        recipient_name = _parse_recipient_name(d.pop("recipient_name", UNSET))

        def _parse_recipient_name_en(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        recipient_name_en = _parse_recipient_name_en(d.pop("recipient_name_en", UNSET))

        def _parse_recipient_name_ru(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        recipient_name_ru = _parse_recipient_name_ru(d.pop("recipient_name_ru", UNSET))

        def _parse_recipient_name_uk(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        recipient_name_uk = _parse_recipient_name_uk(d.pop("recipient_name_uk", UNSET))

        def _parse_review_state(data: object) -> None | ReviewState | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                review_state_type_0 = ReviewState(data)

                return review_state_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | ReviewState | Unset, data)

        review_state = _parse_review_state(d.pop("review_state", UNSET))

        def _parse_source_published_on(data: object) -> datetime.date | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                source_published_on_type_0 = datetime.date.fromisoformat(data)

                return source_published_on_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.date | None | Unset, data)

        source_published_on = _parse_source_published_on(d.pop("source_published_on", UNSET))

        def _parse_source_publisher(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        source_publisher = _parse_source_publisher(d.pop("source_publisher", UNSET))

        def _parse_source_title(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        source_title = _parse_source_title(d.pop("source_title", UNSET))

        def _parse_source_url(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        source_url = _parse_source_url(d.pop("source_url", UNSET))

        def _parse_stage(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        stage = _parse_stage(d.pop("stage", UNSET))

        def _parse_superseded_by(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        superseded_by = _parse_superseded_by(d.pop("superseded_by", UNSET))

        def _parse_supersedes(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        supersedes = _parse_supersedes(d.pop("supersedes", UNSET))

        import_row = cls(
            agreement_id=agreement_id,
            occurred_on=occurred_on,
            quantity=quantity,
            recipient_id=recipient_id,
            update_id=update_id,
            attribution_disputed=attribution_disputed,
            category=category,
            claim_of=claim_of,
            commitment_id=commitment_id,
            counted=counted,
            created_at=created_at,
            handover_id=handover_id,
            idempotency_key=idempotency_key,
            location=location,
            note=note,
            qualifier=qualifier,
            recipient_country_code=recipient_country_code,
            recipient_name=recipient_name,
            recipient_name_en=recipient_name_en,
            recipient_name_ru=recipient_name_ru,
            recipient_name_uk=recipient_name_uk,
            review_state=review_state,
            source_published_on=source_published_on,
            source_publisher=source_publisher,
            source_title=source_title,
            source_url=source_url,
            stage=stage,
            superseded_by=superseded_by,
            supersedes=supersedes,
        )

        return import_row
