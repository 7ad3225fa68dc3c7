from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="ConsistencyProof")


@_attrs_define
class ConsistencyProof:
    """The nodes that prove the tree of one size extends the tree of a smaller one (RFC 9162 2.1.4).

    Attributes:
        from_size (int): The size of the earlier tree.
        proof (list[str]): The nodes proving the later tree extends the earlier one (RFC 9162 2.1.4), hex; empty when
            the sizes are equal.
        to_size (int): The size of the later tree.
    """

    from_size: int
    proof: list[str]
    to_size: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from_size = self.from_size

        proof = self.proof

        to_size = self.to_size

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "from_size": from_size,
                "proof": proof,
                "to_size": to_size,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        from_size = d.pop("from_size")

        proof = cast(list[str], d.pop("proof"))

        to_size = d.pop("to_size")

        consistency_proof = cls(
            from_size=from_size,
            proof=proof,
            to_size=to_size,
        )

        consistency_proof.additional_properties = d
        return consistency_proof

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
