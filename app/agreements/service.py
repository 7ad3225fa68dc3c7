"""Rules for agreements and commitments."""

import threading
from collections import OrderedDict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import ColumnElement, case, exists, func, literal, or_
from sqlmodel import Session, col, select

from app.agreements.models import (
    AgreementCreate,
    AgreementFacets,
    AgreementPublic,
    AgreementUpdate,
    CommitmentCreate,
    CommitmentPublic,
    CompletionCreate,
    FacetCount,
    FacetName,
    PartyRef,
    ReopeningCreate,
    TargetPublic,
)
from app.core.db import count_of, folded, one_of
from app.core.errors import Conflict, InvalidInput, NotFound, PreconditionFailed
from app.core.http import if_match_refuses, if_none_match_refuses
from app.core.ids import new_id
from app.core.languages import DEFAULT_LANGUAGE, in_language
from app.keys.service import Caller
from app.models.agreement import (
    Agreement,
    AgreementParty,
    AgreementTitle,
    Commitment,
    CommitmentDeclaration,
    CommitmentTarget,
)
from app.models.announcement import AnnouncedTotal
from app.models.party import Party, PartyNameKey
from app.models.update import FulfilmentUpdate
from app.models.values import (
    AgreementKind,
    Category,
    CriteriaPublic,
    Measure,
    PartyRole,
    SourcePublic,
    State,
    TargetQualifier,
)
from app.parties.countries import alpha_3
from app.parties.service import get_parties, party_names
from app.status.arithmetic import state_condition
from app.status.policy import StatusPolicy
from app.status.service import agreement_state, lock_agreement, refresh_status
from app.webhooks.events import agreement_payload, emit

EARLIEST_DATE = date(1900, 1, 1)


def _check_concluded_on(concluded_on: date, *, today: date) -> None:
    if concluded_on > today:
        raise InvalidInput(f"concluded_on {concluded_on} is in the future.")
    if concluded_on < EARLIEST_DATE:
        raise InvalidInput(f"concluded_on {concluded_on} is before {EARLIEST_DATE}.")


def _add_commitment(
    session: Session,
    *,
    agreement: Agreement,
    commitment_in: CommitmentCreate,
    position: int,
    bound: set[str],
) -> Commitment:
    for target in commitment_in.targets:
        if target.recipient_id not in bound:
            raise InvalidInput(
                f"Target recipient {target.recipient_id!r} is not a party bound by agreement {agreement.id!r}."
            )
    if commitment_in.due_on is not None and commitment_in.due_on < agreement.concluded_on:
        raise InvalidInput("due_on is before the agreement was concluded.")
    criteria = commitment_in.criteria
    commitment = Commitment(
        id=new_id("cmt"),
        agreement_id=agreement.id,
        position=position,
        category=commitment_in.category.value,
        measure=commitment_in.measure.value,
        description=commitment_in.description,
        age_min=criteria.age_min if criteria else None,
        age_max=criteria.age_max if criteria else None,
        condition=criteria.condition if criteria else None,
        due_on=commitment_in.due_on,
        created_at=datetime.now(UTC),
    )
    session.add(commitment)
    session.flush()  # targets refer to it
    for target in commitment_in.targets:
        session.add(
            CommitmentTarget(
                commitment_id=commitment.id,
                recipient_id=target.recipient_id,
                quantity=target.quantity,
                qualifier=target.qualifier.value,
            )
        )
    return commitment


