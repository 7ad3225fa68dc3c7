from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="InclusionProof")


@_attrs_define
class InclusionProof:
    """The audit path that proves an entry is in the tree of a size (RFC 9162 2.1.3).

    Attributes:
        audit_path (list[str]): The sibling hashes from the leaf up to the root (RFC 9162 2.1.3), hex.
        entry (int): The audit entry's sequence number.
        entry_hash (str): The entry's chain hash, recomputed from the entry as stored now; the leaf's data.
        leaf_hash (str): SHA-256 of a 0x00 byte and the 32 bytes of entry_hash, hex.
        leaf_index (int): Its leaf in the tree: the sequence number less one.
        tree_size (int): The size of the tree the path leads to the root of.
    """

    audit_path: list[str]
    entry: int
    entry_hash: str
    leaf_hash: str
    leaf_index: int
    tree_size: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        audit_path = self.audit_path

        entry = self.entry

        entry_hash = self.entry_hash

        leaf_hash = self.leaf_hash

        leaf_index = self.leaf_index

        tree_size = self.tree_size

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "audit_path": audit_path,
                "entry": entry,
                "entry_hash": entry_hash,
                "leaf_hash": leaf_hash,
                "leaf_index": leaf_index,
                "tree_size": tree_size,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        audit_path = cast(list[str], d.pop("audit_path"))

        entry = d.pop("entry")

        entry_hash = d.pop("entry_hash")

        leaf_hash = d.pop("leaf_hash")

        leaf_index = d.pop("leaf_index")

        tree_size = d.pop("tree_size")

        inclusion_proof = cls(
            audit_path=audit_path,
            entry=entry,
            entry_hash=entry_hash,
            leaf_hash=leaf_hash,
            leaf_index=leaf_index,
            tree_size=tree_size,
        )

        inclusion_proof.additional_properties = d
        return inclusion_proof

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
