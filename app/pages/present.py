"""Status documents put into words and shapes a reader takes in at a glance."""

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from app.agreements.models import AgreementPublic
from app.dictionary.models import DataDictionary
from app.pages.chart import (
    BarChart,
    BarSeries,
    Chart,
    SeriesInput,
    cumulative_chart,
    month_label,
    monthly_bars,
    months_between,
)
from app.pages.service import DayFigure
from app.summaries.models import Side as SummarySide
from app.summaries.models import Summary as PartySummaryDocument
from app.summaries.models import SummaryLine

CATEGORY_LABELS = {
    "prisoners_of_war": "Prisoners of war",
    "wounded_and_sick": "Seriously wounded and sick",
    "remains": "Remains of the fallen",
    "civilian_detainees": "Civilian detainees",
    "children": "Children",
    "political_prisoners": "Political prisoners",
    "journalists": "Journalists",
    "other": "Other",
}
STATE_LABELS = {
    # Said as what it is, so a term nobody has acted on yet never reads as one whose handovers stopped.
    "not_started": "No handover yet",
    "in_progress": "In progress",
    "fulfilled": "Fulfilled",
    "stalled": "Stalled",
    "overdue": "Overdue",
}
SLOTS = 4  # distinct colours and markers; further parties reuse them
DASH = "\u2013"  # an en dash: a missing figure, or a range of ages


def number(value: int | None) -> str:
    """6057 -> '6,057'; None -> an en dash."""
    return DASH if value is None else f"{value:,}"


def long_date(value: date | str | None) -> str:
    """2025-06-02 -> '2 June 2025'."""
    if value is None:
        return DASH
    day = date.fromisoformat(value) if isinstance(value, str) else value
    return f"{day.day} {day:%B %Y}"


def short_date(value: date | str | None) -> str:
    """2025-06-02 -> '2 Jun 2025'."""
    if value is None:
        return DASH
    day = date.fromisoformat(value) if isinstance(value, str) else value
    return f"{day.day} {day:%b %Y}"


def percent(value: float | None) -> str:
    """A share of a target, rounded as a reader would say it."""
    if value is None:
        return DASH
    if value == 0 or value >= 10:
        return f"{value:,.0f}%"
    return f"{value:.1f}%"


def days(count: int) -> str:
    """'1 day', '176 days'."""
    return f"{count:,} day" if count == 1 else f"{count:,} days"


def category_label(category: str) -> str:
    """A category in words."""
    return CATEGORY_LABELS.get(category, category.replace("_", " ").capitalize())


@dataclass
class Side:
    """What one receiving party has received under one term."""

    recipient_id: str
    name: str
    slot: int
    target: int | None
    target_text: str
    received: int
    received_text: str
    qualifier: str  # "at least", "about" or empty: how exact `received` is
    percent: float | None
    percent_text: str
    bar: float  # 0..100, the filled share of the progress bar
    exceeds: bool
    remaining: int | None
    handovers: int
    withheld: int
    lower_bound: bool
    last_update_on: str | None


@dataclass
class Term:
    """One commitment, ready to show."""

    commitment_id: str
    heading: str
    terms: str
    description: str | None
    criteria: str | None
    state: str
    state_label: str
    markers: list[str]
    due_on: str | None
    last_update_on: str | None
    sides: list[Side]
    balance: str
    has_target: bool
    chart: Chart | None = None
    figures: list[tuple[str, list[int | None]]] = field(default_factory=list)


@dataclass
class Summary:
    """An agreement's state and its last handover, in words."""

    state: str
    state_label: str
    last_handover: str
    silence: str | None
    terms: list[Term]


def _slots(agreement: AgreementPublic) -> dict[str, int]:
    return {party.id: index % SLOTS for index, party in enumerate(agreement.parties)}


def _qualifier(entry: dict[str, Any]) -> str:
    if entry["received_is_lower_bound"]:
        return "at least"
    if not entry["received_is_exact"]:
        return "about"
    return ""


def _received_text(entry: dict[str, Any]) -> str:
    return " ".join(part for part in (_qualifier(entry), number(entry["received"])) if part)


def side(entry: dict[str, Any], slot: int) -> Side:
    """One receiving party's entry of a status document, ready to show."""
    target = entry["target"]
    qualifier = "at least " if entry.get("target_qualifier") == "at_least" else ""
    share = entry["percent"]
    return Side(
        recipient_id=entry["recipient_id"],
        name=entry["recipient_name"],
        slot=slot,
        target=target,
        target_text=f"{qualifier}{number(target)}" if target is not None else "all",
        received=entry["received"],
        received_text=_received_text(entry),
        qualifier=_qualifier(entry),
        percent=share,
        percent_text=percent(share),
        bar=min(share, 100.0) if share is not None else 0.0,
        exceeds=entry["exceeds_target"],
        remaining=entry["remaining"],
        handovers=entry["handovers"],
        withheld=entry["withheld_handovers"],
        lower_bound=entry["received_is_lower_bound"],
        last_update_on=entry["last_update_on"],
    )