def create_agreement(
    session: Session, *, agreement_in: AgreementCreate, caller: Caller, policy: StatusPolicy
) -> Agreement:
    """Record an agreement with its parties, intermediaries and commitments, all or nothing."""
    _check_concluded_on(agreement_in.concluded_on, today=date.today())
    other_titles = _other_titles(agreement_in.title, agreement_in.titles)
    members = [*agreement_in.parties, *agreement_in.intermediaries]
    if len(set(members)) != len(members):
        raise InvalidInput("A party may appear only once among the parties and intermediaries.")
    known = get_parties(session, party_ids=members)
    for party_id in members:
        if party_id not in known:
            raise NotFound(f"No party with id {party_id!r}.")
    now = datetime.now(UTC)
    agreement = Agreement(
        id=new_id("agr"),
        title=agreement_in.title,
        concluded_on=agreement_in.concluded_on,
        venue=agreement_in.venue,
        negotiation_round=agreement_in.negotiation_round,
        notes=agreement_in.notes,
        sources=[s.model_dump(mode="json") for s in agreement_in.sources],
        revision=0,
        created_at=now,
        updated_at=now,
        changed_at=now,
        created_by=caller.key_id,
    )
    session.add(agreement)
    session.flush()
    _record_titles(session, agreement_id=agreement.id, titles=other_titles)
    for position, party_id in enumerate(members):
        role = PartyRole.party if position < len(agreement_in.parties) else PartyRole.intermediary
        session.add(AgreementParty(agreement_id=agreement.id, party_id=party_id, role=role.value, position=position))
    bound = set(agreement_in.parties)
    for position, commitment_in in enumerate(agreement_in.commitments):
        _add_commitment(
            session,
            agreement=agreement,
            commitment_in=commitment_in,
            position=position,
            bound=bound,
        )
    session.flush()
    refresh_status(session, agreement=agreement, policy=policy)
    emit(session, event_type="agreement.created", payload=agreement_payload(agreement))
    return agreement


def _other_titles(title: str, titles: dict[str, str]) -> dict[str, str]:
    """The titles in languages other than English; an English one that is not `title` is refused."""
    if titles.get(DEFAULT_LANGUAGE, title) != title:
        message = "titles.en must be the same as title (the English title)"
        raise InvalidInput(
            f"{message[0].upper()}{message[1:]}.",
            errors=[{"location": ["body", "titles", DEFAULT_LANGUAGE], "message": message, "type": "title_mismatch"}],
        )
    return {language: text for language, text in titles.items() if language != DEFAULT_LANGUAGE}


def _record_titles(session: Session, *, agreement_id: str, titles: dict[str, str]) -> None:
    session.add_all(
        AgreementTitle(agreement_id=agreement_id, language=language, title=text)
        for language, text in sorted(titles.items())
    )


def get_agreement(session: Session, *, agreement_id: str) -> Agreement:
    """One agreement, or NotFound (a record of handovers outside agreements is no agreement)."""
    agreement = session.get(Agreement, agreement_id)
    if agreement is None or agreement.kind != AgreementKind.agreement:
        raise NotFound(f"No agreement with id {agreement_id!r}.")
    return agreement


def get_agreement_for_update(session: Session, *, agreement_id: str) -> Agreement:
    """One agreement locked for a change of its own (its fields, terms, announcements), or NotFound."""
    agreement = get_record_for_update(session, agreement_id=agreement_id)
    if agreement.kind != AgreementKind.agreement:
        raise NotFound(f"No agreement with id {agreement_id!r}.")
    return agreement


def get_record_for_update(session: Session, *, agreement_id: str) -> Agreement:
    """An agreement, or a record of handovers outside agreements, locked to record or review a handover in it."""
    agreement = lock_agreement(session, agreement_id=agreement_id)
    if agreement is None:
        raise NotFound(f"No agreement with id {agreement_id!r}.")
    return agreement


def bound_party_ids(session: Session, *, agreement_id: str) -> list[str]:
    """The parties bound by an agreement (not its intermediaries), in order."""
    return bound_party_ids_of(session, agreement_ids=[agreement_id]).get(agreement_id, [])


def bound_party_ids_of(session: Session, *, agreement_ids: Sequence[str]) -> dict[str, list[str]]:
    """The parties bound by each of these agreements (not their intermediaries), in order, in one query."""
    bound: dict[str, list[str]] = {}
    for agreement_id, party_id in session.exec(
        select(AgreementParty.agreement_id, AgreementParty.party_id)
        .where(one_of(col(AgreementParty.agreement_id), "ids"), AgreementParty.role == PartyRole.party.value)
        .order_by(col(AgreementParty.agreement_id), col(AgreementParty.position)),
        params={"ids": list(agreement_ids)},
    ):
        bound.setdefault(agreement_id, []).append(party_id)
    return bound


