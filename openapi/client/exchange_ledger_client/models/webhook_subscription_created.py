from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.event_type import EventType

T = TypeVar("T", bound="WebhookSubscriptionCreated")


@_attrs_define
class WebhookSubscriptionCreated:
    """A subscription just created, with its signing secret: shown this once, never again.

    Attributes:
        active (bool): False while deliveries are held; they resume when it is set true again.
        created_at (datetime.datetime): When the record was created in the service (not when what it reports happened).
        created_by (None | str): The id of the API key that recorded it; null for records made by the service itself.
        description (None | str): A note on what the subscription is for.
        event_types (list[EventType]): The kinds of event the subscription receives (update.created, update.reviewed,
            update.corrected, commitment.state_changed, agreement.created, agreement.updated).
        id (str): The record's id, assigned by the service; stable, never reused.
        secret (str): The Standard Webhooks secret (`whsec_` + base64) to verify signatures; shown only in this
            response.
        updated_at (datetime.datetime): When the record was last changed.
        url (str): Where the events are sent.
    """

    active: bool
    created_at: datetime.datetime
    created_by: None | str
    description: None | str
    event_types: list[EventType]
    id: str
    secret: str
    updated_at: datetime.datetime
    url: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        active = self.active

        created_at = self.created_at.isoformat()

        created_by: None | str
        created_by = self.created_by

        description: None | str
        description = self.description

        event_types = []
        for event_types_item_data in self.event_types:
            event_types_item = event_types_item_data.value
            event_types.append(event_types_item)

        id = self.id

        secret = self.secret

        updated_at = self.updated_at.isoformat()

        url = self.url

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "active": active,
                "created_at": created_at,
                "created_by": created_by,
                "description": description,
                "event_types": event_types,
                "id": id,
                "secret": secret,
                "updated_at": updated_at,
                "url": url,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        active = d.pop("active")

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        def _parse_created_by(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        created_by = _parse_created_by(d.pop("created_by"))

        def _parse_description(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        description = _parse_description(d.pop("description"))

        event_types = []
        _event_types = d.pop("event_types")
        for event_types_item_data in _event_types:
            event_types_item = EventType(event_types_item_data)

            event_types.append(event_types_item)

        id = d.pop("id")

        secret = d.pop("secret")

        updated_at = datetime.datetime.fromisoformat(d.pop("updated_at"))

        url = d.pop("url")

        webhook_subscription_created = cls(
            active=active,
            created_at=created_at,
            created_by=created_by,
            description=description,
            event_types=event_types,
            id=id,
            secret=secret,
            updated_at=updated_at,
            url=url,
        )

        webhook_subscription_created.additional_properties = d
        return webhook_subscription_created

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
