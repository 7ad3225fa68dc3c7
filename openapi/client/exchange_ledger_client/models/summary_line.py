from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.category import Category
from ..models.side import Side

T = TypeVar("T", bound="SummaryLine")


@_attrs_define
class SummaryLine:
    """One category and receiving party: never added to another category's figures.

    Attributes:
        approximate_lines (int): How many of the counted figures are approximate ("about 250").
        at_least_lines (int): How many of the counted figures are floors ("more than 1,000").
        category (Category | None): Null for handovers whose source did not say which term.
        discrepancies (int): Handovers whose claims disagree, not yet settled by a verifier.
        disputed_attribution_handovers (int): Handovers a party says do not belong to the agreement they were recorded
            under.
        handovers (int): Handovers counted on the server's basis.
        received (int): Sum of the known quantities on the server's basis; see the flags.
        received_is_exact (bool): True when every counted figure is exact: none withheld, approximate or `at_least`.
        received_is_lower_bound (bool): True when withheld or 'at least' figures mean the true total is higher.
        recipient_id (str): The id of the party that received the people or remains.
        recipient_name (str): The receiving party's name.
        reported_handovers (int): Handovers counted on the reported basis: every handover with a claim not rejected.
        reported_is_lower_bound (bool): True when withheld or 'at least' figures mean the true reported total is higher.
        reported_received (int): Sum of the standing figures of every handover not rejected.
        side (None | Side): In a party's summary: `received` (by the party), `handed_over` (received by another party
            bound by the same agreement or record) or `mediated` (where the party is an intermediary); null in the summary
            over all parties.
        verified_handovers (int): How many handovers to this party under this term have a verified figure.
        verified_is_lower_bound (bool): True when withheld or `at_least` figures among the verified ones mean the true
            verified total is higher.
        verified_received (int): Sum of the figures a verifier verified.
        withheld_handovers (int): Handovers whose number was withheld.
    """

    approximate_lines: int
    at_least_lines: int
    category: Category | None
    discrepancies: int
    disputed_attribution_handovers: int
    handovers: int
    received: int
    received_is_exact: bool
    received_is_lower_bound: bool
    recipient_id: str
    recipient_name: str
    reported_handovers: int
    reported_is_lower_bound: bool
    reported_received: int
    side: None | Side
    verified_handovers: int
    verified_is_lower_bound: bool
    verified_received: int
    withheld_handovers: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        approximate_lines = self.approximate_lines

        at_least_lines = self.at_least_lines

        category: None | str
        if isinstance(self.category, Category):
            category = self.category.value
        else:
            category = self.category

        discrepancies = self.discrepancies

        disputed_attribution_handovers = self.disputed_attribution_handovers

        handovers = self.handovers

        received = self.received

        received_is_exact = self.received_is_exact

        received_is_lower_bound = self.received_is_lower_bound

        recipient_id = self.recipient_id

        recipient_name = self.recipient_name

        reported_handovers = self.reported_handovers

        reported_is_lower_bound = self.reported_is_lower_bound

        reported_received = self.reported_received

        side: None | str
        if isinstance(self.side, Side):
            side = self.side.value
        else:
            side = self.side

        verified_handovers = self.verified_handovers

        verified_is_lower_bound = self.verified_is_lower_bound

        verified_received = self.verified_received

        withheld_handovers = self.withheld_handovers

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "approximate_lines": approximate_lines,
                "at_least_lines": at_least_lines,
                "category": category,
                "discrepancies": discrepancies,
                "disputed_attribution_handovers": disputed_attribution_handovers,
                "handovers": handovers,
                "received": received,
                "received_is_exact": received_is_exact,
                "received_is_lower_bound": received_is_lower_bound,
                "recipient_id": recipient_id,
                "recipient_name": recipient_name,
                "reported_handovers": reported_handovers,
                "reported_is_lower_bound": reported_is_lower_bound,
                "reported_received": reported_received,
                "side": side,
                "verified_handovers": verified_handovers,
                "verified_is_lower_bound": verified_is_lower_bound,
                "verified_received": verified_received,
                "withheld_handovers": withheld_handovers,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        approximate_lines = d.pop("approximate_lines")

        at_least_lines = d.pop("at_least_lines")

        def _parse_category(data: object) -> Category | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                category_type_0 = Category(data)

                return category_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(Category | None, data)

        category = _parse_category(d.pop("category"))

        discrepancies = d.pop("discrepancies")

        disputed_attribution_handovers = d.pop("disputed_attribution_handovers")

        handovers = d.pop("handovers")

        received = d.pop("received")

        received_is_exact = d.pop("received_is_exact")

        received_is_lower_bound = d.pop("received_is_lower_bound")

        recipient_id = d.pop("recipient_id")

        recipient_name = d.pop("recipient_name")

        reported_handovers = d.pop("reported_handovers")

        reported_is_lower_bound = d.pop("reported_is_lower_bound")

        reported_received = d.pop("reported_received")

        def _parse_side(data: object) -> None | Side:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                side_type_0 = Side(data)

                return side_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | Side, data)

        side = _parse_side(d.pop("side"))

        verified_handovers = d.pop("verified_handovers")

        verified_is_lower_bound = d.pop("verified_is_lower_bound")

        verified_received = d.pop("verified_received")

        withheld_handovers = d.pop("withheld_handovers")

        summary_line = cls(
            approximate_lines=approximate_lines,
            at_least_lines=at_least_lines,
            category=category,
            discrepancies=discrepancies,
            disputed_attribution_handovers=disputed_attribution_handovers,
            handovers=handovers,
            received=received,
            received_is_exact=received_is_exact,
            received_is_lower_bound=received_is_lower_bound,
            recipient_id=recipient_id,
            recipient_name=recipient_name,
            reported_handovers=reported_handovers,
            reported_is_lower_bound=reported_is_lower_bound,
            reported_received=reported_received,
            side=side,
            verified_handovers=verified_handovers,
            verified_is_lower_bound=verified_is_lower_bound,
            verified_received=verified_received,
            withheld_handovers=withheld_handovers,
        )

        summary_line.additional_properties = d
        return summary_line

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
