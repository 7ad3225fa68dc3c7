"""HTTP for handovers outside any agreement."""

from fastapi import APIRouter, Response, status

from app.core.db import WriteSessionDep
from app.core.errors import WRITE, problems
from app.core.http import IdempotencyKey
from app.keys.access import MonitorDep
from app.outside import service
from app.outside.models import OutsideHandoverCreate
from app.status.policy import PolicyDep
from app.updates.models import UpdatePublic

router = APIRouter(tags=["updates"])


@router.post(
    "/api/v1/outside-handovers",
    status_code=status.HTTP_201_CREATED,
    response_model=UpdatePublic,
    responses=WRITE | problems(409),
)
def create_outside_handover(
    handover_in: OutsideHandoverCreate,
    caller: MonitorDep,
    session: WriteSessionDep,
    policy: PolicyDep,
    response: Response,
    idempotency_key: IdempotencyKey = None,
) -> UpdatePublic:
    """Record a handover between two parties that no agreement covers (monitor): it counts in their summaries,
    never in an agreement's status; correct and review it as any update."""
    recorded = service.record_outside_handover(
        session, handover_in=handover_in, caller=caller, idempotency_key=idempotency_key, policy=policy
    )
    response.headers["Location"] = f"/api/v1/updates/{recorded.update.id}"
    if recorded.replayed:
        response.headers["Idempotent-Replayed"] = "true"
    return recorded.update
