"""The ledger's arithmetic, written once: which claim counts for a handover, what it adds to the totals,
and the states of commitments and agreements that the totals give on a day.

Pure functions, each with its SQL twin where the database must compute the same (the list filter's
state, the sums of a dated status and of the timeline); every consumer (status, list filters, exports,
pages, feeds, webhook events, imports, `totals check`) computes figures and states here.
"""

from collections.abc import Iterable, Mapping, MutableMapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import ColumnElement, Integer, Label, and_, case, func, literal, literal_column, or_
from sqlalchemy.orm import Mapped
from sqlalchemy.sql.elements import SQLCoreOperations
from sqlmodel import col

from app.models.status import HandoverFigure, RunningTotal
from app.models.values import AttributionPosition, Measure, Qualifier, ReviewState, State
from app.status.policy import Basis

FigureKey = tuple[str, str]  # (bucket: commitment id or "unattributed", recipient_id)


@dataclass(frozen=True)
class Claim:
    """One update's account of a handover."""

    update_id: str
    created_at: datetime
    occurred_on: date
    review_state: str
    reviewed_at: datetime | None
    superseded: bool
    publisher: str | None
    url: str | None
    figures: dict[FigureKey, tuple[int | None, str]] = field(default_factory=dict)
    # A correction not yet reviewed of a claim that was rejected (see `rejected_in_effect`).
    inherits_rejection: bool = False

    @property
    def counts(self) -> bool:
        """Superseded and rejected claims are kept but never counted; nor is an unreviewed correction of a
        rejected claim, until a verifier verifies it."""
        return not self.superseded and self.review_state != ReviewState.rejected and not self.inherits_rejection


def rejected_in_effect(review_states: Sequence[str]) -> bool:
    """Whether a claim is rejected in effect, from its review state and those of the claims it corrects, in
    order back to the first: a correction keeps the rejection of what it corrects until it is itself
    reviewed, so that re-posting rejected figures as a "correction" cannot make them count again. A
    correction starts unreviewed whatever it corrects: its figures are new, so an earlier verification
    does not carry over."""
    for state in review_states:
        if state != ReviewState.reported:
            return state == ReviewState.rejected
    return False


@dataclass(frozen=True)
class Figure:
    """What a handover counts for one party under one term."""

    occurred_on: date
    quantity: int | None
    qualifier: str
    standing_update_id: str
    verified: bool
    verified_quantity: int | None
    verified_qualifier: str | None
    discrepancy: bool
    attribution_disputed: bool
    claims: list[dict[str, Any]]


def weigh(claims: list[Claim], *, attribution_disputed: bool) -> dict[FigureKey, Figure]:
    """The figures a handover counts for: for each receiving party, the lines of one standing claim.

    A handover is counted once for each party that received in it, whatever its claims say about the
    term: the standing claim about that party (the one a verifier verified, the latest if several were,
    else the earliest counting claim) decides both the term or terms it counts under and the figures.
    Claims are counted once, never added up; when counting claims disagree about a party (in figures or
    in terms) and none is verified, it is a discrepancy. Superseded and rejected claims never count.
    """
    counting = sorted((c for c in claims if c.counts), key=lambda c: (c.created_at, c.update_id))
    named = [(claim, {recipient_id for _, recipient_id in claim.figures}) for claim in counting]
    recipients = sorted({recipient_id for _, parties in named for recipient_id in parties})
    figures: dict[FigureKey, Figure] = {}
    for recipient_id in recipients:
        covering = [claim for claim, parties in named if recipient_id in parties]
        verified = [c for c in covering if c.review_state == ReviewState.verified]
        standing = (
            max(verified, key=lambda c: (c.reviewed_at or c.created_at, c.update_id)) if verified else covering[0]
        )
        accounts = {c.update_id: _account(c, recipient_id) for c in covering}
        disagree = len({tuple(sorted(account.items())) for account in accounts.values()}) > 1
        for key, (quantity, qualifier) in sorted(accounts[standing.update_id].items()):
            figures[key] = Figure(
                occurred_on=standing.occurred_on,
                quantity=quantity,
                qualifier=qualifier,
                standing_update_id=standing.update_id,
                verified=bool(verified),
                verified_quantity=quantity if verified else None,
                verified_qualifier=qualifier if verified else None,
                discrepancy=disagree and not verified,
                attribution_disputed=attribution_disputed,
                claims=[
                    {
                        "update_id": c.update_id,
                        "quantity": _total(accounts[c.update_id]),
                        "qualifier": _qualifier(accounts[c.update_id]),
                        "review_state": c.review_state,
                        "publisher": c.publisher,
                        "url": c.url,
                        "terms": sorted(bucket for bucket, _ in accounts[c.update_id]),
                    }
                    for c in covering
                ]
                if len(covering) > 1
                else [],
            )
    return figures


