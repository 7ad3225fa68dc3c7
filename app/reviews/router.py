"""HTTP for reviews of claims and attribution disputes."""

from fastapi import APIRouter, status

from app.core.db import SessionDep, WriteSessionDep
from app.core.errors import READ_ONE, WRITE, problems
from app.keys.access import MonitorDep, ReaderDep, VerifierDep
from app.reviews import service
from app.reviews.models import AttributionDisputeCreate, AttributionDisputePublic, ReviewCreate, ReviewPublic
from app.status.policy import PolicyDep
from app.updates.models import UpdatePublic

router = APIRouter(prefix="/api/v1/updates/{update_id}", tags=["reviews"])


@router.post(
    "/reviews", status_code=status.HTTP_201_CREATED, response_model=UpdatePublic, responses=WRITE | problems(409)
)
def review_update(
    update_id: str, review_in: ReviewCreate, caller: VerifierDep, session: WriteSessionDep, policy: PolicyDep
) -> UpdatePublic:
    """Verify, dispute or reject a claim, with a reason (verifier; never one's own update)."""
    return service.review_update(session, update_id=update_id, review_in=review_in, caller=caller, policy=policy)


@router.get("/reviews", response_model=list[ReviewPublic], responses=READ_ONE)
def list_update_reviews(update_id: str, session: SessionDep, _: ReaderDep) -> list[ReviewPublic]:
    """Every change of an update's review state, with who, when and why."""
    return service.list_reviews(session, update_id=update_id)


@router.post(
    "/attribution-disputes",
    status_code=status.HTTP_201_CREATED,
    response_model=AttributionDisputePublic,
    responses=WRITE,
)
def create_attribution_dispute(
    update_id: str,
    dispute_in: AttributionDisputeCreate,
    caller: MonitorDep,
    session: WriteSessionDep,
    policy: PolicyDep,
) -> AttributionDisputePublic:
    """Record a party's statement that the handover does, or does not, belong to the agreement (monitor)."""
    return service.record_dispute(session, update_id=update_id, dispute_in=dispute_in, caller=caller, policy=policy)


@router.get("/attribution-disputes", response_model=list[AttributionDisputePublic], responses=READ_ONE)
def list_attribution_disputes(update_id: str, session: SessionDep, _: ReaderDep) -> list[AttributionDisputePublic]:
    """Every statement on whether the handover belongs to the agreement."""
    return service.list_disputes(session, update_id=update_id)
