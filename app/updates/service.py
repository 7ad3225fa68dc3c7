"""Rules for fulfilment updates: validated against the agreement, counted once, never edited."""

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime

import orjson
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col, select

from app.agreements.models import Commitment, CommitmentTarget, Measure, SourcePublic
from app.agreements.service import bound_party_ids, get_agreement, get_agreement_for_update
from app.core.errors import Conflict, IdempotencyKeyReused, InvalidInput, NotFound
from app.core.ids import new_id
from app.keys.service import Caller
from app.parties.service import get_parties
from app.status.service import LineFigure, apply_lines, refresh_status
from app.updates.models import (
    UNATTRIBUTED,
    FulfilmentUpdate,
    IdempotencyRecord,
    LinePublic,
    Qualifier,
    UpdateCreate,
    UpdateLine,
    UpdatePublic,
)
from app.webhooks.events import emit


@dataclass(frozen=True)
class Recorded:
    """The answer to a posted update: the update, and whether it replays an earlier request."""

    update: UpdatePublic
    replayed: bool


def _request_hash(agreement_id: str, update_in: UpdateCreate) -> str:
    canonical = orjson.dumps(
        {"agreement_id": agreement_id, "update": update_in.model_dump(mode="json")},
        option=orjson.OPT_SORT_KEYS,
    )
    return hashlib.sha256(canonical).hexdigest()


def _check_lines(session: Session, *, agreement_id: str, update_in: UpdateCreate) -> None:
    bound = set(bound_party_ids(session, agreement_id=agreement_id))
    commitment_ids = {line.commitment_id for line in update_in.lines if line.commitment_id is not None}
    commitments = (
        {c.id: c for c in session.exec(select(Commitment).where(col(Commitment.id).in_(commitment_ids)))}
        if commitment_ids
        else {}
    )
    targets: dict[str, set[str]] = {}
    if commitments:
        for target in session.exec(
            select(CommitmentTarget).where(col(CommitmentTarget.commitment_id).in_(list(commitments)))
        ):
            targets.setdefault(target.commitment_id, set()).add(target.recipient_id)
    unknown_recipients = {line.recipient_id for line in update_in.lines} - bound
    known_elsewhere = get_parties(session, party_ids=unknown_recipients) if unknown_recipients else {}
    for index, line in enumerate(update_in.lines):
        where = f"lines[{index}]"
        if line.recipient_id not in bound:
            if line.recipient_id not in known_elsewhere:
                raise NotFound(f"{where}: no party with id {line.recipient_id!r}.")
            raise InvalidInput(f"{where}: party {line.recipient_id!r} is not bound by agreement {agreement_id!r}.")
        if line.commitment_id is None:
            continue
        commitment = commitments.get(line.commitment_id)
        if commitment is None:
            raise NotFound(f"{where}: no commitment with id {line.commitment_id!r}.")
        if commitment.agreement_id != agreement_id:
            raise InvalidInput(
                f"{where}: commitment {line.commitment_id!r} is a term of another agreement, not {agreement_id!r}."
            )
        if commitment.measure == Measure.target and line.recipient_id not in targets.get(commitment.id, set()):
            raise InvalidInput(f"{where}: commitment {commitment.id!r} sets no target for party {line.recipient_id!r}.")