def _account(claim: Claim, recipient_id: str) -> dict[FigureKey, tuple[int | None, str]]:
    """What one claim says one party received: its figure under each term it names."""
    return {key: value for key, value in claim.figures.items() if key[1] == recipient_id}


def _total(account: Mapping[FigureKey, tuple[int | None, str]]) -> int | None:
    known = [quantity for quantity, _ in account.values()]
    return None if any(q is None for q in known) else sum(q for q in known if q is not None)


def _qualifier(account: Mapping[FigureKey, tuple[int | None, str]]) -> str:
    qualifiers = {qualifier for _, qualifier in account.values()}
    if Qualifier.at_least in qualifiers:
        return Qualifier.at_least.value
    if Qualifier.approximate in qualifiers:
        return Qualifier.approximate.value
    return Qualifier.exact.value


def attribution_disputed(statements: Iterable[tuple[str, str]]) -> bool:
    """Whether a handover's attribution to its agreement is disputed, from the parties' statements in the
    order recorded (party id, position): each party's latest statement stands, and one that denies it
    (`does_not_belong`) disputes it; a party that later says it belongs retracts its dispute."""
    latest = dict(statements)
    return any(position == AttributionPosition.does_not_belong for position in latest.values())


# ---- what one handover adds to the running totals ------------------------------------------

COUNTERS = (
    "received",
    "handovers",
    "withheld",
    "approximate",
    "at_least",
    "verified_received",
    "verified_handovers",
    "verified_withheld",
    "verified_approximate",
    "verified_at_least",
    "disputed_received",
    "disputed_handovers",
    "discrepancies",
)


def contribution(figure: Figure) -> dict[str, int]:
    """What one handover figure adds to each running counter."""
    return {
        "received": figure.quantity or 0,
        "handovers": 1,
        "withheld": int(figure.quantity is None),
        "approximate": int(figure.qualifier == Qualifier.approximate),
        "at_least": int(figure.qualifier == Qualifier.at_least),
        "verified_received": (figure.verified_quantity or 0) if figure.verified else 0,
        "verified_handovers": int(figure.verified),
        "verified_withheld": int(figure.verified and figure.verified_quantity is None),
        "verified_approximate": int(figure.verified and figure.verified_qualifier == Qualifier.approximate),
        "verified_at_least": int(figure.verified and figure.verified_qualifier == Qualifier.at_least),
        "disputed_received": (figure.quantity or 0) if figure.attribution_disputed else 0,
        "disputed_handovers": int(figure.attribution_disputed),
        "discrepancies": int(figure.discrepancy),
    }


def summed_contributions() -> list[Label[int]]:
    """The SQL twin of `contribution`: each running counter summed over the selected figures, labelled by name."""
    quantity, verified = col(HandoverFigure.quantity), col(HandoverFigure.verified)
    qualifier, verified_qualifier = col(HandoverFigure.qualifier), col(HandoverFigure.verified_qualifier)
    disputed = col(HandoverFigure.attribution_disputed)

    def counted(condition: ColumnElement[bool] | Mapped[bool]) -> ColumnElement[int]:
        return case((condition, 1), else_=0)

    terms: dict[str, ColumnElement[int]] = {
        "received": func.coalesce(quantity, 0),
        "handovers": literal_column("1", Integer),
        "withheld": counted(quantity.is_(None)),
        "approximate": counted(qualifier == Qualifier.approximate.value),
        "at_least": counted(qualifier == Qualifier.at_least.value),
        "verified_received": case((verified, func.coalesce(col(HandoverFigure.verified_quantity), 0)), else_=0),
        "verified_handovers": counted(verified),
        "verified_withheld": counted(and_(verified, col(HandoverFigure.verified_quantity).is_(None))),
        "verified_approximate": counted(and_(verified, verified_qualifier == Qualifier.approximate.value)),
        "verified_at_least": counted(and_(verified, verified_qualifier == Qualifier.at_least.value)),
        "disputed_received": case((disputed, func.coalesce(quantity, 0)), else_=0),
        "disputed_handovers": counted(disputed),
        "discrepancies": counted(col(HandoverFigure.discrepancy)),
    }
    return [func.coalesce(func.sum(term), 0).label(name) for name, term in terms.items()]


def summed_totals_counters() -> list[Label[int]]:
    """The SQL twin of adding running totals together (each counter is a sum of `contribution`s, so the
    totals of several terms, agreements or parties add counter by counter), labelled by name."""
    return [func.coalesce(func.sum(getattr(RunningTotal, name)), 0).label(name) for name in COUNTERS]