def add_commitment(
    session: Session, *, agreement_id: str, commitment_in: CommitmentCreate, policy: StatusPolicy
) -> Commitment:
    """Add a term to an agreement."""
    agreement = get_agreement_for_update(session, agreement_id=agreement_id)
    known = get_parties(session, party_ids=[t.recipient_id for t in commitment_in.targets])
    for target in commitment_in.targets:
        if target.recipient_id not in known:
            raise NotFound(f"No party with id {target.recipient_id!r}.")
    position = session.exec(
        select(func.count()).select_from(Commitment).where(Commitment.agreement_id == agreement_id)
    ).one()
    commitment = _add_commitment(
        session,
        agreement=agreement,
        commitment_in=commitment_in,
        position=position,
        bound=set(bound_party_ids(session, agreement_id=agreement_id)),
    )
    agreement.updated_at = datetime.now(UTC)
    session.flush()
    refresh_status(session, agreement=agreement, policy=policy)
    emit(session, event_type="agreement.updated", payload=agreement_payload(agreement))
    return commitment


def revision_of_etag(etag: str) -> int | None:
    """The revision an agreement ETag names, whatever day it was issued."""
    value = etag.strip().removeprefix("W/").strip('"')
    if not value.startswith("r"):
        return None
    head = value[1:].split(".", 1)[0]
    return int(head) if head.isdigit() else None


def update_agreement(
    session: Session,
    *,
    agreement_id: str,
    changes: AgreementUpdate,
    if_match: str | None,
    if_none_match: str | None,
    policy: StatusPolicy,
) -> Agreement:
    """Change an agreement's description; a precondition the current revision fails is PreconditionFailed."""
    agreement = get_agreement_for_update(session, agreement_id=agreement_id)

    def names_current(tag: str) -> bool:
        return revision_of_etag(tag) == agreement.revision

    if if_match_refuses(if_match, names_current):
        raise PreconditionFailed(
            f"Agreement {agreement_id!r} is at revision {agreement.revision}; If-Match names another."
        )
    if if_none_match_refuses(if_none_match, names_current):
        raise PreconditionFailed(f"Agreement {agreement_id!r} exists at revision {agreement.revision}.")
    values = changes.model_dump(exclude_unset=True)
    if "title" in values and values["title"] is None:
        raise InvalidInput("title cannot be removed.")
    titles = values.pop("titles", None)
    if titles is not None:
        # An English title alone in `titles` renames the agreement as `title` would.
        values.setdefault("title", titles.get(DEFAULT_LANGUAGE, agreement.title))
        other_titles = _other_titles(values["title"], titles)
        for kept in session.exec(select(AgreementTitle).where(AgreementTitle.agreement_id == agreement_id)):
            session.delete(kept)
        session.flush()
        _record_titles(session, agreement_id=agreement_id, titles=other_titles)
    if "concluded_on" in values:
        if values["concluded_on"] is None:
            raise InvalidInput("concluded_on cannot be removed.")
        _check_concluded_on(values["concluded_on"], today=date.today())
        refuse_records_dated_before(session, agreement_id=agreement_id, concluded_on=values["concluded_on"])
    if "sources" in values:
        values["sources"] = [s.model_dump(mode="json") for s in changes.sources or []]
    agreement.sqlmodel_update(values)
    agreement.updated_at = datetime.now(UTC)
    session.add(agreement)
    session.flush()
    refresh_status(session, agreement=agreement, policy=policy)
    emit(session, event_type="agreement.updated", payload=agreement_payload(agreement))
    return agreement


# How many conflicting records of each kind a refusal names; the detail says when there are more.
CONFLICTS_NAMED = 10


