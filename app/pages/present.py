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
from app.pages.i18n import Speech
from app.pages.service import DayFigure
from app.summaries.models import Side as SummarySide
from app.summaries.models import Summary as PartySummaryDocument
from app.summaries.models import SummaryLine

SLOTS = 4  # distinct colours and markers; further parties reuse them
DASH = "\u2013"  # an en dash: a missing figure, or a range of ages


def category_labels(speech: Speech) -> dict[str, str]:
    """Every category in words."""
    return {
        "prisoners_of_war": speech.gettext("Prisoners of war"),
        "wounded_and_sick": speech.gettext("Seriously wounded and sick"),
        "remains": speech.gettext("Remains of the fallen"),
        "civilian_detainees": speech.gettext("Civilian detainees"),
        "children": speech.gettext("Children"),
        "political_prisoners": speech.gettext("Political prisoners"),
        "journalists": speech.gettext("Journalists"),
        "other": speech.gettext("Other"),
    }


def state_labels(speech: Speech) -> dict[str, str]:
    """Every state in words."""
    return {
        # Said as what it is, so a term nobody has acted on yet never reads as one whose handovers stopped.
        "not_started": speech.gettext("No handover yet"),
        "in_progress": speech.gettext("In progress"),
        "fulfilled": speech.gettext("Fulfilled"),
        "stalled": speech.gettext("Stalled"),
        "overdue": speech.gettext("Overdue"),
    }


def category_label(category: str, speech: Speech) -> str:
    """A category in words."""
    return category_labels(speech).get(category, category.replace("_", " ").capitalize())


def state_label(state: str, speech: Speech) -> str:
    """A state in words."""
    return state_labels(speech).get(state, state)


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
    handed_over: bool
    silence: str | None
    terms: list[Term]


def _slots(agreement: AgreementPublic) -> dict[str, int]:
    return {party.id: index % SLOTS for index, party in enumerate(agreement.parties)}


def _qualifier(entry: dict[str, Any], speech: Speech) -> str:
    if entry["received_is_lower_bound"]:
        return speech.gettext("at least")
    if not entry["received_is_exact"]:
        return speech.gettext("about")
    return ""


def _received_text(entry: dict[str, Any], speech: Speech) -> str:
    return " ".join(part for part in (_qualifier(entry, speech), speech.number(entry["received"])) if part)


def side(entry: dict[str, Any], slot: int, speech: Speech) -> Side:
    """One receiving party's entry of a status document, ready to show."""
    target = entry["target"]
    share = entry["percent"]
    if target is None:
        target_text = speech.gettext("all")
    elif entry.get("target_qualifier") == "at_least":
        target_text = speech.gettext("at least %(number)s") % {"number": speech.number(target)}
    else:
        target_text = speech.number(target)
    return Side(
        recipient_id=entry["recipient_id"],
        name=entry["recipient_name"],
        slot=slot,
        target=target,
        target_text=target_text,
        received=entry["received"],
        received_text=_received_text(entry, speech),
        qualifier=_qualifier(entry, speech),
        percent=share,
        percent_text=speech.percent(share),
        bar=min(share, 100.0) if share is not None else 0.0,
        exceeds=entry["exceeds_target"],
        remaining=entry["remaining"],
        handovers=entry["handovers"],
        withheld=entry["withheld_handovers"],
        lower_bound=entry["received_is_lower_bound"],
        last_update_on=entry["last_update_on"],
    )


def _terms(commitment: dict[str, Any], speech: Speech) -> str:
    if commitment["measure"] != "target":
        return speech.gettext("all for all")
    targets = [r for r in commitment["recipients"] if r["target"] is not None]
    quantities = {r["target"] for r in targets}

    def to(recipient: dict[str, Any]) -> str:
        values = {"number": speech.number(recipient["target"]), "name": recipient["recipient_name"]}
        return speech.gettext("%(number)s to %(name)s") % values

    if len(targets) == 1:
        return to(targets[0])
    if len(quantities) == 1:
        shared = {"number": speech.number(targets[0]["target"])}
        if len(targets) == 2:
            return speech.gettext("%(number)s for %(number)s") % shared
        return speech.gettext("%(number)s each") % shared
    return "; ".join(to(r) for r in targets)


