"""Rules for fulfilment updates: validated against the agreement, counted once per handover, never edited."""

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any

import orjson
from pydantic import BaseModel
from sqlalchemy import bindparam, insert, tuple_
from sqlalchemy import select as sa_select
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, SQLModel, col, select

from app.agreements.service import bound_party_ids_of, get_agreement, get_record_for_update
from app.audit.service import log_entries, note_created_by, writer_of
from app.core.db import (
    core,
    count_of,
    defer_inserts,
    insert_deferred,
    insert_gathered,
    insert_later,
    one_of,
    table_of,
)
from app.core.errors import Conflict, Forbidden, IdempotencyKeyReused, InvalidInput, NotFound
from app.core.ids import new_id
from app.core.writer import Batch, GroupWriter
from app.keys.models import Role
from app.keys.service import Caller
from app.models.agreement import Agreement, Commitment, CommitmentTarget
from app.models.update import FulfilmentUpdate, IdempotencyRecord, UpdateLine
from app.models.values import Measure, ReviewState, SourcePublic
from app.parties.service import get_parties
from app.status.policy import StatusPolicy
from app.status.service import defer_refreshes, lock_agreements, refresh_deferred, refresh_figures, refresh_status
from app.status.totals import claim_of, settle_handover, settle_new_handover
from app.updates.models import CorrectionCreate, LineIn, LinePublic, UpdateCreate, UpdatePublic
from app.webhooks.events import emit


@dataclass(frozen=True)
class Recorded:
    """The answer to a posted update: the update, and whether it replays an earlier request."""

    update: UpdatePublic
    replayed: bool


def request_hash(scope: str, body: BaseModel) -> str:
    """What an Idempotency-Key is bound to: the operation's scope and the body, canonically."""
    canonical = orjson.dumps({"scope": scope, "body": body.model_dump(mode="json")}, option=orjson.OPT_SORT_KEYS)
    return hashlib.sha256(canonical).hexdigest()


RECORDS = table_of(IdempotencyRecord)
# The write path's plain statements, built once.
EARLIER_ANSWER = sa_select(RECORDS.c.request_hash, RECORDS.c.response_body).where(
    RECORDS.c.key_owner == bindparam("owner"), RECORDS.c.idempotency_key == bindparam("key")
)
EARLIER_ANSWERS = sa_select(RECORDS.c.idempotency_key, RECORDS.c.request_hash, RECORDS.c.response_body).where(
    RECORDS.c.key_owner == bindparam("owner"), one_of(RECORDS.c.idempotency_key, "keys")
)
REMEMBER = insert(RECORDS)
REPLAYS = "earlier_answers"
NEW_UPDATE = insert(table_of(FulfilmentUpdate))
NEW_LINES = insert(table_of(UpdateLine)).returning(table_of(UpdateLine).c.id, sort_by_parameter_order=True)


def _replay(session: Session, *, owner: str, idempotency_key: str | None, request_hash: str) -> Recorded | None:
    if idempotency_key is None:
        return None
    looked_up: dict[tuple[str, str], Any] = session.info.get(REPLAYS, {})
    if (owner, idempotency_key) in looked_up:
        earlier = looked_up.pop((owner, idempotency_key))
    else:
        earlier = core(session, EARLIER_ANSWER, {"owner": owner, "key": idempotency_key}).first()
    if earlier is None:
        return None
    if earlier.request_hash != request_hash:
        raise IdempotencyKeyReused("This Idempotency-Key was already used with a different request.")
    return Recorded(update=UpdatePublic.model_validate_json(earlier.response_body), replayed=True)


def _remember(
    session: Session, *, owner: str, idempotency_key: str | None, request_hash: str, public: UpdatePublic
) -> None:
    if idempotency_key is None:
        return
    try:
        insert_later(
            session,
            REMEMBER,
            [
                {
                    "key_owner": owner,
                    "idempotency_key": idempotency_key,
                    "request_hash": request_hash,
                    "status_code": 201,
                    "response_body": public.model_dump_json(),
                    "resource_id": public.id,
                    "created_at": public.created_at,
                }
            ],
        )
    except IntegrityError as exc:  # the same key is being recorded by a concurrent request
        raise Conflict("A request with this Idempotency-Key is being recorded; retry shortly.") from exc


def occurred_on_problem(occurred_on: date, *, concluded_on: date, today: date) -> str | None:
    """Why a handover cannot have happened on this day under an agreement concluded on another, or None."""
    if occurred_on > today:
        return f"{occurred_on} is in the future"
    if occurred_on < concluded_on:
        return f"{occurred_on} is before the agreement was concluded ({concluded_on})"
    return None