def refuse_records_dated_before(session: Session, *, agreement_id: str, concluded_on: date) -> None:
    """Refuse a conclusion date later than any date already recorded under the agreement.

    Every dated record counts: a term's due date, a declaration of completion (withdrawn or not),
    an announced total's date and an update's occurred date (corrected ones too). The refusal names
    each conflicting record and its date; nothing is written.
    """
    kinds = (
        (
            "commitment",
            "due_on",
            "is due on",
            select(col(Commitment.id), col(Commitment.due_on)).where(
                Commitment.agreement_id == agreement_id, col(Commitment.due_on) < concluded_on
            ),
            col(Commitment.due_on),
            col(Commitment.id),
        ),
        (
            "commitment",
            "completed_on",
            "was declared complete as of",
            select(col(Commitment.id), col(CommitmentDeclaration.effective_on))
            .join(Commitment, col(Commitment.id) == col(CommitmentDeclaration.commitment_id))
            .where(
                Commitment.agreement_id == agreement_id,
                col(CommitmentDeclaration.effective_on) < concluded_on,
            ),
            col(CommitmentDeclaration.effective_on),
            col(CommitmentDeclaration.id),
        ),
        (
            "announced_total",
            "stated_on",
            "was stated on",
            select(col(AnnouncedTotal.id), col(AnnouncedTotal.stated_on)).where(
                AnnouncedTotal.agreement_id == agreement_id, col(AnnouncedTotal.stated_on) < concluded_on
            ),
            col(AnnouncedTotal.stated_on),
            col(AnnouncedTotal.id),
        ),
        (
            "fulfilment_update",
            "occurred_on",
            "occurred on",
            select(col(FulfilmentUpdate.id), col(FulfilmentUpdate.occurred_on)).where(
                FulfilmentUpdate.agreement_id == agreement_id, col(FulfilmentUpdate.occurred_on) < concluded_on
            ),
            col(FulfilmentUpdate.occurred_on),
            col(FulfilmentUpdate.id),
        ),
    )
    conflicts: list[tuple[str, str]] = []  # (ISO date, what), so the earliest sorts first
    errors: list[dict[str, Any]] = []
    more = False
    for kind, field, verb, query, by_date, by_id in kinds:
        rows = session.exec(query.order_by(by_date, by_id).limit(CONFLICTS_NAMED + 1)).all()
        more = more or len(rows) > CONFLICTS_NAMED
        for record_id, dated in rows[:CONFLICTS_NAMED]:
            message = f"{kind} {record_id} {verb} {dated}"
            conflicts.append((str(dated), message))
            errors.append(
                {
                    "location": ["body", "concluded_on"],
                    "message": f"{message} ({field}), before concluded_on {concluded_on}",
                    "type": "date_conflict",
                }
            )
    if not conflicts:
        return
    earliest = min(conflicts)[1]
    detail = (
        f"concluded_on {concluded_on} is later than {'at least ' if more else ''}{len(conflicts)} date(s) "
        f"already recorded under agreement {agreement_id!r}; the earliest: {earliest}. "
        "Nothing was changed."
    )
    raise InvalidInput(detail, errors=errors)


@dataclass(frozen=True)
class AgreementFilter:
    """Which agreements a list or an export holds: every filter given must match; several values of one
    filter (states, categories) match any of them."""

    states: tuple[State, ...] = ()
    party_id: str | None = None
    categories: tuple[Category, ...] = ()
    concluded_from: date | None = None
    concluded_to: date | None = None
    q: str | None = None
    changed_since: datetime | None = None
    # The records of handovers outside any agreement too: only summaries count them, never a list.
    outside: bool = False

    def conditions(self, *, policy: StatusPolicy, today: date) -> list[ColumnElement[bool]]:
        """The filters as SQL conditions over the agreement table."""
        conditions: list[ColumnElement[bool]] = []
        if not self.outside or self.states:  # a record outside agreements has no state
            conditions.append(col(Agreement.kind) == AgreementKind.agreement.value)
        if self.states:
            conditions.append(or_(*(in_state(state, policy=policy, today=today) for state in self.states)))
        if self.party_id is not None:
            conditions.append(
                exists().where(
                    col(AgreementParty.agreement_id) == col(Agreement.id), col(AgreementParty.party_id) == self.party_id
                )
            )
        if self.categories:
            conditions.append(
                exists().where(
                    col(Commitment.agreement_id) == col(Agreement.id),
                    col(Commitment.category).in_([c.value for c in self.categories]),
                )
            )
        if self.concluded_from is not None:
            conditions.append(col(Agreement.concluded_on) >= self.concluded_from)
        if self.concluded_to is not None:
            conditions.append(col(Agreement.concluded_on) <= self.concluded_to)
        if self.q:
            conditions.append(_matches(self.q))
        if self.changed_since is not None:
            conditions.append(col(Agreement.changed_at) >= self.changed_since)
        return conditions


def in_state(state: State, *, policy: StatusPolicy, today: date) -> ColumnElement[bool]:
    """Whether an agreement is in this state today, over its row (`state_condition` on the policy's columns)."""
    state_column, due_column = Agreement.progress_columns(policy.basis)
    return state_condition(
        state,
        progress_state=getattr(Agreement, state_column),
        open_due_on=getattr(Agreement, due_column),
        last_update_on=col(Agreement.last_update_on),
        today=today,
        stall_days=policy.stall_days,
    )