def _terms(commitment: dict[str, Any]) -> str:
    if commitment["measure"] != "target":
        return "all for all"
    targets = [r for r in commitment["recipients"] if r["target"] is not None]
    quantities = {r["target"] for r in targets}
    if len(targets) == 1:
        return f"{number(targets[0]['target'])} to {targets[0]['recipient_name']}"
    if len(quantities) == 1:
        shared = number(targets[0]["target"])
        return f"{shared} for {shared}" if len(targets) == 2 else f"{shared} each"
    return "; ".join(f"{number(r['target'])} to {r['recipient_name']}" for r in targets)


def _criteria(criteria: dict[str, Any] | None) -> str | None:
    if not criteria:
        return None
    parts = []
    low, high = criteria.get("age_min"), criteria.get("age_max")
    if low is not None and high is not None:
        parts.append(f"aged {low}{DASH}{high}")
    elif low is not None:
        parts.append(f"aged {low} or over")
    elif high is not None:
        parts.append(f"aged up to {high}")
    if criteria.get("condition"):
        parts.append(criteria["condition"])
    return ", ".join(parts) or None


def balance_sentence(sides: list[Side], imbalance: dict[str, Any] | None) -> str:
    """Whether one side lags behind the other, in plain words."""
    if not any(s.handovers for s in sides):
        either = ", for either side" if len(sides) > 1 else ""
        return f"No handover recorded yet under this term{either}."
    if imbalance is None or len(sides) < 2:
        only = sides[0]
        return f"Only {only.name} receives under this term: {only.received_text} so far."
    names = {s.recipient_id: s for s in sides}
    most, least = names[imbalance["most_received_id"]], names[imbalance["least_received_id"]]
    withheld = any(s.lower_bound for s in sides)
    caveat = " Some numbers were withheld, so the true totals may be higher." if withheld else ""
    if imbalance["difference"] == 0:
        return f"Both sides have received the same number so far: {most.received_text} each.{caveat}"
    sentence = f"{most.name} has received {number(imbalance['difference'])} more than {least.name}"
    if imbalance["ratio"] is None:
        sentence += ", which has received none."
    else:
        sentence += f": {imbalance['ratio']:,.1f} times as many."
    return sentence + caveat


def _markers(commitment: dict[str, Any], *, as_of: date, concluded_on: date, stall_days: int) -> list[str]:
    markers = []
    if commitment["state"] == "overdue":
        markers.append(f"Overdue: it was due on {long_date(commitment['due_on'])}.")
    quiet = commitment["days_since_last_update"]
    silent = quiet if quiet is not None else (as_of - concluded_on).days
    if quiet is None and commitment["state"] == "overdue":
        markers.append(f"No handover recorded yet, {days(silent)} after the agreement was concluded.")
    elif commitment["state"] in ("stalled", "overdue") and silent > stall_days:
        markers.append(f"Stalled: no handover for {days(silent)}, since {long_date(commitment['last_update_on'])}.")
    return markers


def term(
    commitment: dict[str, Any],
    *,
    slots: dict[str, int],
    as_of: date,
    concluded_on: date,
    stall_days: int,
) -> Term:
    """A commitment of a status document, ready to show."""
    sides = [
        side(entry, slots.get(entry["recipient_id"], (len(slots) + index) % SLOTS))
        for index, entry in enumerate(commitment["recipients"])
    ]
    return Term(
        commitment_id=commitment["commitment_id"],
        heading=category_label(commitment["category"]),
        terms=_terms(commitment),
        description=commitment["description"],
        criteria=_criteria(commitment["criteria"]),
        state=commitment["state"],
        state_label=STATE_LABELS.get(commitment["state"], commitment["state"]),
        markers=_markers(commitment, as_of=as_of, concluded_on=concluded_on, stall_days=stall_days),
        due_on=commitment["due_on"],
        last_update_on=commitment["last_update_on"],
        sides=sides,
        balance=balance_sentence(sides, commitment["imbalance"]),
        has_target=commitment["measure"] == "target",
    )