def _check_date(occurred_on: date, *, agreement: Agreement) -> None:
    problem = occurred_on_problem(occurred_on, concluded_on=agreement.concluded_on, today=date.today())
    if problem is not None:
        raise InvalidInput(f"occurred_on {problem}.")


@dataclass(frozen=True)
class Terms:
    """What an agreement allows a line to name: its bound parties, its terms and each term's targets."""

    agreement_id: str
    bound: frozenset[str]
    measures: dict[str, str]
    targets: dict[str, frozenset[str]]


TERMS = "agreement_terms"


def _load_terms(session: Session, agreement_ids: Sequence[str]) -> dict[str, Terms]:
    """The terms of these agreements, in three queries whatever their number."""
    ids = list(agreement_ids)
    measures: dict[str, dict[str, str]] = {agreement_id: {} for agreement_id in ids}
    targets: dict[str, set[str]] = {}
    for agreement_id, commitment_id, measure in session.exec(
        select(Commitment.agreement_id, Commitment.id, Commitment.measure).where(
            one_of(col(Commitment.agreement_id), "ids")
        ),
        params={"ids": ids},
    ):
        measures[agreement_id][commitment_id] = measure
        targets[commitment_id] = set()
    if targets:
        for commitment_id, recipient_id in session.exec(
            select(CommitmentTarget.commitment_id, CommitmentTarget.recipient_id).where(
                one_of(col(CommitmentTarget.commitment_id), "ids")
            ),
            params={"ids": list(targets)},
        ):
            targets[commitment_id].add(recipient_id)
    bound = bound_party_ids_of(session, agreement_ids=ids)
    return {
        agreement_id: Terms(
            agreement_id=agreement_id,
            bound=frozenset(bound.get(agreement_id, [])),
            measures=measures[agreement_id],
            targets={commitment_id: frozenset(targets[commitment_id]) for commitment_id in measures[agreement_id]},
        )
        for agreement_id in ids
    }


def terms_of(session: Session, *, agreement_id: str) -> Terms:
    """An agreement's terms, read once per transaction (they change only in a transaction of their own)."""
    cache: dict[str, Terms] = session.info.setdefault(TERMS, {})
    terms = cache.get(agreement_id)
    if terms is None:
        terms = cache[agreement_id] = _load_terms(session, [agreement_id])[agreement_id]
    return terms


def replay_hint(caller: Caller, idempotency_key: str | None) -> tuple[str, str] | None:
    """What a posted update tells its batch it will look up: the owner and the Idempotency-Key, if any."""
    return (_owner(caller), idempotency_key) if idempotency_key is not None else None


async def submit_update(
    writer: GroupWriter,
    *,
    agreement_id: str,
    update_in: UpdateCreate,
    caller: Caller,
    idempotency_key: str | None,
    policy: StatusPolicy,
) -> Recorded:
    """Queue an update for the group writer (`record_update` in the next batch); its answer once committed."""
    return await writer.submit(
        lambda session: record_update(
            session,
            agreement_id=agreement_id,
            update_in=update_in,
            caller=caller,
            idempotency_key=idempotency_key,
            policy=policy,
        ),
        actor=caller,
        order=agreement_id,
        hint=replay_hint(caller, idempotency_key),
    )


def _owner(caller: Caller) -> str:
    return caller.key_id or "anonymous"


def prepare_batch(session: Session, batch: Batch) -> None:
    """At the start of a batch of writes: lock the agreements it writes to, read their terms and the earlier
    answers to its Idempotency-Keys, each in one query, and defer their status documents to its end; unless
    each write is isolated in a savepoint, their rows too, written together (`finish_batch`)."""
    agreement_ids = batch.orders
    if not batch.isolated:
        defer_inserts(session)
        # Looked up once: a key used twice in the batch is asked for again, and its clash reruns the batch.
        pairs = [hint for hint in batch.hints if isinstance(hint, tuple)]
        looked_up: dict[tuple[str, str], Any] = dict.fromkeys(pairs)
        by_owner: dict[str, list[str]] = {}
        for owner, key in pairs:
            by_owner.setdefault(owner, []).append(key)
        for owner, keys in by_owner.items():  # by owner and key, as the unique index reads
            for row in core(session, EARLIER_ANSWERS, {"owner": owner, "keys": keys}):
                looked_up[(owner, row.idempotency_key)] = row
        session.info[REPLAYS] = looked_up
    defer_refreshes(session)
    lock_agreements(session, agreement_ids=agreement_ids)
    session.info.setdefault(TERMS, {}).update(_load_terms(session, agreement_ids))