def _matches(q: str) -> ColumnElement[bool]:
    """Whether the words looked for appear, in any case and script, in an agreement's title (in any language),
    venue, round or notes, in one of its terms' descriptions or conditions, or in any name or alias of a party it
    binds or that mediates."""
    pattern = "%" + q.lower().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"

    def found(column: Any) -> ColumnElement[bool]:
        return folded(func.coalesce(column, literal(""))).like(pattern, escape="\\")

    return or_(
        *(
            found(column)
            for column in (
                col(Agreement.title),
                col(Agreement.venue),
                col(Agreement.notes),
                col(Agreement.negotiation_round),
            )
        ),
        exists().where(
            col(Commitment.agreement_id) == col(Agreement.id),
            or_(found(col(Commitment.description)), found(col(Commitment.condition))),
        ),
        exists().where(col(AgreementTitle.agreement_id) == col(Agreement.id), found(col(AgreementTitle.title))),
        # Every name a party goes by: its name in each language, its aliases, its country's names.
        exists().where(
            col(AgreementParty.agreement_id) == col(Agreement.id),
            col(PartyNameKey.party_id) == col(AgreementParty.party_id),
            found(col(PartyNameKey.name)),
        ),
    )


def facet_names(raw: Sequence[str]) -> tuple[FacetName, ...]:
    """The facets asked for, as `state,category` or the parameter repeated; an unknown name is refused."""
    names = [name.strip() for value in raw for name in value.split(",") if name.strip()]
    unknown = [name for name in names if name not in FacetName.__members__]
    if unknown:
        raise InvalidInput(
            f"facets: no facet called {unknown[0]!r}; ask for any of {', '.join(FacetName)}.",
            errors=[{"location": ["query", "facets"], "message": f"unknown facet {unknown[0]!r}", "type": "enum"}],
        )
    return tuple(dict.fromkeys(FacetName(name) for name in names))


def count_facets(
    session: Session, *, filters: AgreementFilter, names: Sequence[FacetName], policy: StatusPolicy
) -> AgreementFacets:
    """How many agreements matching the filters have each state, category and party, as asked."""
    today = date.today()
    matching = select(Agreement.id).where(*filters.conditions(policy=policy, today=today)).subquery()
    facets = AgreementFacets()
    if FacetName.state in names:
        counts = session.exec(
            select(
                *(
                    func.coalesce(func.sum(case((in_state(s, policy=policy, today=today), 1), else_=0)), 0)
                    for s in State
                )
            ).where(col(Agreement.id).in_(select(matching.c.id)))
        ).one()
        facets.state = [FacetCount(value=s.value, count=int(n)) for s, n in zip(State, counts, strict=True)]
    if FacetName.category in names:
        by_category = session.exec(
            select(Commitment.category, func.count(func.distinct(Commitment.agreement_id)))
            .where(col(Commitment.agreement_id).in_(select(matching.c.id)))
            .group_by(col(Commitment.category))
        ).all()
        order = {c.value: i for i, c in enumerate(Category)}
        facets.category = [
            FacetCount(value=category, count=count)
            for category, count in sorted(by_category, key=lambda r: order[r[0]])
        ]
    if FacetName.party in names:
        by_party = session.exec(
            select(Party.id, Party.name, func.count(func.distinct(AgreementParty.agreement_id)))
            .join(Party, col(Party.id) == col(AgreementParty.party_id))
            .where(col(AgreementParty.agreement_id).in_(select(matching.c.id)))
            .group_by(col(Party.id), col(Party.name))
        ).all()
        facets.party = [
            FacetCount(value=party_id, name=name, count=count)
            for party_id, name, count in sorted(by_party, key=lambda r: (-r[2], r[1].casefold(), r[0]))
        ]
    return facets


def list_agreements(
    session: Session,
    *,
    after: str | None,
    limit: int,
    filters: AgreementFilter,
    policy: StatusPolicy,
) -> list[Agreement]:
    """A page of agreements matching every filter given, in the order they were recorded."""
    query = select(Agreement).order_by(col(Agreement.id)).limit(limit + 1)
    if after is not None:
        query = query.where(col(Agreement.id) > after)
    query = query.where(*filters.conditions(policy=policy, today=date.today()))
    return list(session.exec(query))


def count_agreements(session: Session, *, filters: AgreementFilter, policy: StatusPolicy) -> int:
    """How many agreements match every filter given."""
    return count_of(session, select(Agreement).where(*filters.conditions(policy=policy, today=date.today())))