def _criteria(criteria: dict[str, Any] | None, speech: Speech) -> str | None:
    if not criteria:
        return None
    parts = []
    low, high = criteria.get("age_min"), criteria.get("age_max")
    if low is not None and high is not None:
        parts.append(
            speech.ngettext("aged %(low)s to %(high)s", "aged %(low)s to %(high)s", high) % {"low": low, "high": high}
        )
    elif low is not None:
        parts.append(speech.ngettext("aged %(low)s or over", "aged %(low)s or over", low) % {"low": low})
    elif high is not None:
        parts.append(speech.ngettext("aged up to %(high)s", "aged up to %(high)s", high) % {"high": high})
    if criteria.get("condition"):
        parts.append(criteria["condition"])
    return ", ".join(parts) or None


def balance_sentence(sides: list[Side], imbalance: dict[str, Any] | None, speech: Speech) -> str:
    """Whether one side lags behind the other, in plain words."""
    if not any(s.handovers for s in sides):
        if len(sides) > 1:
            return speech.gettext("No handover recorded yet under this term, for either side.")
        return speech.gettext("No handover recorded yet under this term.")
    if imbalance is None or len(sides) < 2:
        only = sides[0]
        values = {"name": only.name, "received": only.received_text}
        return speech.gettext("Only %(name)s receives under this term: %(received)s so far.") % values
    names = {s.recipient_id: s for s in sides}
    most, least = names[imbalance["most_received_id"]], names[imbalance["least_received_id"]]
    withheld = any(s.lower_bound for s in sides)
    caveat = " " + speech.gettext("Some numbers were withheld, so the true totals may be higher.") if withheld else ""
    if imbalance["difference"] == 0:
        sentence = speech.gettext("Both sides have received the same number so far: %(received)s each.")
        return sentence % {"received": most.received_text} + caveat
    values = {"most": most.name, "least": least.name, "difference": speech.number(imbalance["difference"])}
    if imbalance["ratio"] is None:
        sentence = speech.gettext("%(most)s has received %(difference)s more than %(least)s, which has received none.")
    else:
        sentence = speech.gettext("%(most)s has received %(difference)s more than %(least)s: %(ratio)s times as many.")
        values["ratio"] = speech.decimal(imbalance["ratio"])
    return sentence % values + caveat


def _markers(
    commitment: dict[str, Any], *, as_of: date, concluded_on: date, stall_days: int, speech: Speech
) -> list[str]:
    markers = []
    if commitment["state"] == "overdue":
        due = speech.long_date(commitment["due_on"])
        markers.append(speech.gettext("Overdue: it was due on %(date)s.") % {"date": due})
    quiet = commitment["days_since_last_update"]
    silent = quiet if quiet is not None else (as_of - concluded_on).days
    if quiet is None and commitment["state"] == "overdue":
        sentence = speech.gettext("No handover recorded yet, %(days)s after the agreement was concluded.")
        markers.append(sentence % {"days": speech.days(silent)})
    elif commitment["state"] in ("stalled", "overdue") and silent > stall_days:
        sentence = speech.gettext("Stalled: no handover for %(days)s, since %(date)s.")
        markers.append(sentence % {"days": speech.days(silent), "date": speech.long_date(commitment["last_update_on"])})
    return markers


def term(
    commitment: dict[str, Any],
    *,
    slots: dict[str, int],
    as_of: date,
    concluded_on: date,
    stall_days: int,
    speech: Speech,
) -> Term:
    """A commitment of a status document, ready to show."""
    sides = [
        side(entry, slots.get(entry["recipient_id"], (len(slots) + index) % SLOTS), speech)
        for index, entry in enumerate(commitment["recipients"])
    ]
    return Term(
        commitment_id=commitment["commitment_id"],
        heading=category_label(commitment["category"], speech),
        terms=_terms(commitment, speech),
        description=commitment["description"],
        criteria=_criteria(commitment["criteria"], speech),
        state=commitment["state"],
        state_label=state_label(commitment["state"], speech),
        markers=_markers(commitment, as_of=as_of, concluded_on=concluded_on, stall_days=stall_days, speech=speech),
        due_on=commitment["due_on"],
        last_update_on=commitment["last_update_on"],
        sides=sides,
        balance=balance_sentence(sides, commitment["imbalance"], speech),
        has_target=commitment["measure"] == "target",
    )


