from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.category import Category
from ..models.interval import Interval
from ..models.state import State

if TYPE_CHECKING:
    from ..models.summary_line import SummaryLine
    from ..models.summary_point import SummaryPoint


T = TypeVar("T", bound="Summary")


@_attrs_define
class Summary:
    """Figures per category and receiving party across agreements (and handovers outside any agreement).

    Attributes:
        as_of (datetime.date): The day the agreement states of the `state` filter were read for.
        basis (str): `reported` or `verified`: where `received` and its flags come from.
        categories (list[Category]): The categories asked for (`category`); empty for every category.
        counterpart_id (None | str): The counterpart asked for (`counterpart`); null for any.
        interval (Interval | None): `month` or `year` when a series was asked for; else null.
        lines (list[SummaryLine]): Over the whole period, per category, side and receiving party.
        occurred_from (datetime.date | None): The first day of the period asked for (`from`); null when not limited.
        occurred_to (datetime.date | None): The last day of the period asked for (`to`); null when not limited.
        party_id (None | str): The party whose summary this is; null over all parties.
        party_name (None | str): The name of the party whose summary this is; null over all parties.
        series (list[SummaryPoint]): Per period, when `interval` is given; else empty.
        states (list[State]): The agreement states asked for (`state`); empty for any.
    """

    as_of: datetime.date
    basis: str
    categories: list[Category]
    counterpart_id: None | str
    interval: Interval | None
    lines: list[SummaryLine]
    occurred_from: datetime.date | None
    occurred_to: datetime.date | None
    party_id: None | str
    party_name: None | str
    series: list[SummaryPoint]
    states: list[State]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        as_of = self.as_of.isoformat()

        basis = self.basis

        categories = []
        for categories_item_data in self.categories:
            categories_item = categories_item_data.value
            categories.append(categories_item)

        counterpart_id: None | str
        counterpart_id = self.counterpart_id

        interval: None | str
        if isinstance(self.interval, Interval):
            interval = self.interval.value
        else:
            interval = self.interval

        lines = []
        for lines_item_data in self.lines:
            lines_item = lines_item_data.to_dict()
            lines.append(lines_item)

        occurred_from: None | str
        if isinstance(self.occurred_from, datetime.date):
            occurred_from = self.occurred_from.isoformat()
        else:
            occurred_from = self.occurred_from

        occurred_to: None | str
        if isinstance(self.occurred_to, datetime.date):
            occurred_to = self.occurred_to.isoformat()
        else:
            occurred_to = self.occurred_to

        party_id: None | str
        party_id = self.party_id

        party_name: None | str
        party_name = self.party_name

        series = []
        for series_item_data in self.series:
            series_item = series_item_data.to_dict()
            series.append(series_item)

        states = []
        for states_item_data in self.states:
            states_item = states_item_data.value
            states.append(states_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "as_of": as_of,
                "basis": basis,
                "categories": categories,
                "counterpart_id": counterpart_id,
                "interval": interval,
                "lines": lines,
                "occurred_from": occurred_from,
                "occurred_to": occurred_to,
                "party_id": party_id,
                "party_name": party_name,
                "series": series,
                "states": states,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.summary_line import SummaryLine  # noqa: PLC0415
        from ..models.summary_point import SummaryPoint  # noqa: PLC0415

        d = dict(src_dict)
        as_of = datetime.date.fromisoformat(d.pop("as_of"))

        basis = d.pop("basis")

        categories = []
        _categories = d.pop("categories")
        for categories_item_data in _categories:
            categories_item = Category(categories_item_data)

            categories.append(categories_item)

        def _parse_counterpart_id(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        counterpart_id = _parse_counterpart_id(d.pop("counterpart_id"))

        def _parse_interval(data: object) -> Interval | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                interval_type_0 = Interval(data)

                return interval_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(Interval | None, data)

        interval = _parse_interval(d.pop("interval"))

        lines = []
        _lines = d.pop("lines")
        for lines_item_data in _lines:
            lines_item = SummaryLine.from_dict(lines_item_data)

            lines.append(lines_item)

        def _parse_occurred_from(data: object) -> datetime.date | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                occurred_from_type_0 = datetime.date.fromisoformat(data)

                return occurred_from_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.date | None, data)

        occurred_from = _parse_occurred_from(d.pop("occurred_from"))

        def _parse_occurred_to(data: object) -> datetime.date | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                occurred_to_type_0 = datetime.date.fromisoformat(data)

                return occurred_to_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.date | None, data)

        occurred_to = _parse_occurred_to(d.pop("occurred_to"))

        def _parse_party_id(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        party_id = _parse_party_id(d.pop("party_id"))

        def _parse_party_name(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        party_name = _parse_party_name(d.pop("party_name"))

        series = []
        _series = d.pop("series")
        for series_item_data in _series:
            series_item = SummaryPoint.from_dict(series_item_data)

            series.append(series_item)

        states = []
        _states = d.pop("states")
        for states_item_data in _states:
            states_item = State(states_item_data)

            states.append(states_item)

        summary = cls(
            as_of=as_of,
            basis=basis,
            categories=categories,
            counterpart_id=counterpart_id,
            interval=interval,
            lines=lines,
            occurred_from=occurred_from,
            occurred_to=occurred_to,
            party_id=party_id,
            party_name=party_name,
            series=series,
            states=states,
        )

        summary.additional_properties = d
        return summary

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
