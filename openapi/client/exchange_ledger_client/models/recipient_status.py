from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.target_qualifier import TargetQualifier

if TYPE_CHECKING:
    from ..models.announced import Announced


T = TypeVar("T", bound="RecipientStatus")


@_attrs_define
class RecipientStatus:
    """What one receiving party has received under one commitment, against its target.

    Attributes:
        announced (Announced | None): The latest running total a source announced for this party under this term, beside
            the sum of the recorded stages up to that day; null when none was announced. Never added to `received`.
        approximate_lines (int): How many of the counted figures are approximate ("about 250").
        at_least_lines (int): How many of the counted figures are floors ("more than 1,000").
        discrepancies (int): How many handovers to this party under this term have counting claims that disagree, not
            yet settled by a verifier.
        disputed_attribution_handovers (int): How many counted handovers a party says do not belong to the agreement.
        exceeds_target (bool): True when the party has received more than its target (a fact to report, not an error).
        handovers (int): How many handovers to this party under this term are counted in `received`.
        last_update_on (datetime.date | None): The day of the latest handover to this party under this term.
        percent (float | None): `received` as a percentage of `target`, one decimal; may pass 100. Null when there is no
            target.
        received (int): How many the party has received under the term: for each handover, the figure of its one
            standing claim (the verified claim, the latest verified if several, else the earliest claim that counts), never
            the sum of several claims. Superseded and rejected claims never count; on the `verified` basis only verified
            figures do. Withheld numbers add nothing, so read `received_is_lower_bound` beside it. Handovers a party says do
            not belong to the agreement are still counted.
        received_excluding_disputed_attribution (int | None): The reported `received`, leaving out handovers that a
            party says do not belong to the agreement; null on the verified basis.
        received_is_exact (bool): True when every counted figure is exact: none withheld, approximate or `at_least`.
        received_is_lower_bound (bool): True when withheld or `at_least` figures mean the true total is higher than
            `received`.
        recipient_id (str): The id of the party that received the people or remains.
        recipient_name (str): The receiving party's name.
        remaining (int | None): How many are still to be received to reach the target (never below 0); null when there
            is no target.
        reported_received (int): `received` on the reported basis, whatever the server's basis: for every handover with
            a claim that counts (not rejected, not superseded), the figure of its standing claim.
        target (int | None): How many the party is to receive under the term; null (empty in CSV) for all-for-all terms
            and for handovers not attributed to a term.
        target_qualifier (None | TargetQualifier): Whether the target is `exact` or a floor (`at_least`); null when
            there is no target.
        verified_handovers (int): How many handovers to this party under this term have a verified figure.
        verified_is_lower_bound (bool): True when withheld or `at_least` figures among the verified ones mean the true
            verified total is higher.
        verified_received (int): `received` on the verified basis, whatever the server's basis: only the figures a
            verifier verified.
        withheld_handovers (int): How many of those handovers had their number withheld: they happened, but add nothing
            to `received`.
    """

    announced: Announced | None
    approximate_lines: int
    at_least_lines: int
    discrepancies: int
    disputed_attribution_handovers: int
    exceeds_target: bool
    handovers: int
    last_update_on: datetime.date | None
    percent: float | None
    received: int
    received_excluding_disputed_attribution: int | None
    received_is_exact: bool
    received_is_lower_bound: bool
    recipient_id: str
    recipient_name: str
    remaining: int | None
    reported_received: int
    target: int | None
    target_qualifier: None | TargetQualifier
    verified_handovers: int
    verified_is_lower_bound: bool
    verified_received: int
    withheld_handovers: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.announced import Announced  # noqa: PLC0415

        announced: dict[str, Any] | None
        if isinstance(self.announced, Announced):
            announced = self.announced.to_dict()
        else:
            announced = self.announced

        approximate_lines = self.approximate_lines

        at_least_lines = self.at_least_lines

        discrepancies = self.discrepancies

        disputed_attribution_handovers = self.disputed_attribution_handovers

        exceeds_target = self.exceeds_target

        handovers = self.handovers

        last_update_on: None | str
        if isinstance(self.last_update_on, datetime.date):
            last_update_on = self.last_update_on.isoformat()
        else:
            last_update_on = self.last_update_on

        percent: float | None
        percent = self.percent

        received = self.received

        received_excluding_disputed_attribution: int | None
        received_excluding_disputed_attribution = self.received_excluding_disputed_attribution

        received_is_exact = self.received_is_exact

        received_is_lower_bound = self.received_is_lower_bound

        recipient_id = self.recipient_id

        recipient_name = self.recipient_name

        remaining: int | None
        remaining = self.remaining

        reported_received = self.reported_received

        target: int | None
        target = self.target

        target_qualifier: None | str
        if isinstance(self.target_qualifier, TargetQualifier):
            target_qualifier = self.target_qualifier.value
        else:
            target_qualifier = self.target_qualifier

        verified_handovers = self.verified_handovers

        verified_is_lower_bound = self.verified_is_lower_bound

        verified_received = self.verified_received

        withheld_handovers = self.withheld_handovers

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "announced": announced,
                "approximate_lines": approximate_lines,
                "at_least_lines": at_least_lines,
                "discrepancies": discrepancies,
                "disputed_attribution_handovers": disputed_attribution_handovers,
                "exceeds_target": exceeds_target,
                "handovers": handovers,
                "last_update_on": last_update_on,
                "percent": percent,
                "received": received,
                "received_excluding_disputed_attribution": received_excluding_disputed_attribution,
                "received_is_exact": received_is_exact,
                "received_is_lower_bound": received_is_lower_bound,
                "recipient_id": recipient_id,
                "recipient_name": recipient_name,
                "remaining": remaining,
                "reported_received": reported_received,
                "target": target,
                "target_qualifier": target_qualifier,
                "verified_handovers": verified_handovers,
                "verified_is_lower_bound": verified_is_lower_bound,
                "verified_received": verified_received,
                "withheld_handovers": withheld_handovers,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.announced import Announced  # noqa: PLC0415

        d = dict(src_dict)

        def _parse_announced(data: object) -> Announced | None:
            if data is None:
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                announced_type_0 = Announced.from_dict(data)

                return announced_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(Announced | None, data)

        announced = _parse_announced(d.pop("announced"))

        approximate_lines = d.pop("approximate_lines")

        at_least_lines = d.pop("at_least_lines")

        discrepancies = d.pop("discrepancies")

        disputed_attribution_handovers = d.pop("disputed_attribution_handovers")

        exceeds_target = d.pop("exceeds_target")

        handovers = d.pop("handovers")

        def _parse_last_update_on(data: object) -> datetime.date | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                last_update_on_type_0 = datetime.date.fromisoformat(data)

                return last_update_on_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.date | None, data)

        last_update_on = _parse_last_update_on(d.pop("last_update_on"))

        def _parse_percent(data: object) -> float | None:
            if data is None:
                return data
            return cast(float | None, data)

        percent = _parse_percent(d.pop("percent"))

        received = d.pop("received")

        def _parse_received_excluding_disputed_attribution(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        received_excluding_disputed_attribution = _parse_received_excluding_disputed_attribution(
            d.pop("received_excluding_disputed_attribution")
        )

        received_is_exact = d.pop("received_is_exact")

        received_is_lower_bound = d.pop("received_is_lower_bound")

        recipient_id = d.pop("recipient_id")

        recipient_name = d.pop("recipient_name")

        def _parse_remaining(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        remaining = _parse_remaining(d.pop("remaining"))

        reported_received = d.pop("reported_received")

        def _parse_target(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        target = _parse_target(d.pop("target"))

        def _parse_target_qualifier(data: object) -> None | TargetQualifier:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                target_qualifier_type_0 = TargetQualifier(data)

                return target_qualifier_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | TargetQualifier, data)

        target_qualifier = _parse_target_qualifier(d.pop("target_qualifier"))

        verified_handovers = d.pop("verified_handovers")

        verified_is_lower_bound = d.pop("verified_is_lower_bound")

        verified_received = d.pop("verified_received")

        withheld_handovers = d.pop("withheld_handovers")

        recipient_status = cls(
            announced=announced,
            approximate_lines=approximate_lines,
            at_least_lines=at_least_lines,
            discrepancies=discrepancies,
            disputed_attribution_handovers=disputed_attribution_handovers,
            exceeds_target=exceeds_target,
            handovers=handovers,
            last_update_on=last_update_on,
            percent=percent,
            received=received,
            received_excluding_disputed_attribution=received_excluding_disputed_attribution,
            received_is_exact=received_is_exact,
            received_is_lower_bound=received_is_lower_bound,
            recipient_id=recipient_id,
            recipient_name=recipient_name,
            remaining=remaining,
            reported_received=reported_received,
            target=target,
            target_qualifier=target_qualifier,
            verified_handovers=verified_handovers,
            verified_is_lower_bound=verified_is_lower_bound,
            verified_received=verified_received,
            withheld_handovers=withheld_handovers,
        )

        recipient_status.additional_properties = d
        return recipient_status

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