def summary(agreement: AgreementPublic, status: dict[str, Any]) -> Summary:
    """An agreement's status in words, term by term."""
    as_of = date.fromisoformat(status["as_of"])
    concluded_on = date.fromisoformat(status["concluded_on"])
    slots = _slots(agreement)
    last = status["last_update_on"]
    if last is None:
        last_handover = "No handover recorded"
        silence = f"None in the {days((as_of - concluded_on).days)} since the agreement was concluded."
    else:
        last_handover = long_date(last)
        quiet = status["days_since_last_update"]
        silence = "Today." if quiet == 0 else f"{days(quiet)} ago."
    return Summary(
        state=status["state"],
        state_label=STATE_LABELS.get(status["state"], status["state"]),
        last_handover=last_handover,
        silence=silence,
        terms=[
            term(c, slots=slots, as_of=as_of, concluded_on=concluded_on, stall_days=status["stall_days"])
            for c in status["commitments"]
        ],
    )


def add_chart(item: Term, *, series: dict[str, list[DayFigure]], start: date, end: date) -> None:
    """Attach the cumulative chart and the table of its figures to a term."""
    inputs = [
        SeriesInput(side.name, side.slot, [(day.on, day.cumulative) for day in series.get(side.recipient_id, [])])
        for side in item.sides
    ]
    targets: dict[int, list[str]] = {}
    for side in item.sides:
        if side.target is not None:
            targets.setdefault(side.target, []).append(side.name)
    rules = [
        (value, f"Target {number(value)}" + ("" if len(names) == len(item.sides) else f" ({', '.join(names)})"))
        for value, names in targets.items()
    ]
    last = max((point[0] for entry in inputs for point in entry.points), default=None)
    stalled = item.state in ("stalled", "overdue") and last is not None
    item.chart = cumulative_chart(
        start=start,
        end=end,
        series=inputs,
        targets=rules,
        quiet_since=last if stalled else None,
        quiet_label=f"No handover for {days((end - last).days)}" if stalled and last else "",
    )
    by_day: dict[date, list[int | None]] = {}
    for index, side in enumerate(item.sides):
        for day in series.get(side.recipient_id, []):
            by_day.setdefault(day.on, [None] * len(item.sides))[index] = day.cumulative
    running: list[int | None] = [0] * len(item.sides)
    for day_on in sorted(by_day):
        running = [new if new is not None else old for new, old in zip(by_day[day_on], running, strict=True)]
        item.figures.append((day_on.isoformat(), list(running)))


REVIEW_LABELS = {
    "reported": "Reported, not yet verified",
    "verified": "Verified",
    "disputed": "Disputed",
    "rejected": "Rejected",
}


def review_state(update: dict[str, Any]) -> str | None:
    """The review state an update carries, when the API shows one."""
    for key in ("review_state", "verification_state", "verification", "review"):
        value = update.get(key)
        if isinstance(value, dict):
            value = value.get("state") or value.get("status")
        if isinstance(value, str) and value:
            return value
    return None


@dataclass
class UpdateRow:
    """A reported handover, in words."""

    update_id: str
    occurred_on: str
    stage: str | None
    location: str | None
    figures: list[str]
    source_publisher: str | None
    source_title: str | None
    source_url: str | None
    source_published_on: str | None
    review: str | None
    review_label: str | None
    note: str | None
    superseded: bool
    correction_reason: str | None
    further_claim: bool


def _line_text(line: dict[str, Any], names: dict[str, str], headings: dict[str, str]) -> str:
    who = names.get(line["recipient_id"], line["recipient_id"])
    under = headings.get(line["commitment_id"] or "", "term not stated")
    if line["quantity"] is None:
        return f"{who}: number withheld ({under.lower()})"
    qualifier = {"approximate": "about ", "at_least": "at least "}.get(line["qualifier"], "")
    return f"{who}: {qualifier}{number(line['quantity'])} ({under.lower()})"


def update_rows(updates: list[dict[str, Any]], *, names: dict[str, str], headings: dict[str, str]) -> list[UpdateRow]:
    """Latest updates, with their figures and sources in words."""
    rows = []
    for update in updates:
        source = update.get("source") or {}
        review = review_state(update)
        rows.append(
            UpdateRow(
                update_id=update["id"],
                occurred_on=update["occurred_on"],
                stage=update.get("stage"),
                location=update.get("location"),
                figures=[_line_text(line, names, headings) for line in update.get("lines", [])],
                source_publisher=source.get("publisher"),
                source_title=source.get("title"),
                source_url=source.get("url"),
                source_published_on=source.get("published_on"),
                review=review,
                review_label=REVIEW_LABELS.get(review, review.replace("_", " ").capitalize()) if review else None,
                note=update.get("note"),
                superseded=bool(update.get("superseded_by")),
                correction_reason=update.get("correction_reason"),
                further_claim=bool(update.get("claim_of")),
            )
        )
    return rows


def dictionary_rows(dictionary: DataDictionary) -> list[dict[str, Any]]:
    """The dictionary's terms for its page, each with an anchor of its own: the name, numbered after the first."""
    seen: dict[str, int] = {}
    rows = []
    for term in dictionary.terms:
        seen[term.name] = seen.get(term.name, 0) + 1
        anchor = term.name if seen[term.name] == 1 else f"{term.name}-{seen[term.name]}"
        rows.append({**term.model_dump(), "anchor": anchor})
    return rows


