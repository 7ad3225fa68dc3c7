"""HTTP for webhook subscriptions, their deliveries and attempts (editor or admin)."""

from fastapi import APIRouter, Request, Response, status

from app.core.config import Settings
from app.core.db import SessionDep, WriteSessionDep
from app.core.errors import READ_MANY, READ_ONE, WRITE, problems
from app.core.pagination import CursorQuery, LimitQuery, decode_cursor, encode_cursor
from app.keys.access import EditorDep
from app.webhooks import destinations, service
from app.webhooks.models import (
    DeliveryState,
    WebhookAttemptPage,
    WebhookDeliveryPage,
    WebhookDeliveryPublic,
    WebhookSubscription,
    WebhookSubscriptionCreate,
    WebhookSubscriptionCreated,
    WebhookSubscriptionPage,
    WebhookSubscriptionPublic,
    WebhookSubscriptionUpdate,
)

router = APIRouter(prefix="/api/v1/webhooks", tags=["webhooks"])

EDITOR_READ_ONE = READ_ONE | problems(403)
EDITOR_READ_MANY = READ_MANY | problems(403, 404)


def _url_policy(request: Request) -> destinations.UrlPolicy:
    """The URL rules, knowing the host and port this very request reached the service on."""
    settings: Settings = request.app.state.settings
    own = []
    if request.url.hostname:
        own.append((request.url.hostname, request.url.port or (443 if request.url.scheme == "https" else 80)))
    server = request.scope.get("server")
    if server and server[1] is not None:
        own.append((str(server[0]), int(server[1])))
    return destinations.url_policy(settings, own_origins=own)


def _public(subscription: WebhookSubscription) -> WebhookSubscriptionPublic:
    return WebhookSubscriptionPublic.model_validate(subscription)


@router.post(
    "",
    status_code=status.HTTP_201_CREATED,
    response_model=WebhookSubscriptionCreated,
    responses=WRITE,
)
def create_webhook_subscription(
    subscription_in: WebhookSubscriptionCreate,
    caller: EditorDep,
    session: WriteSessionDep,
    request: Request,
    response: Response,
) -> WebhookSubscriptionCreated:
    """Subscribe a URL to events (editor); the signing secret is in this response and never shown again."""
    subscription = service.create_subscription(
        session, subscription_in=subscription_in, caller=caller, policy=_url_policy(request)
    )
    response.headers["Location"] = f"/api/v1/webhooks/{subscription.id}"
    response.headers["Cache-Control"] = "no-store"
    return WebhookSubscriptionCreated.model_validate(subscription)


@router.get("", response_model=WebhookSubscriptionPage, responses=EDITOR_READ_MANY)
def list_webhook_subscriptions(
    session: SessionDep, _: EditorDep, limit: LimitQuery = 50, cursor: CursorQuery = None
) -> WebhookSubscriptionPage:
    """List subscriptions, oldest first (editor)."""
    subscriptions = service.list_subscriptions(session, after=decode_cursor(cursor), limit=limit)
    page = subscriptions[:limit]
    return WebhookSubscriptionPage(
        items=[_public(s) for s in page],
        next_cursor=encode_cursor(page[-1].id) if len(subscriptions) > limit else None,
    )


@router.get("/{subscription_id}", response_model=WebhookSubscriptionPublic, responses=EDITOR_READ_ONE)
def get_webhook_subscription(subscription_id: str, session: SessionDep, _: EditorDep) -> WebhookSubscriptionPublic:
    """One subscription, without its secret (editor)."""
    return _public(service.get_subscription(session, subscription_id=subscription_id))


@router.patch("/{subscription_id}", response_model=WebhookSubscriptionPublic, responses=WRITE)
def update_webhook_subscription(
    subscription_id: str,
    changes: WebhookSubscriptionUpdate,
    _: EditorDep,
    session: WriteSessionDep,
    request: Request,
) -> WebhookSubscriptionPublic:
    """Change a subscription; `active: false` pauses its deliveries, `true` resumes them (editor)."""
    subscription = service.update_subscription(
        session, subscription_id=subscription_id, changes=changes, policy=_url_policy(request)
    )
    return _public(subscription)


@router.post(
    "/{subscription_id}/secret",
    response_model=WebhookSubscriptionCreated,
    responses=problems(401, 403, 404, 422),
)
def rotate_webhook_secret(
    subscription_id: str, _: EditorDep, session: WriteSessionDep, response: Response
) -> WebhookSubscriptionCreated:
    """Replace the signing secret (editor); the new one is in this response and never shown again."""
    subscription = service.rotate_secret(session, subscription_id=subscription_id)
    response.headers["Cache-Control"] = "no-store"
    return WebhookSubscriptionCreated.model_validate(subscription)


@router.delete(
    "/{subscription_id}",
    status_code=status.HTTP_204_NO_CONTENT,
    response_class=Response,
    responses=problems(401, 403, 404, 422),
)
def delete_webhook_subscription(subscription_id: str, _: EditorDep, session: WriteSessionDep) -> Response:
    """Remove a subscription with its deliveries and attempts (editor)."""
    service.delete_subscription(session, subscription_id=subscription_id)
    return Response(status_code=status.HTTP_204_NO_CONTENT)


@router.get("/{subscription_id}/deliveries", response_model=WebhookDeliveryPage, responses=EDITOR_READ_MANY)
def list_webhook_deliveries(
    subscription_id: str,
    session: SessionDep,
    _: EditorDep,
    state: DeliveryState | None = None,
    limit: LimitQuery = 50,
    cursor: CursorQuery = None,
) -> WebhookDeliveryPage:
    """A subscription's deliveries, oldest first, with where each stands (editor)."""
    deliveries = service.list_deliveries(
        session, subscription_id=subscription_id, state=state, after=decode_cursor(cursor), limit=limit
    )
    page = deliveries[:limit]
    return WebhookDeliveryPage(items=page, next_cursor=encode_cursor(page[-1].id) if len(deliveries) > limit else None)


@router.get("/{subscription_id}/attempts", response_model=WebhookAttemptPage, responses=EDITOR_READ_MANY)
def list_webhook_attempts(
    subscription_id: str, session: SessionDep, _: EditorDep, limit: LimitQuery = 50, cursor: CursorQuery = None
) -> WebhookAttemptPage:
    """Every delivery attempt to a subscription, newest first: status code, error, duration (editor)."""
    attempts = service.list_attempts(
        session, subscription_id=subscription_id, before=decode_cursor(cursor), limit=limit
    )
    page = attempts[:limit]
    return WebhookAttemptPage(items=page, next_cursor=encode_cursor(page[-1].id) if len(attempts) > limit else None)


@router.post(
    "/{subscription_id}/deliveries/{delivery_id}/replay",
    status_code=status.HTTP_202_ACCEPTED,
    response_model=WebhookDeliveryPublic,
    responses=problems(401, 403, 404, 409, 422),
)
def replay_webhook_delivery(
    subscription_id: str, delivery_id: str, _: EditorDep, session: WriteSessionDep
) -> WebhookDeliveryPublic:
    """Send a dead delivery again, with the same webhook-id and a fresh count of attempts (editor)."""
    return service.replay_delivery(session, subscription_id=subscription_id, delivery_id=delivery_id)
