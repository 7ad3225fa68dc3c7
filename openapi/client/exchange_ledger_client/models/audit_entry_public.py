from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.audit_entry_public_after_type_0 import AuditEntryPublicAfterType0
    from ..models.audit_entry_public_before_type_0 import AuditEntryPublicBeforeType0


T = TypeVar("T", bound="AuditEntryPublic")


@_attrs_define
class AuditEntryPublic:
    """An audit entry as shown.

    Attributes:
        action (str): What the write did: create, update or delete.
        actor_key_id (None | str): The id of the API key that made the write; null for the service itself.
        actor_role (None | str): The role of that key (reader, monitor, verifier, editor, admin), or `system` for the
            service itself.
        after (AuditEntryPublicAfterType0 | None): The record's values after the write; null for a deletion.
        at (datetime.datetime): When the write was committed.
        before (AuditEntryPublicBeforeType0 | None): The record's values before the write; null for a creation.
        entity_id (str): The id of the record written.
        entity_type (str): The kind of record written (its table's name, such as `agreement` or `fulfilment_update`).
        hash_ (str): SHA-256 over this entry and the hash before it: changing any earlier entry changes every hash after
            it.
        prev_hash (str): The hash of the entry before (64 zeros for the first).
        seq (int): The entry's place in the audit chain, from 1, with no gaps.
    """

    action: str
    actor_key_id: None | str
    actor_role: None | str
    after: AuditEntryPublicAfterType0 | None
    at: datetime.datetime
    before: AuditEntryPublicBeforeType0 | None
    entity_id: str
    entity_type: str
    hash_: str
    prev_hash: str
    seq: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.audit_entry_public_after_type_0 import AuditEntryPublicAfterType0  # noqa: PLC0415
        from ..models.audit_entry_public_before_type_0 import AuditEntryPublicBeforeType0  # noqa: PLC0415

        action = self.action

        actor_key_id: None | str
        actor_key_id = self.actor_key_id

        actor_role: None | str
        actor_role = self.actor_role

        after: dict[str, Any] | None
        if isinstance(self.after, AuditEntryPublicAfterType0):
            after = self.after.to_dict()
        else:
            after = self.after

        at = self.at.isoformat()

        before: dict[str, Any] | None
        if isinstance(self.before, AuditEntryPublicBeforeType0):
            before = self.before.to_dict()
        else:
            before = self.before

        entity_id = self.entity_id

        entity_type = self.entity_type

        hash_ = self.hash_

        prev_hash = self.prev_hash

        seq = self.seq

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "action": action,
                "actor_key_id": actor_key_id,
                "actor_role": actor_role,
                "after": after,
                "at": at,
                "before": before,
                "entity_id": entity_id,
                "entity_type": entity_type,
                "hash": hash_,
                "prev_hash": prev_hash,
                "seq": seq,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.audit_entry_public_after_type_0 import AuditEntryPublicAfterType0  # noqa: PLC0415
        from ..models.audit_entry_public_before_type_0 import AuditEntryPublicBeforeType0  # noqa: PLC0415

        d = dict(src_dict)
        action = d.pop("action")

        def _parse_actor_key_id(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        actor_key_id = _parse_actor_key_id(d.pop("actor_key_id"))

        def _parse_actor_role(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        actor_role = _parse_actor_role(d.pop("actor_role"))

        def _parse_after(data: object) -> AuditEntryPublicAfterType0 | None:
            if data is None:
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                after_type_0 = AuditEntryPublicAfterType0.from_dict(data)

                return after_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(AuditEntryPublicAfterType0 | None, data)

        after = _parse_after(d.pop("after"))

        at = datetime.datetime.fromisoformat(d.pop("at"))

        def _parse_before(data: object) -> AuditEntryPublicBeforeType0 | None:
            if data is None:
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                before_type_0 = AuditEntryPublicBeforeType0.from_dict(data)

                return before_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(AuditEntryPublicBeforeType0 | None, data)

        before = _parse_before(d.pop("before"))

        entity_id = d.pop("entity_id")

        entity_type = d.pop("entity_type")

        hash_ = d.pop("hash")

        prev_hash = d.pop("prev_hash")

        seq = d.pop("seq")

        audit_entry_public = cls(
            action=action,
            actor_key_id=actor_key_id,
            actor_role=actor_role,
            after=after,
            at=at,
            before=before,
            entity_id=entity_id,
            entity_type=entity_type,
            hash_=hash_,
            prev_hash=prev_hash,
            seq=seq,
        )

        audit_entry_public.additional_properties = d
        return audit_entry_public

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