def summary(agreement: AgreementPublic, status: dict[str, Any], speech: Speech) -> Summary:
    """An agreement's status in words, term by term."""
    as_of = date.fromisoformat(status["as_of"])
    concluded_on = date.fromisoformat(status["concluded_on"])
    slots = _slots(agreement)
    last = status["last_update_on"]
    if last is None:
        last_handover = speech.gettext("No handover recorded")
        since = speech.gettext("None in the %(days)s since the agreement was concluded.")
        silence = since % {"days": speech.days((as_of - concluded_on).days)}
    else:
        last_handover = speech.long_date(last)
        quiet = status["days_since_last_update"]
        silence = (
            speech.gettext("Today.") if quiet == 0 else speech.gettext("%(days)s ago.") % {"days": speech.days(quiet)}
        )
    return Summary(
        state=status["state"],
        state_label=state_label(status["state"], speech),
        last_handover=last_handover,
        handed_over=last is not None,
        silence=silence,
        terms=[
            term(
                c,
                slots=slots,
                as_of=as_of,
                concluded_on=concluded_on,
                stall_days=status["stall_days"],
                speech=speech,
            )
            for c in status["commitments"]
        ],
    )


def add_chart(item: Term, *, series: dict[str, list[DayFigure]], start: date, end: date, speech: Speech) -> None:
    """Attach the cumulative chart and the table of its figures to a term."""
    inputs = [
        SeriesInput(side.name, side.slot, [(day.on, day.cumulative) for day in series.get(side.recipient_id, [])])
        for side in item.sides
    ]
    targets: dict[int, list[str]] = {}
    for side in item.sides:
        if side.target is not None:
            targets.setdefault(side.target, []).append(side.name)
    rules = []
    for value, names in targets.items():
        if len(names) == len(item.sides):
            label = speech.gettext("Target %(number)s") % {"number": speech.number(value)}
        else:
            label = speech.gettext("Target %(number)s (%(names)s)") % {
                "number": speech.number(value),
                "names": ", ".join(names),
            }
        rules.append((value, label))
    last = max((point[0] for entry in inputs for point in entry.points), default=None)
    stalled = item.state in ("stalled", "overdue") and last is not None
    item.chart = cumulative_chart(
        start=start,
        end=end,
        series=inputs,
        targets=rules,
        quiet_since=last if stalled else None,
        quiet_label=speech.gettext("No handover for %(days)s") % {"days": speech.days((end - last).days)}
        if stalled and last
        else "",
        speech=speech,
    )
    by_day: dict[date, list[int | None]] = {}
    for index, side in enumerate(item.sides):
        for day in series.get(side.recipient_id, []):
            by_day.setdefault(day.on, [None] * len(item.sides))[index] = day.cumulative
    running: list[int | None] = [0] * len(item.sides)
    for day_on in sorted(by_day):
        running = [new if new is not None else old for new, old in zip(by_day[day_on], running, strict=True)]
        item.figures.append((day_on.isoformat(), list(running)))


