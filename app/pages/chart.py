"""Geometry of the cumulative chart, drawn on the server as SVG: numbers in, coordinates out."""

import math
from dataclasses import dataclass, field
from datetime import date

from babel.numbers import format_decimal

from app.pages.i18n import Speech

# A narrow view box keeps the labels legible when a phone shrinks the chart to its width.
WIDTH = 480
HEIGHT = 260
LEFT = 56
RIGHT = 12
TOP = 24
BOTTOM = 34
PLOT_WIDTH = WIDTH - LEFT - RIGHT
PLOT_HEIGHT = HEIGHT - TOP - BOTTOM


@dataclass(frozen=True)
class SeriesInput:
    """One receiving party's running total after each day with a handover."""

    name: str
    slot: int  # which colour and marker the party gets, the same everywhere on the page
    points: list[tuple[date, int]]


@dataclass(frozen=True)
class Tick:
    """A labelled position on an axis."""

    position: float
    label: str


@dataclass(frozen=True)
class Marker:
    """A handover day on a line."""

    x: float
    y: float


@dataclass(frozen=True)
class Line:
    """One party's cumulative line."""

    name: str
    slot: int
    path: str
    markers: list[Marker]
    end_y: float


@dataclass(frozen=True)
class TargetLine:
    """A horizontal rule at a target."""

    y: float
    label: str


@dataclass
class Chart:
    """Everything the SVG template needs, in view-box coordinates."""

    width: int = WIDTH
    height: int = HEIGHT
    left: int = LEFT
    top: int = TOP
    right: int = WIDTH - RIGHT
    bottom: int = HEIGHT - BOTTOM
    y_ticks: list[Tick] = field(default_factory=list)
    x_ticks: list[Tick] = field(default_factory=list)
    lines: list[Line] = field(default_factory=list)
    targets: list[TargetLine] = field(default_factory=list)
    empty: bool = True
    quiet_x: float | None = None  # where a stall began, shaded to the end of the chart
    quiet_label: str = ""


def nice_ceiling(value: float) -> tuple[int, int]:
    """An axis top at or above `value` and a step that gives four to six round ticks."""
    if value <= 0:
        return 4, 1
    magnitude = 10 ** math.floor(math.log10(value / 4))
    for factor in (1, 2, 2.5, 5, 10):
        step = factor * magnitude
        if value / step <= 5:
            break
    step = max(int(step), 1)
    return step * math.ceil(value / step), step


def short_number(value: int, speech: Speech) -> str:
    """Axis labels: 6000 -> '6,000', 1500000 -> '1.5M' (in Ukrainian '1,5 млн')."""
    if value >= 1_000_000:
        millions = format_decimal(value / 1_000_000, format="#,##0.###", locale=speech.locale)
        return speech.gettext("%(number)sM") % {"number": millions}
    return speech.number(value)


def month_ticks(start: date, end: date, speech: Speech) -> list[tuple[date, str]]:
    """First days of months between two dates, thinned to at most six."""
    months: list[date] = []
    cursor = date(start.year, start.month, 1)
    while cursor <= end:
        if cursor >= start:
            months.append(cursor)
        cursor = date(cursor.year + (cursor.month == 12), cursor.month % 12 + 1, 1)
    every = max(1, math.ceil(len(months) / 6))
    kept = months[::every]
    labelled = []
    for index, month in enumerate(kept):
        with_year = index == 0 or month.month <= every
        labelled.append((month, speech.month(month, with_year=with_year)))
    return labelled


def cumulative_chart(
    *,
    start: date,
    end: date,
    series: list[SeriesInput],
    targets: list[tuple[int, str]],
    quiet_since: date | None = None,
    quiet_label: str = "",
    speech: Speech,
) -> Chart:
    """Step lines of what each party has received so far, from `start` to `end`, with target rules.

    `quiet_since` shades the stretch with no handover, so a stall shows without date arithmetic.
    """
    end = max(end, start)
    span = max((end - start).days, 1)
    highest = max([t for t, _ in targets] + [p[1] for s in series for p in s.points] + [0])
    top_value, step = nice_ceiling(highest * 1.05 if highest else 0)

    def x_of(day: date) -> float:
        return round(LEFT + (day - start).days / span * PLOT_WIDTH, 1)

    def y_of(value: int) -> float:
        return round(TOP + PLOT_HEIGHT - value / top_value * PLOT_HEIGHT, 1)

    chart = Chart(empty=not any(s.points for s in series))
    chart.y_ticks = [Tick(y_of(v), short_number(v, speech)) for v in range(0, top_value + 1, step)]
    chart.x_ticks = [Tick(x_of(day), label) for day, label in month_ticks(start, end, speech)]
    if quiet_since is not None and (end - quiet_since).days / span > 0.12:
        chart.quiet_x, chart.quiet_label = x_of(quiet_since), quiet_label
    for value, label in targets:
        chart.targets.append(TargetLine(y_of(value), label))
    for entry in series:
        x, y = x_of(start), y_of(0)
        parts = [f"M{x},{y}"]
        markers = []
        for day, total in entry.points:
            x, y = x_of(day), y_of(total)
            parts.append(f"H{x}V{y}")
            markers.append(Marker(x, y))
        parts.append(f"H{x_of(end)}")
        chart.lines.append(Line(entry.name, entry.slot, "".join(parts), markers, y))
    return chart