class _ShownAgreements:
    """Agreements as shown, kept by id and revision: every change bumps the revision, so a kept one is current."""

    def __init__(self, capacity: int = 4096) -> None:
        self._capacity = capacity
        self._shown: OrderedDict[tuple[str, int], AgreementPublic] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, agreement: Agreement) -> AgreementPublic | None:
        with self._lock:
            return self._shown.get((agreement.id, agreement.revision))

    def put(self, shown: AgreementPublic) -> None:
        with self._lock:
            self._shown[(shown.id, shown.revision)] = shown
            self._shown.move_to_end((shown.id, shown.revision))
            if len(self._shown) > self._capacity:
                self._shown.popitem(last=False)


_SHOWN = _ShownAgreements()


def to_public(
    session: Session, agreements: Sequence[Agreement], *, policy: StatusPolicy, committed: bool, language: str
) -> list[AgreementPublic]:
    """Agreements as the API shows them in a language, with today's state; built with a fixed number of queries,
    or kept (in every language: only the choice among the names is made here).

    `committed` says the rows are committed ones (a read), so what is built may be kept for later reads;
    a write's rows may still roll back, and a rolled-back revision must never be shown.
    """
    today = date.today()
    kept: dict[str, AgreementPublic] = {}
    for agreement in agreements:
        if (shown := _SHOWN.get(agreement)) is not None:
            kept[agreement.id] = shown
    for built in _build_public(session, [a for a in agreements if a.id not in kept]):
        kept[built.id] = built
        if committed:
            _SHOWN.put(built)
    return [
        _in_language(kept[a.id], language).model_copy(update={"state": agreement_state(a, today=today, policy=policy)})
        for a in agreements
    ]


def _in_language(shown: AgreementPublic, language: str) -> AgreementPublic:
    """An agreement as shown with its title and its parties' names in `language` (else in English)."""
    if language == DEFAULT_LANGUAGE:
        return shown

    def named(ref: PartyRef) -> PartyRef:
        return ref.model_copy(update={"name": in_language(ref.names, language, fallback=ref.name)})

    return shown.model_copy(
        update={
            "title": in_language(shown.titles, language, fallback=shown.title),
            "parties": [named(ref) for ref in shown.parties],
            "intermediaries": [named(ref) for ref in shown.intermediaries],
        }
    )


def _build_public(session: Session, agreements: Sequence[Agreement]) -> list[AgreementPublic]:
    ids = [a.id for a in agreements]
    if not ids:
        return []
    members: dict[str, list[AgreementParty]] = {i: [] for i in ids}
    for member in session.exec(
        select(AgreementParty).where(col(AgreementParty.agreement_id).in_(ids)).order_by(col(AgreementParty.position))
    ):
        members[member.agreement_id].append(member)
    parties = get_parties(session, party_ids={m.party_id for ms in members.values() for m in ms})
    titles: dict[str, dict[str, str]] = {a.id: {DEFAULT_LANGUAGE: a.title} for a in agreements}
    for other in session.exec(select(AgreementTitle).where(col(AgreementTitle.agreement_id).in_(ids))):
        titles[other.agreement_id][other.language] = other.title
    commitments: dict[str, list[Commitment]] = {i: [] for i in ids}
    for commitment in session.exec(
        select(Commitment).where(col(Commitment.agreement_id).in_(ids)).order_by(col(Commitment.position))
    ):
        commitments[commitment.agreement_id].append(commitment)
    commitment_ids = [c.id for cs in commitments.values() for c in cs]
    targets: dict[str, list[CommitmentTarget]] = {c: [] for c in commitment_ids}
    if commitment_ids:
        for target in session.exec(
            select(CommitmentTarget).where(col(CommitmentTarget.commitment_id).in_(commitment_ids))
        ):
            targets[target.commitment_id].append(target)

    def ref(party_id: str) -> PartyRef:
        party = parties[party_id]
        return PartyRef(
            id=party.id,
            name=party.name,
            names=party_names(party),
            country_code=party.country_code,
            country_code_alpha3=alpha_3(party.country_code),
        )

    return [
        AgreementPublic(
            id=a.id,
            title=a.title,
            titles=titles[a.id],
            concluded_on=a.concluded_on,
            venue=a.venue,
            negotiation_round=a.negotiation_round,
            notes=a.notes,
            parties=[ref(m.party_id) for m in members[a.id] if m.role == PartyRole.party],
            intermediaries=[ref(m.party_id) for m in members[a.id] if m.role == PartyRole.intermediary],
            sources=[SourcePublic.model_validate(s) for s in a.sources],
            commitments=[commitment_public(c, targets[c.id]) for c in commitments[a.id]],
            state=State.not_started,  # the state of the day is set by `to_public`
            last_update_on=a.last_update_on,
            revision=a.revision,
            created_at=a.created_at,
            updated_at=a.updated_at,
            changed_at=a.changed_at,
        )
        for a in agreements
    ]


