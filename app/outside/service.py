"""Handovers outside any agreement: recorded in the record of their two parties, as claims like any other."""

import hashlib
from datetime import UTC, datetime

from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, select

from app.agreements.service import EARLIEST_DATE
from app.core.errors import Conflict, InvalidInput, NotFound
from app.core.ids import new_id
from app.keys.service import Caller
from app.models.agreement import Agreement, AgreementParty, Commitment
from app.models.values import AgreementKind, Category, Measure, PartyRole
from app.outside.models import OutsideHandoverCreate
from app.parties.service import get_parties
from app.status.policy import StatusPolicy
from app.updates.models import LineIn, UpdateCreate
from app.updates.service import Recorded, record_update


def record_id(party_ids: list[str]) -> str:
    """The id of the record of two parties' handovers outside agreements: the same for the pair in any order."""
    pair = "\n".join(sorted(party_ids))
    return "out_" + hashlib.sha256(pair.encode()).hexdigest()[:26]


def _record(session: Session, *, handover_in: OutsideHandoverCreate) -> Agreement:
    """The two parties' record, made on their first handover, with the intermediaries named so far."""
    named = [*handover_in.parties, *handover_in.intermediaries]
    known = get_parties(session, party_ids=named)
    missing = [party_id for party_id in named if party_id not in known]
    if missing:
        raise NotFound(f"No party with id {missing[0]!r}.")
    record = session.get(Agreement, record_id(handover_in.parties))
    if record is None:
        now = datetime.now(UTC)
        names = " and ".join(sorted(known[p].name for p in handover_in.parties))
        record = Agreement(
            id=record_id(handover_in.parties),
            kind=AgreementKind.outside.value,
            title=f"Handovers between {names} outside any agreement",
            concluded_on=EARLIEST_DATE,  # no agreement was concluded: any handover's day may be recorded
            sources=[],
            created_at=now,
            updated_at=now,
            changed_at=now,
        )
        session.add(record)
        try:
            session.flush()
        except IntegrityError as exc:  # a concurrent first handover of the same pair made it
            raise Conflict("The record of these two parties is being made by another request; retry.") from exc
        for position, party_id in enumerate(sorted(handover_in.parties)):
            session.add(
                AgreementParty(agreement_id=record.id, party_id=party_id, role=PartyRole.party, position=position)
            )
    elif record.kind != AgreementKind.outside:
        raise InvalidInput(f"{record.id!r} is an agreement, not a record of handovers outside agreements.")
    members = set(session.exec(select(AgreementParty.party_id).where(AgreementParty.agreement_id == record.id)))
    for party_id in handover_in.intermediaries:
        if party_id not in members:
            position = len(members)
            session.add(
                AgreementParty(
                    agreement_id=record.id, party_id=party_id, role=PartyRole.intermediary, position=position
                )
            )
            members.add(party_id)
    session.flush()
    return record


def _terms(session: Session, *, record: Agreement, categories: set[Category]) -> dict[Category, str]:
    """The record's term for each category, made when a handover first names it: all-for-all, never a target."""
    terms = {
        Category(category): commitment_id
        for commitment_id, category in session.exec(
            select(Commitment.id, Commitment.category).where(Commitment.agreement_id == record.id)
        )
    }
    position = len(terms)
    for category in sorted(categories - set(terms)):
        commitment = Commitment(
            id=new_id("cmt"),
            agreement_id=record.id,
            position=position,
            category=category.value,
            measure=Measure.all_for_all.value,
            description="Handovers of this category outside any agreement.",
            created_at=datetime.now(UTC),
        )
        session.add(commitment)
        terms[category] = commitment.id
        position += 1
    session.flush()
    return terms


def record_outside_handover(
    session: Session,
    *,
    handover_in: OutsideHandoverCreate,
    caller: Caller,
    idempotency_key: str | None,
    policy: StatusPolicy,
) -> Recorded:
    """Record a handover no agreement covers in its parties' record; it then counts in party summaries only."""
    record = _record(session, handover_in=handover_in)
    terms = _terms(
        session, record=record, categories={line.category for line in handover_in.lines if line.category is not None}
    )
    update_in = UpdateCreate(
        occurred_on=handover_in.occurred_on,
        stage=handover_in.stage,
        location=handover_in.location,
        source=handover_in.source,
        note=handover_in.note,
        claim_of=handover_in.claim_of,
        lines=[
            LineIn(
                commitment_id=terms[line.category] if line.category is not None else None,
                recipient_id=line.recipient_id,
                quantity=line.quantity,
                qualifier=line.qualifier,
            )
            for line in handover_in.lines
        ],
    )
    return record_update(
        session,
        agreement_id=record.id,
        update_in=update_in,
        caller=caller,
        idempotency_key=idempotency_key,
        policy=policy,
    )