@dataclass(frozen=True)
class Bar:
    """One receiving party's figure for one month, as a rectangle."""

    x: float
    y: float
    width: float
    height: float
    slot: int
    label: str  # what the bar stands for, in words, for its tooltip


@dataclass
class BarChart:
    """A bar chart of figures per month, side by side for each receiving party, in view-box coordinates."""

    width: int = WIDTH
    height: int = HEIGHT
    left: int = LEFT
    top: int = TOP
    right: int = WIDTH - RIGHT
    bottom: int = HEIGHT - BOTTOM
    y_ticks: list[Tick] = field(default_factory=list)
    x_ticks: list[Tick] = field(default_factory=list)
    bars: list[Bar] = field(default_factory=list)
    empty: bool = True


@dataclass(frozen=True)
class BarSeries:
    """One receiving party's figure in each month of the chart (None: nothing that month)."""

    name: str
    slot: int
    values: list[int | None]
    texts: list[str]  # each value in words, with how exact it is


def month_label(period: str, *, with_year: bool, speech: Speech) -> str:
    """'2025-06' -> 'Jun 2025' (or 'Jun'); 'черв. 2025' in Ukrainian."""
    return speech.month(date.fromisoformat(f"{period}-01"), with_year=with_year)


def months_between(first: str, last: str) -> list[str]:
    """Every month from `first` to `last` ('2025-05' .. '2025-08'), so a month with no handover shows as a gap."""
    cursor = date.fromisoformat(f"{first}-01")
    end = date.fromisoformat(f"{last}-01")
    months = []
    while cursor <= end:
        months.append(f"{cursor:%Y-%m}")
        cursor = date(cursor.year + (cursor.month == 12), cursor.month % 12 + 1, 1)
    return months


def monthly_bars(*, months: list[str], series: list[BarSeries], speech: Speech) -> BarChart:
    """Bars of each party's figure per month (not cumulative), the parties side by side within a month."""
    highest = max([v or 0 for s in series for v in s.values] + [0])
    top_value, step = nice_ceiling(highest * 1.05 if highest else 0)
    chart = BarChart(empty=not highest)
    slot_width = PLOT_WIDTH / max(len(months), 1)
    group = slot_width * 0.8
    bar_width = group / max(len(series), 1)

    def y_of(value: int) -> float:
        return round(TOP + PLOT_HEIGHT - value / top_value * PLOT_HEIGHT, 1)

    chart.y_ticks = [Tick(y_of(v), short_number(v, speech)) for v in range(0, top_value + 1, step)]
    every = max(1, math.ceil(len(months) / 6))
    for index, period in enumerate(months):
        if index % every == 0:
            with_year = index == 0 or period.endswith("-01") or int(period[5:]) <= every
            centre = round(LEFT + (index + 0.5) * slot_width, 1)
            chart.x_ticks.append(Tick(centre, month_label(period, with_year=with_year, speech=speech)))
        start = LEFT + index * slot_width + (slot_width - group) / 2
        for position, entry in enumerate(series):
            value = entry.values[index]
            if not value:
                continue
            y = y_of(value)
            chart.bars.append(
                Bar(
                    x=round(start + position * bar_width, 1),
                    y=y,
                    width=round(max(bar_width - 1, 1), 1),
                    height=round(TOP + PLOT_HEIGHT - y, 1),
                    slot=entry.slot,
                    label=speech.gettext("%(name)s, %(month)s: %(figure)s")
                    % {
                        "name": entry.name,
                        "month": month_label(period, with_year=True, speech=speech),
                        "figure": entry.texts[index],
                    },
                )
            )
    return chart