def review_labels(speech: Speech) -> dict[str, str]:
    """Every review state in words."""
    return {
        "reported": speech.gettext("Reported, not yet verified"),
        "verified": speech.gettext("Verified"),
        "disputed": speech.gettext("Disputed"),
        "rejected": speech.gettext("Rejected"),
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


def _line_text(line: dict[str, Any], names: dict[str, str], headings: dict[str, str], speech: Speech) -> str:
    who = names.get(line["recipient_id"], line["recipient_id"])
    under = headings.get(line["commitment_id"] or "", speech.gettext("term not stated")).lower()
    if line["quantity"] is None:
        return speech.gettext("%(who)s: number withheld (%(term)s)") % {"who": who, "term": under}
    values = {"who": who, "number": speech.number(line["quantity"]), "term": under}
    if line["qualifier"] == "approximate":
        return speech.gettext("%(who)s: about %(number)s (%(term)s)") % values
    if line["qualifier"] == "at_least":
        return speech.gettext("%(who)s: at least %(number)s (%(term)s)") % values
    return speech.gettext("%(who)s: %(number)s (%(term)s)") % values


def update_rows(
    updates: list[dict[str, Any]], *, names: dict[str, str], headings: dict[str, str], speech: Speech
) -> list[UpdateRow]:
    """Latest updates, with their figures and sources in words."""
    rows = []
    labels = review_labels(speech)
    for update in updates:
        source = update.get("source") or {}
        review = review_state(update)
        rows.append(
            UpdateRow(
                update_id=update["id"],
                occurred_on=update["occurred_on"],
                stage=update.get("stage"),
                location=update.get("location"),
                figures=[_line_text(line, names, headings, speech) for line in update.get("lines", [])],
                source_publisher=source.get("publisher"),
                source_title=source.get("title"),
                source_url=source.get("url"),
                source_published_on=source.get("published_on"),
                review=review,
                review_label=labels.get(review, review.replace("_", " ").capitalize()) if review else None,
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


def side_labels(speech: Speech) -> dict[SummarySide, str]:
    """How a party stands to a receiving party on its page, in words."""
    return {
        SummarySide.received: speech.gettext("Received by"),
        SummarySide.handed_over: speech.gettext("Handed over to"),
        SummarySide.mediated: speech.gettext("Mediated, received by"),
    }


def _counted_text(received: int, *, lower_bound: bool, speech: Speech, exact: bool = True) -> str:
    """A summed figure with how exact it is, as the agreement pages say it."""
    if lower_bound:
        return speech.gettext("at least %(number)s") % {"number": speech.number(received)}
    if not exact:
        return speech.gettext("about %(number)s") % {"number": speech.number(received)}
    return speech.number(received)


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
    received_text: str
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


def _column(line: SummaryLine, *, slot: int, speech: Speech) -> SummaryColumn:
    side_value = line.side or SummarySide.received
    side_text = side_labels(speech)[side_value]
    return SummaryColumn(
        recipient_id=line.recipient_id,
        name=line.recipient_name,
        side=side_value.value,
        side_text=side_text,
        label=speech.gettext("%(side)s %(name)s") % {"side": side_text, "name": line.recipient_name},
        slot=slot,
        received=line.received,
        received_text=_received_text(line.model_dump(), speech),
        qualifier=_qualifier(line.model_dump(), speech),
        handovers=line.handovers,
        withheld=line.withheld_handovers,
        reported_text=_counted_text(line.reported_received, lower_bound=line.reported_is_lower_bound, speech=speech),
        reported_handovers=line.reported_handovers,
        verified_text=_counted_text(line.verified_received, lower_bound=line.verified_is_lower_bound, speech=speech),
        verified_handovers=line.verified_handovers,
        disputed=line.disputed_attribution_handovers,
        discrepancies=line.discrepancies,
    )


def party_page(document: PartySummaryDocument, speech: Speech) -> PartyPage:
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
            heading = (
                category_label(entry.category.value, speech) if entry.category else speech.gettext("No category stated")
            )
            block = blocks[key] = CategoryBlock(key, heading, [], BarChart(), [])
        block.columns.append(_column(entry, slot=slots[entry.recipient_id], speech=speech))
    for key, block in blocks.items():
        values: dict[tuple[str, str, str], tuple[int, str]] = {}
        for point in document.series:
            if (point.category.value if point.category else "unstated") == key:
                side = (point.side or SummarySide.received).value
                text = (
                    speech.gettext("number withheld")  # every handover of the month had its number withheld
                    if point.received == 0 and point.received_is_lower_bound
                    else _counted_text(
                        point.received,
                        lower_bound=point.received_is_lower_bound,
                        exact=point.received_is_exact,
                        speech=speech,
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
        block.chart = monthly_bars(months=months, series=inputs, speech=speech)
        for index, period in enumerate(months):
            if any(series.values[index] is not None for series in inputs):
                label = month_label(period, with_year=True, speech=speech)
                block.months.append((label, [s.texts[index] for s in inputs]))
    return PartyPage(
        party_id=party_id,
        name=document.party_name or party_id,
        basis=document.basis,
        as_of=document.as_of,
        categories=list(blocks.values()),
    )
