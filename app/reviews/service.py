"""Rules for reviewing claims and recording disputes over a handover's attribution."""

from datetime import UTC, datetime

from sqlmodel import Session, col, select

from app.agreements.service import bound_party_ids, get_record_for_update
from app.audit.service import log_entries
from app.core.db import table_of
from app.core.errors import Conflict, Forbidden, InvalidInput, NotFound
from app.keys.service import Caller
from app.models.review import AttributionDispute, UpdateReview
from app.models.values import ReviewState, SourcePublic
from app.parties.service import get_parties
from app.reviews.models import AttributionDisputeCreate, AttributionDisputePublic, ReviewCreate, ReviewPublic
from app.status.policy import StatusPolicy
from app.status.service import refresh_status
from app.status.totals import settle_handover
from app.updates.models import UpdatePublic
from app.updates.service import get_update, get_update_row, update_payload
from app.webhooks.events import emit


def review_update(
    session: Session, *, update_id: str, review_in: ReviewCreate, caller: Caller, policy: StatusPolicy
) -> UpdatePublic:
    """Set a claim's review state, with its reason; the totals move in the same transaction."""
    update = get_update_row(session, update_id=update_id)
    agreement = get_record_for_update(session, agreement_id=update.agreement_id)
    session.refresh(update)
    if update.created_by is not None and update.created_by == caller.key_id:
        raise Forbidden("A reviewer cannot review an update it posted itself.")
    if update.superseded_by is not None:
        raise Conflict(f"Update {update_id!r} was superseded by {update.superseded_by!r}; review that one instead.")
    if update.review_state == review_in.state:
        raise Conflict(f"Update {update_id!r} is already {review_in.state.value}.")
    now = datetime.now(UTC)
    session.add(
        UpdateReview(
            update_id=update.id,
            from_state=update.review_state,
            to_state=review_in.state.value,
            reason=review_in.reason,
            reviewed_by=caller.key_id,
            reviewed_at=now,
        )
    )
    update.review_state = review_in.state.value
    update.reviewed_at = now
    update.changed_at = now
    session.add(update)
    session.flush()
    settle_handover(session, agreement_id=agreement.id, handover_id=update.handover_id)
    refresh_status(session, agreement=agreement, policy=policy)
    public = get_update(session, update_id=update.id)
    emit(session, event_type="update.reviewed", payload=update_payload(public))
    return public


def list_reviews(session: Session, *, update_id: str) -> list[ReviewPublic]:
    """Every change of an update's review state, oldest first."""
    get_update_row(session, update_id=update_id)
    reviews = list(
        session.exec(select(UpdateReview).where(UpdateReview.update_id == update_id).order_by(col(UpdateReview.id)))
    )
    entries = log_entries(
        session, entity_type=table_of(UpdateReview).name, entity_ids=[str(review.id) for review in reviews]
    )
    return [
        ReviewPublic(
            update_id=r.update_id,
            from_state=ReviewState(r.from_state),
            to_state=ReviewState(r.to_state),
            reason=r.reason,
            reviewed_by=r.reviewed_by,
            reviewed_at=r.reviewed_at,
            log_entry=entries.get(str(r.id)),
        )
        for r in reviews
    ]


def _dispute_public(dispute: AttributionDispute) -> AttributionDisputePublic:
    return AttributionDisputePublic.model_validate(
        {
            **dispute.model_dump(),
            "source": SourcePublic.of(dispute),
        }
    )


def record_dispute(
    session: Session, *, update_id: str, dispute_in: AttributionDisputeCreate, caller: Caller, policy: StatusPolicy
) -> AttributionDisputePublic:
    """Record one party's statement on whether a handover belongs to the agreement."""
    update = get_update_row(session, update_id=update_id)
    agreement = get_record_for_update(session, agreement_id=update.agreement_id)
    if dispute_in.party_id not in bound_party_ids(session, agreement_id=agreement.id):
        if not get_parties(session, party_ids=[dispute_in.party_id]):
            raise NotFound(f"No party with id {dispute_in.party_id!r}.")
        raise InvalidInput(f"party_id {dispute_in.party_id!r} is not a party bound by agreement {agreement.id!r}.")
    dispute = AttributionDispute(
        handover_id=update.handover_id,
        update_id=update.id,
        party_id=dispute_in.party_id,
        position=dispute_in.position.value,
        statement=dispute_in.statement,
        source_url=dispute_in.source.url,
        source_title=dispute_in.source.title,
        source_publisher=dispute_in.source.publisher,
        recorded_by=caller.key_id,
        recorded_at=datetime.now(UTC),
    )
    session.add(dispute)
    session.flush()
    settle_handover(session, agreement_id=agreement.id, handover_id=update.handover_id)
    refresh_status(session, agreement=agreement, policy=policy)
    return _dispute_public(dispute)


def list_disputes(session: Session, *, update_id: str) -> list[AttributionDisputePublic]:
    """Every statement on the attribution of the handover an update reports."""
    update = get_update_row(session, update_id=update_id)
    disputes = session.exec(
        select(AttributionDispute)
        .where(AttributionDispute.handover_id == update.handover_id)
        .order_by(col(AttributionDispute.id))
    )
    return [_dispute_public(d) for d in disputes]