def commitment_public(commitment: Commitment, targets: Sequence[CommitmentTarget]) -> CommitmentPublic:
    """A commitment as the API shows it."""
    has_criteria = (commitment.age_min, commitment.age_max, commitment.condition) != (
        None,
        None,
        None,
    )
    return CommitmentPublic(
        id=commitment.id,
        agreement_id=commitment.agreement_id,
        category=Category(commitment.category),
        measure=Measure(commitment.measure),
        description=commitment.description,
        criteria=CriteriaPublic(age_min=commitment.age_min, age_max=commitment.age_max, condition=commitment.condition)
        if has_criteria
        else None,
        due_on=commitment.due_on,
        completed_on=commitment.completed_on,
        targets=[
            TargetPublic(
                recipient_id=t.recipient_id,
                quantity=t.quantity,
                qualifier=TargetQualifier(t.qualifier),
            )
            for t in targets
        ],
        created_at=commitment.created_at,
    )


def get_commitment_public(session: Session, *, commitment: Commitment) -> CommitmentPublic:
    """One commitment as shown, with its targets."""
    targets = session.exec(select(CommitmentTarget).where(CommitmentTarget.commitment_id == commitment.id)).all()
    return commitment_public(commitment, targets)


def _commitment_for_update(session: Session, *, commitment_id: str) -> tuple[Commitment, Agreement]:
    commitment = session.get(Commitment, commitment_id)
    if commitment is None:
        raise NotFound(f"No commitment with id {commitment_id!r}.")
    agreement = get_agreement_for_update(session, agreement_id=commitment.agreement_id)
    session.refresh(commitment)
    return commitment, agreement


def declare_complete(
    session: Session, *, commitment_id: str, completion_in: CompletionCreate, caller: Caller, policy: StatusPolicy
) -> Commitment:
    """Declare an all-for-all term complete, with its source: only then is it fulfilled."""
    commitment, agreement = _commitment_for_update(session, commitment_id=commitment_id)
    if commitment.measure != Measure.all_for_all:
        raise InvalidInput("Only all-for-all terms are declared complete; a target is fulfilled by its figures.")
    if commitment.completed_on is not None:
        raise Conflict(f"Commitment {commitment_id!r} was already declared complete on {commitment.completed_on}.")
    if not agreement.concluded_on <= completion_in.completed_on <= date.today():
        raise InvalidInput("completed_on must fall between the agreement's conclusion and today.")
    source = completion_in.source
    session.add(
        CommitmentDeclaration(
            commitment_id=commitment.id,
            action="complete",
            effective_on=completion_in.completed_on,
            reason=completion_in.note or "declared complete",
            source_url=source.url,
            source_title=source.title,
            source_publisher=source.publisher,
            declared_by=caller.key_id,
            declared_at=datetime.now(UTC),
        )
    )
    commitment.completed_on = completion_in.completed_on
    session.add(commitment)
    session.flush()
    refresh_status(session, agreement=agreement, policy=policy)
    return commitment


def reopen(
    session: Session, *, commitment_id: str, reopening_in: ReopeningCreate, caller: Caller, policy: StatusPolicy
) -> Commitment:
    """Withdraw a declaration of completion, with a reason."""
    commitment, agreement = _commitment_for_update(session, commitment_id=commitment_id)
    if commitment.completed_on is None:
        raise Conflict(f"Commitment {commitment_id!r} is not declared complete.")
    session.add(
        CommitmentDeclaration(
            commitment_id=commitment.id,
            action="reopen",
            reason=reopening_in.reason,
            declared_by=caller.key_id,
            declared_at=datetime.now(UTC),
        )
    )
    commitment.completed_on = None
    session.add(commitment)
    session.flush()
    refresh_status(session, agreement=agreement, policy=policy)
    return commitment
