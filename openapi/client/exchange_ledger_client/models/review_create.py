from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

from ..models.review_create_state import ReviewCreateState

T = TypeVar("T", bound="ReviewCreate")


@_attrs_define
class ReviewCreate:
    """A reviewer's decision on one claim, always with a reason.

    Attributes:
        reason (str): Why the reviewer decided so, in words; shown beside the figure.
        state (ReviewCreateState): The decision: verified, disputed or rejected.
    """

    reason: str
    state: ReviewCreateState

    def to_dict(self) -> dict[str, Any]:
        reason = self.reason

        state = self.state.value

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "reason": reason,
                "state": state,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        reason = d.pop("reason")

        state = ReviewCreateState(d.pop("state"))

        review_create = cls(
            reason=reason,
            state=state,
        )

        return review_create
