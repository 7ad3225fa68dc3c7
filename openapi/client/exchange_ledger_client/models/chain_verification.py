from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.chain_head import ChainHead


T = TypeVar("T", bound="ChainVerification")


@_attrs_define
class ChainVerification:
    """The result of checking the whole chain.

    Attributes:
        entries (int): How many entries were checked.
        first_broken_seq (int | None): The first entry whose hash does not match; null when none.
        head (ChainHead): The latest entry of the chain: publish it so outsiders can check the log later.
        ok (bool): True when every entry's hash matches.
        problem (None | str): What is wrong with the chain, in words; null when nothing.
    """

    entries: int
    first_broken_seq: int | None
    head: ChainHead
    ok: bool
    problem: None | str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        entries = self.entries

        first_broken_seq: int | None
        first_broken_seq = self.first_broken_seq

        head = self.head.to_dict()

        ok = self.ok

        problem: None | str
        problem = self.problem

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "entries": entries,
                "first_broken_seq": first_broken_seq,
                "head": head,
                "ok": ok,
                "problem": problem,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.chain_head import ChainHead  # noqa: PLC0415

        d = dict(src_dict)
        entries = d.pop("entries")

        def _parse_first_broken_seq(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        first_broken_seq = _parse_first_broken_seq(d.pop("first_broken_seq"))

        head = ChainHead.from_dict(d.pop("head"))

        ok = d.pop("ok")

        def _parse_problem(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        problem = _parse_problem(d.pop("problem"))

        chain_verification = cls(
            entries=entries,
            first_broken_seq=first_broken_seq,
            head=head,
            ok=ok,
            problem=problem,
        )

        chain_verification.additional_properties = d
        return chain_verification

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