UNSTATED_CATEGORY = "No category stated"
SIDE_LABELS = {
    SummarySide.received: "Received by",
    SummarySide.handed_over: "Handed over to",
    SummarySide.mediated: "Mediated, received by",
}


def _counted_text(received: int, *, lower_bound: bool, exact: bool = True) -> str:
    """A summed figure with how exact it is, as the agreement pages say it."""
    qualifier = "at least " if lower_bound else "" if exact else "about "
    return f"{qualifier}{number(received)}"


@dataclass
class SummaryColumn:
    """One receiving party of a category on a party's page: what it received, counted and split by review."""

    recipient_id: str
    name: str
    side: str
    side_text: str  # "Received by", "Handed over to" or "Mediated, received by"
    label: str
    slot: int
    received: int
    qualifier: str  # "at least", "about" or empty, as on the agreement pages
    handovers: int
    withheld: int
    reported_text: str
    reported_handovers: int
    verified_text: str
    verified_handovers: int
    disputed: int
    discrepancies: int


@dataclass
class CategoryBlock:
    """One category on a party's page: never added to another."""

    key: str  # the category, or 'unstated'
    heading: str
    columns: list[SummaryColumn]
    chart: BarChart
    months: list[tuple[str, list[str]]]  # each month with a handover: its label and each column's figure in words


@dataclass
class PartyPage:
    """A party's summary across agreements, ready to show."""

    party_id: str
    name: str
    basis: str
    as_of: date
    categories: list[CategoryBlock]


def _column(line: SummaryLine, *, slot: int) -> SummaryColumn:
    side_value = line.side or SummarySide.received
    return SummaryColumn(
        recipient_id=line.recipient_id,
        name=line.recipient_name,
        side=side_value.value,
        side_text=SIDE_LABELS[side_value],
        label=f"{SIDE_LABELS[side_value]} {line.recipient_name}",
        slot=slot,
        received=line.received,
        qualifier=_qualifier(line.model_dump()),
        handovers=line.handovers,
        withheld=line.withheld_handovers,
        reported_text=_counted_text(line.reported_received, lower_bound=line.reported_is_lower_bound),
        reported_handovers=line.reported_handovers,
        verified_text=_counted_text(line.verified_received, lower_bound=line.verified_is_lower_bound),
        verified_handovers=line.verified_handovers,
        disputed=line.disputed_attribution_handovers,
        discrepancies=line.discrepancies,
    )


def party_page(document: PartySummaryDocument) -> PartyPage:
    """A party's summary document (with its monthly series) in words and bars, category by category."""
    party_id = document.party_id or ""
    slots = {party_id: 0}
    for entry in document.lines:
        slots.setdefault(entry.recipient_id, len(slots) % SLOTS)
    periods = sorted({point.period for point in document.series})
    months = months_between(periods[0], periods[-1]) if periods else []
    blocks: dict[str, CategoryBlock] = {}
    for entry in document.lines:
        key = entry.category.value if entry.category else "unstated"
        block = blocks.get(key)
        if block is None:
            heading = category_label(entry.category.value) if entry.category else UNSTATED_CATEGORY
            block = blocks[key] = CategoryBlock(key, heading, [], BarChart(), [])
        block.columns.append(_column(entry, slot=slots[entry.recipient_id]))
    for key, block in blocks.items():
        values: dict[tuple[str, str, str], tuple[int, str]] = {}
        for point in document.series:
            if (point.category.value if point.category else "unstated") == key:
                side = (point.side or SummarySide.received).value
                text = (
                    "number withheld"  # every handover of the month had its number withheld
                    if point.received == 0 and point.received_is_lower_bound
                    else _counted_text(
                        point.received, lower_bound=point.received_is_lower_bound, exact=point.received_is_exact
                    )
                )
                values[(point.period, side, point.recipient_id)] = (point.received, text)
        inputs = []
        for column in block.columns:
            found = [values.get((period, column.side, column.recipient_id)) for period in months]
            inputs.append(
                BarSeries(
                    column.label,
                    column.slot,
                    [value[0] if value else None for value in found],
                    [value[1] if value else DASH for value in found],
                )
            )
        block.chart = monthly_bars(months=months, series=inputs)
        for index, period in enumerate(months):
            if any(series.values[index] is not None for series in inputs):
                block.months.append((month_label(period, with_year=True), [s.texts[index] for s in inputs]))
    return PartyPage(
        party_id=party_id,
        name=document.party_name or party_id,
        basis=document.basis,
        as_of=document.as_of,
        categories=list(blocks.values()),
    )