def finish_batch(session: Session) -> None:
    """At the end of a batch of writes: their rows written together, then each touched agreement refreshed."""
    insert_deferred(session)
    refresh_deferred(session)


def check_lines(session: Session, *, agreement_id: str, lines: Sequence[LineIn], label: str = "lines") -> None:
    """Every line names a party bound by the agreement and, if any, one of its terms with a target for that party."""
    terms = terms_of(session, agreement_id=agreement_id)
    for index, line in enumerate(lines):
        where = f"{label}[{index}]"
        if line.recipient_id not in terms.bound:
            if not get_parties(session, party_ids=[line.recipient_id]):
                raise NotFound(f"{where}: no party with id {line.recipient_id!r}.")
            raise InvalidInput(f"{where}: party {line.recipient_id!r} is not bound by agreement {agreement_id!r}.")
        if line.commitment_id is None:
            continue
        measure = terms.measures.get(line.commitment_id)
        if measure is None:
            if session.get(Commitment, line.commitment_id) is None:
                raise NotFound(f"{where}: no commitment with id {line.commitment_id!r}.")
            raise InvalidInput(
                f"{where}: commitment {line.commitment_id!r} is a term of another agreement, not {agreement_id!r}."
            )
        if measure == Measure.target and line.recipient_id not in terms.targets[line.commitment_id]:
            raise InvalidInput(
                f"{where}: commitment {line.commitment_id!r} sets no target for party {line.recipient_id!r}."
            )


def _insert(
    session: Session,
    *,
    agreement_id: str,
    body: UpdateCreate | CorrectionCreate,
    caller: Caller,
    handover_id: str | None,
    claim: str | None,
    supersedes: str | None,
) -> tuple[FulfilmentUpdate, list[UpdateLine]]:
    source = body.source
    update_id = new_id("upd")
    now = datetime.now(UTC)
    # Built from values the API has validated, and only written by plain inserts: no second validation.
    update = FulfilmentUpdate.model_construct(
        id=update_id,
        agreement_id=agreement_id,
        occurred_on=body.occurred_on,
        stage=body.stage,
        location=body.location,
        note=body.note,
        source_url=source.url,
        source_title=source.title,
        source_publisher=source.publisher,
        source_published_on=source.published_on,
        created_at=now,
        changed_at=now,
        created_by=caller.key_id,
        handover_id=handover_id or update_id,
        claim_of=claim,
        supersedes=supersedes,
        correction_reason=body.reason if isinstance(body, CorrectionCreate) else None,
        review_state=ReviewState.reported.value,
    )
    line_values: list[dict[str, Any]] = [
        {
            "update_id": update_id,
            "commitment_id": line.commitment_id,
            "recipient_id": line.recipient_id,
            "quantity": line.quantity,
            "qualifier": line.qualifier.value,
        }
        for line in body.lines
    ]
    # Plain inserts, in the order the foreign keys want (within a batch, with its other updates' rows); the
    # audit records them as the ORM's own would be, once the lines are numbered.
    writer = writer_of(session)

    def numbered(line_ids: list[Any]) -> None:
        stored = [UpdateLine.model_construct(id=i, **values) for i, values in zip(line_ids, line_values, strict=True)]
        note_created_by(session, [update, *stored], actor=writer)

    insert_later(session, NEW_UPDATE, [_row(update)])
    insert_later(session, NEW_LINES, line_values, returned=numbered)
    return update, [UpdateLine.model_construct(id=None, **values) for values in line_values]


def _row(record: SQLModel) -> dict[str, Any]:
    """A new record's column values, leaving out a key the database numbers."""
    table = table_of(type(record))
    return {
        column.key: getattr(record, column.key)
        for column in table.columns
        if not (column.autoincrement is True and getattr(record, column.key) is None)
    }


def _linked_update(session: Session, *, update_id: str, agreement_id: str) -> FulfilmentUpdate:
    linked = session.get(FulfilmentUpdate, update_id)
    if linked is None:
        raise NotFound(f"claim_of: no fulfilment update with id {update_id!r}.")
    if linked.agreement_id != agreement_id:
        raise InvalidInput(
            f"claim_of: update {update_id!r} reports a handover of agreement {linked.agreement_id!r}, "
            f"not of {agreement_id!r}."
        )
    return linked