def line_counted(update_id: SQLCoreOperations[Any], *, basis: Basis) -> ColumnElement[bool]:
    """Whether an update's line is the figure `contribution` counts, over a line joined to its handover's
    figure for the line's term and party (`HandoverFigure`, outer-joined): the line of the standing
    claim and, on the verified basis, only once that claim is verified. Summing the quantities of the
    lines counted gives `received` (or `verified_received`), term by term and party by party."""
    standing = func.coalesce(col(HandoverFigure.standing_update_id), literal("")) == update_id
    return and_(standing, col(HandoverFigure.verified)) if basis == "verified" else standing


def accumulate(counters: MutableMapping[str, Any], figure: Figure) -> None:
    """Add one handover figure to a term and party's counters, and move its latest handover day."""
    for name, value in contribution(figure).items():
        counters[name] = counters.get(name, 0) + value
    latest = counters.get("last_update_on")
    if latest is None or figure.occurred_on > latest:
        counters["last_update_on"] = figure.occurred_on


def figures(counters: Mapping[str, int], *, basis: Basis) -> dict[str, Any]:
    """One basis's figures from a term and party's counters, with how exact their sum is."""
    prefix = "" if basis == "reported" else "verified_"
    withheld = counters.get(prefix + "withheld", 0)
    approximate = counters.get(prefix + "approximate", 0)
    at_least = counters.get(prefix + "at_least", 0)
    return {
        "received": counters.get(prefix + "received", 0),
        "handovers": counters.get(prefix + "handovers", 0),
        "withheld_handovers": withheld,
        "approximate_lines": approximate,
        "at_least_lines": at_least,
        "is_exact": withheld == 0 and at_least == 0 and approximate == 0,
        "is_lower_bound": withheld > 0 or at_least > 0,
    }


# ---- states ----------------------------------------------------------------------------------
# A state is a progress (not started, in progress, fulfilled), which depends only on the figures,
# read on a day: an unfulfilled term past its due date is overdue, one whose handovers stopped is
# stalled. A term with no handover yet is not started, however long ago it was agreed: nothing has
# stopped, so it is not stalled (past its due date it is overdue like any other).


@dataclass(frozen=True)
class Progress:
    """The date-independent part of a state, and the earliest due date still open."""

    state: State
    open_due_on: date | None


def commitment_progress(entry: Mapping[str, Any], *, basis: Basis) -> Progress:
    """A term's progress from its ready status entry: fulfilled by a declaration or by every target met."""
    fulfilled = entry["declared_complete_on"] is not None or (
        entry["measure"] == Measure.target and all(r[basis]["received"] >= r["target"] for r in entry["recipients"])
    )
    if fulfilled:
        return Progress(state=State.fulfilled, open_due_on=None)
    due_on = date.fromisoformat(entry["due_on"]) if entry["due_on"] else None
    state = State.in_progress if entry["last_update_on"] is not None else State.not_started
    return Progress(state=state, open_due_on=due_on)


def agreement_progress(body: Mapping[str, Any], *, basis: Basis) -> Progress:
    """An agreement's progress: fulfilled when every term is, the earliest open due date of the others."""
    terms = [commitment_progress(entry, basis=basis) for entry in body["commitments"]]
    open_due = [p.open_due_on for p in terms if p.open_due_on is not None]
    if terms and all(p.state is State.fulfilled for p in terms):
        state = State.fulfilled
    elif body["last_update_on"] is not None:
        state = State.in_progress
    else:
        state = State.not_started
    return Progress(state=state, open_due_on=min(open_due) if open_due else None)


def state_on(progress: Progress, *, last_update_on: date | None, today: date, stall_days: int) -> State:
    """The state on `today`: fulfilled, else overdue past an open due date, else stalled when the last
    handover is more than `stall_days` old (never before the first), else its progress."""
    if progress.state is State.fulfilled:
        return State.fulfilled
    if progress.open_due_on is not None and progress.open_due_on < today:
        return State.overdue
    if last_update_on is not None and last_update_on < today - timedelta(days=stall_days):
        return State.stalled
    return progress.state


def state_condition(
    state: State,
    *,
    progress_state: SQLCoreOperations[Any],
    open_due_on: SQLCoreOperations[Any],
    last_update_on: SQLCoreOperations[Any],
    today: date,
    stall_days: int,
) -> ColumnElement[bool]:
    """The SQL twin of `state_on(...) == state`, over stored progress columns, for the list filter."""
    fulfilled = progress_state == State.fulfilled.value
    overdue = and_(~fulfilled, open_due_on.is_not(None), open_due_on < today)
    stalled = and_(
        ~fulfilled,
        or_(open_due_on.is_(None), open_due_on >= today),
        last_update_on.is_not(None),
        last_update_on < today - timedelta(days=stall_days),
    )
    if state is State.fulfilled:
        return fulfilled
    if state is State.overdue:
        return overdue
    if state is State.stalled:
        return stalled
    return and_(progress_state == state.value, ~overdue, ~stalled)