def record_update(
    session: Session,
    *,
    agreement_id: str,
    update_in: UpdateCreate,
    caller: Caller,
    idempotency_key: str | None,
) -> Recorded:
    """Record a handover and move the totals in the same transaction; replay a retried request."""
    request_hash = _request_hash(agreement_id, update_in)
    owner = caller.key_id or "anonymous"
    # Locking first means a concurrent retry waits here, then finds the first request's record.
    agreement = get_agreement_for_update(session, agreement_id=agreement_id)
    if idempotency_key is not None:
        earlier = session.get(IdempotencyRecord, (owner, idempotency_key))
        if earlier is not None:
            if earlier.request_hash != request_hash:
                raise IdempotencyKeyReused(
                    "This Idempotency-Key was already used with a different request body or agreement."
                )
            return Recorded(update=UpdatePublic.model_validate_json(earlier.response_body), replayed=True)

    today = date.today()
    if update_in.occurred_on > today:
        raise InvalidInput(f"occurred_on {update_in.occurred_on} is in the future.")
    if update_in.occurred_on < agreement.concluded_on:
        raise InvalidInput(
            f"occurred_on {update_in.occurred_on} is before the agreement was concluded ({agreement.concluded_on})."
        )
    _check_lines(session, agreement_id=agreement_id, update_in=update_in)

    source = update_in.source
    update = FulfilmentUpdate(
        id=new_id("upd"),
        agreement_id=agreement_id,
        occurred_on=update_in.occurred_on,
        stage=update_in.stage,
        location=update_in.location,
        note=update_in.note,
        source_url=source.url,
        source_title=source.title,
        source_publisher=source.publisher,
        source_published_on=source.published_on,
        created_at=datetime.now(UTC),
        created_by=caller.key_id,
    )
    session.add(update)
    lines = [
        UpdateLine(
            update_id=update.id,
            commitment_id=line.commitment_id,
            recipient_id=line.recipient_id,
            quantity=line.quantity,
            qualifier=line.qualifier.value,
        )
        for line in update_in.lines
    ]
    session.add_all(lines)
    apply_lines(
        session,
        agreement_id=agreement_id,
        occurred_on=update.occurred_on,
        lines=[
            LineFigure(line.commitment_id or UNATTRIBUTED, line.recipient_id, line.quantity, line.qualifier)
            for line in lines
        ],
    )
    refresh_status(session, agreement=agreement)
    public = update_public(update, lines)
    emit(session, event_type="update.created", payload=public.model_dump(mode="json"))
    if idempotency_key is not None:
        session.add(
            IdempotencyRecord(
                key_owner=owner,
                idempotency_key=idempotency_key,
                request_hash=request_hash,
                status_code=201,
                response_body=public.model_dump_json(),
                resource_id=update.id,
                created_at=update.created_at,
            )
        )
    try:
        session.flush()
    except IntegrityError as exc:  # the same key is being recorded by a concurrent request
        raise Conflict("A request with this Idempotency-Key is being recorded; retry shortly.") from exc
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
        source=SourcePublic(
            url=update.source_url,
            title=update.source_title,
            publisher=update.source_publisher,
            published_on=update.source_published_on,
        ),
        lines=[
            LinePublic(
                commitment_id=line.commitment_id,
                recipient_id=line.recipient_id,
                quantity=line.quantity,
                qualifier=Qualifier(line.qualifier),
            )
            for line in lines
        ],
        created_at=update.created_at,
        created_by=update.created_by,
    )


def _with_lines(session: Session, updates: Sequence[FulfilmentUpdate]) -> list[UpdatePublic]:
    ids = [u.id for u in updates]
    lines: dict[str, list[UpdateLine]] = {i: [] for i in ids}
    if ids:
        for line in session.exec(
            select(UpdateLine).where(col(UpdateLine.update_id).in_(ids)).order_by(col(UpdateLine.id))
        ):
            lines[line.update_id].append(line)
    return [update_public(u, lines[u.id]) for u in updates]


def get_update(session: Session, *, update_id: str) -> UpdatePublic:
    """One update with its lines, or NotFound."""
    update = session.get(FulfilmentUpdate, update_id)
    if update is None:
        raise NotFound(f"No fulfilment update with id {update_id!r}.")
    return _with_lines(session, [update])[0]


def list_updates(
    session: Session, *, agreement_id: str, after: str | None, limit: int
) -> tuple[list[UpdatePublic], bool]:
    """A page of an agreement's updates in the order they were recorded, and whether more follow."""
    get_agreement(session, agreement_id=agreement_id)
    query = (
        select(FulfilmentUpdate)
        .where(FulfilmentUpdate.agreement_id == agreement_id)
        .order_by(col(FulfilmentUpdate.id))
        .limit(limit + 1)
    )
    if after is not None:
        query = query.where(col(FulfilmentUpdate.id) > after)
    updates = list(session.exec(query))
    return _with_lines(session, updates[:limit]), len(updates) > limit