def record_update(
    session: Session,
    *,
    agreement_id: str,
    update_in: UpdateCreate,
    caller: Caller,
    idempotency_key: str | None,
    policy: StatusPolicy,
) -> Recorded:
    """Record a handover (or another claim about one) and move the totals in the same transaction."""
    body_hash = request_hash(f"update:{agreement_id}", update_in)
    owner = _owner(caller)
    # Locking first means a concurrent retry waits here, then finds the first request's record.
    agreement = get_record_for_update(session, agreement_id=agreement_id)
    replayed = _replay(session, owner=owner, idempotency_key=idempotency_key, request_hash=body_hash)
    if replayed is not None:
        return replayed
    _check_date(update_in.occurred_on, agreement=agreement)
    linked = (
        _linked_update(session, update_id=update_in.claim_of, agreement_id=agreement_id)
        if update_in.claim_of is not None
        else None
    )
    check_lines(session, agreement_id=agreement_id, lines=update_in.lines)
    update, lines = _insert(
        session,
        agreement_id=agreement_id,
        body=update_in,
        caller=caller,
        handover_id=linked.handover_id if linked else None,
        claim=linked.id if linked else None,
        supersedes=None,
    )
    session.flush()
    if linked is None:
        settle_new_handover(
            session, agreement_id=agreement_id, handover_id=update.handover_id, claim=claim_of(update, lines)
        )
        refresh_figures(session, agreement=agreement, policy=policy)
    else:
        insert_gathered(session)  # the handover is weighed again from every claim: this one written first
        settle_handover(session, agreement_id=agreement_id, handover_id=update.handover_id)
        refresh_status(session, agreement=agreement, policy=policy)
    public = update_public(update, lines)
    emit(session, event_type="update.created", payload=update_payload(public))
    _remember(session, owner=owner, idempotency_key=idempotency_key, request_hash=body_hash, public=public)
    return Recorded(update=public, replayed=False)


def update_payload(update: UpdatePublic) -> dict[str, Any]:
    """What update events carry: enough to fetch the update and see what moved."""
    return {
        "update_id": update.id,
        "agreement_id": update.agreement_id,
        "handover_id": update.handover_id,
        "occurred_on": update.occurred_on.isoformat(),
        "review_state": update.review_state.value,
        "supersedes": update.supersedes,
    }


def correct_update(
    session: Session,
    *,
    update_id: str,
    correction_in: CorrectionCreate,
    caller: Caller,
    idempotency_key: str | None,
    policy: StatusPolicy,
) -> Recorded:
    """Record a corrected update that supersedes an earlier one; the totals move in the same transaction."""
    original = session.get(FulfilmentUpdate, update_id)
    if original is None:
        raise NotFound(f"No fulfilment update with id {update_id!r}.")
    body_hash = request_hash(f"correction:{update_id}", correction_in)
    owner = _owner(caller)
    agreement = get_record_for_update(session, agreement_id=original.agreement_id)
    replayed = _replay(session, owner=owner, idempotency_key=idempotency_key, request_hash=body_hash)
    if replayed is not None:
        return replayed
    session.refresh(original)
    if caller.role is None or (caller.role.rank < Role.editor.rank and original.created_by != caller.key_id):
        raise Forbidden(
            f"Update {update_id!r} was posted by another key: a monitor corrects only its own updates; "
            "post a further claim about the handover (claim_of), or ask an editor."
        )
    if original.superseded_by is not None:
        raise Conflict(
            f"Update {update_id!r} was already superseded by {original.superseded_by!r}; correct that one instead."
        )
    _check_date(correction_in.occurred_on, agreement=agreement)
    check_lines(session, agreement_id=agreement.id, lines=correction_in.lines)
    update, lines = _insert(
        session,
        agreement_id=agreement.id,
        body=correction_in,
        caller=caller,
        handover_id=original.handover_id,
        claim=original.claim_of,
        supersedes=original.id,
    )
    original.superseded_by = update.id
    original.changed_at = update.created_at
    session.add(original)
    session.flush()
    settle_handover(session, agreement_id=agreement.id, handover_id=original.handover_id)
    refresh_status(session, agreement=agreement, policy=policy)
    public = update_public(update, lines)
    emit(session, event_type="update.corrected", payload=update_payload(public))
    _remember(session, owner=owner, idempotency_key=idempotency_key, request_hash=body_hash, public=public)
    return Recorded(update=public, replayed=False)


