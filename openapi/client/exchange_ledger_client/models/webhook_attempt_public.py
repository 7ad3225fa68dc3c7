from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.attempt_outcome import AttemptOutcome
from ..models.event_type import EventType

T = TypeVar("T", bound="WebhookAttemptPublic")


@_attrs_define
class WebhookAttemptPublic:
    """One try to deliver an event.

    Attributes:
        delivery_id (str): The id of the webhook delivery.
        duration_ms (int | None): How long the try took, in milliseconds; null while in flight.
        error (None | str): What went wrong, if the try failed.
        event_id (str): The id of the webhook event; sent as the `webhook-id` header, the same on every retry and
            replay.
        event_type (EventType): The catalogue of events a subscription can ask for.
        id (str): The attempt's id.
        number (int): Which try this was: 1 for the first try of a delivery (counting again after a replay).
        outcome (AttemptOutcome): How one try to deliver ended.
        started_at (datetime.datetime): When the try started.
        status_code (int | None): The receiver's HTTP status, when it answered.
    """

    delivery_id: str
    duration_ms: int | None
    error: None | str
    event_id: str
    event_type: EventType
    id: str
    number: int
    outcome: AttemptOutcome
    started_at: datetime.datetime
    status_code: int | None
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        delivery_id = self.delivery_id

        duration_ms: int | None
        duration_ms = self.duration_ms

        error: None | str
        error = self.error

        event_id = self.event_id

        event_type = self.event_type.value

        id = self.id

        number = self.number

        outcome = self.outcome.value

        started_at = self.started_at.isoformat()

        status_code: int | None
        status_code = self.status_code

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "delivery_id": delivery_id,
                "duration_ms": duration_ms,
                "error": error,
                "event_id": event_id,
                "event_type": event_type,
                "id": id,
                "number": number,
                "outcome": outcome,
                "started_at": started_at,
                "status_code": status_code,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        delivery_id = d.pop("delivery_id")

        def _parse_duration_ms(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        duration_ms = _parse_duration_ms(d.pop("duration_ms"))

        def _parse_error(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        error = _parse_error(d.pop("error"))

        event_id = d.pop("event_id")

        event_type = EventType(d.pop("event_type"))

        id = d.pop("id")

        number = d.pop("number")

        outcome = AttemptOutcome(d.pop("outcome"))

        started_at = datetime.datetime.fromisoformat(d.pop("started_at"))

        def _parse_status_code(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        status_code = _parse_status_code(d.pop("status_code"))

        webhook_attempt_public = cls(
            delivery_id=delivery_id,
            duration_ms=duration_ms,
            error=error,
            event_id=event_id,
            event_type=event_type,
            id=id,
            number=number,
            outcome=outcome,
            started_at=started_at,
            status_code=status_code,
        )

        webhook_attempt_public.additional_properties = d
        return webhook_attempt_public

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
