from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.public_key import PublicKey


T = TypeVar("T", bound="LogKey")


@_attrs_define
class LogKey:
    """The key that signs tree heads and answers now, and those retired by a rotation.

    Attributes:
        algorithm (str): The signature algorithm: ed25519.
        generated (bool): True when the key was made at start-up for development or tests: signatures by it prove
            nothing once the process ends.
        key_id (str): The key's id: the first 16 hex digits of the SHA-256 of its 32 raw public bytes; every signature
            names it.
        public_key_pem (str): The Ed25519 public key (PEM, SubjectPublicKeyInfo) that checks the signatures.
        retired (list[PublicKey]): Keys that signed before a rotation: heads and answers they signed still check with
            them.
    """

    algorithm: str
    generated: bool
    key_id: str
    public_key_pem: str
    retired: list[PublicKey]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        algorithm = self.algorithm

        generated = self.generated

        key_id = self.key_id

        public_key_pem = self.public_key_pem

        retired = []
        for retired_item_data in self.retired:
            retired_item = retired_item_data.to_dict()
            retired.append(retired_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "algorithm": algorithm,
                "generated": generated,
                "key_id": key_id,
                "public_key_pem": public_key_pem,
                "retired": retired,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.public_key import PublicKey  # noqa: PLC0415

        d = dict(src_dict)
        algorithm = d.pop("algorithm")

        generated = d.pop("generated")

        key_id = d.pop("key_id")

        public_key_pem = d.pop("public_key_pem")

        retired = []
        _retired = d.pop("retired")
        for retired_item_data in _retired:
            retired_item = PublicKey.from_dict(retired_item_data)

            retired.append(retired_item)

        log_key = cls(
            algorithm=algorithm,
            generated=generated,
            key_id=key_id,
            public_key_pem=public_key_pem,
            retired=retired,
        )

        log_key.additional_properties = d
        return log_key

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