def update_public(update: FulfilmentUpdate, lines: Sequence[UpdateLine]) -> UpdatePublic:
    """An update as the API shows it."""
    return UpdatePublic(
        id=update.id,
        agreement_id=update.agreement_id,
        occurred_on=update.occurred_on,
        stage=update.stage,
        location=update.location,
        note=update.note,
        source=SourcePublic.of(update),
        lines=[LinePublic.of(line) for line in lines],
        created_at=update.created_at,
        created_by=update.created_by,
        handover_id=update.handover_id,
        claim_of=update.claim_of,
        supersedes=update.supersedes,
        superseded_by=update.superseded_by,
        correction_reason=update.correction_reason,
        review_state=ReviewState(update.review_state),
        reviewed_at=update.reviewed_at,
        changed_at=update.changed_at,
    )


def with_lines(session: Session, updates: Sequence[FulfilmentUpdate]) -> list[UpdatePublic]:
    """Updates as shown, their lines loaded in one query."""
    ids = [u.id for u in updates]
    lines: dict[str, list[UpdateLine]] = {i: [] for i in ids}
    if ids:
        for line in session.exec(
            select(UpdateLine).where(col(UpdateLine.update_id).in_(ids)).order_by(col(UpdateLine.id))
        ):
            lines[line.update_id].append(line)
    entries = log_entries(session, entity_type=table_of(FulfilmentUpdate).name, entity_ids=ids)
    return [update_public(u, lines[u.id]).model_copy(update={"log_entry": entries.get(u.id)}) for u in updates]


def get_update_row(session: Session, *, update_id: str) -> FulfilmentUpdate:
    """One update row, or NotFound."""
    update = session.get(FulfilmentUpdate, update_id)
    if update is None:
        raise NotFound(f"No fulfilment update with id {update_id!r}.")
    return update


def get_update(session: Session, *, update_id: str) -> UpdatePublic:
    """One update with its lines, or NotFound."""
    return with_lines(session, [get_update_row(session, update_id=update_id)])[0]


def _updates_query(
    session: Session,
    *,
    agreement_id: str | None,
    review_state: ReviewState | None,
    handover_id: str | None,
    changed_since: datetime | None,
) -> Any:
    query = select(FulfilmentUpdate)
    if changed_since is not None:
        query = query.where(col(FulfilmentUpdate.changed_at) >= changed_since)
    if agreement_id is not None:
        get_agreement(session, agreement_id=agreement_id)
        query = query.where(FulfilmentUpdate.agreement_id == agreement_id)
    if review_state is not None:
        # A superseded update awaits no review: its correction does.
        query = query.where(
            FulfilmentUpdate.review_state == review_state.value, col(FulfilmentUpdate.superseded_by).is_(None)
        )
    if handover_id is not None:
        query = query.where(FulfilmentUpdate.handover_id == handover_id)
    return query


def list_updates(
    session: Session,
    *,
    agreement_id: str | None,
    review_state: ReviewState | None = None,
    handover_id: str | None = None,
    changed_since: datetime | None = None,
    after: str | None,
    limit: int,
) -> tuple[list[UpdatePublic], bool]:
    """A page of updates, first recorded first, and whether more follow."""
    # Recorded time, then id: an import may keep any service-shaped id, so ids alone could pin an update first.
    recorded = (col(FulfilmentUpdate.created_at), col(FulfilmentUpdate.id))
    query = _updates_query(
        session,
        agreement_id=agreement_id,
        review_state=review_state,
        handover_id=handover_id,
        changed_since=changed_since,
    )
    query = query.order_by(*recorded).limit(limit + 1)
    if after is not None:
        resumed_at = select(col(FulfilmentUpdate.created_at)).where(FulfilmentUpdate.id == after).scalar_subquery()
        query = query.where(tuple_(*recorded) > tuple_(resumed_at, after))
    updates = list(session.exec(query))
    return with_lines(session, updates[:limit]), len(updates) > limit


def count_updates(
    session: Session,
    *,
    agreement_id: str | None,
    review_state: ReviewState | None = None,
    handover_id: str | None = None,
    changed_since: datetime | None = None,
) -> int:
    """How many updates `list_updates` lists over all its pages."""
    query = _updates_query(
        session,
        agreement_id=agreement_id,
        review_state=review_state,
        handover_id=handover_id,
        changed_since=changed_since,
    )
    return count_of(session, query)
