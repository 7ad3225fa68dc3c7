"""Rules for webhook subscriptions, and their deliveries and attempts as the API shows them."""

import base64
import secrets
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, cast

from sqlalchemy import CursorResult, delete, func
from sqlmodel import Session, col, select

from app.core.errors import Conflict, InvalidInput, NotFound
from app.core.ids import new_id
from app.keys.service import Caller
from app.webhooks.destinations import UrlPolicy, check_url
from app.webhooks.models import (
    AttemptOutcome,
    DeliveryState,
    EventType,
    WebhookAttempt,
    WebhookAttemptPublic,
    WebhookDelivery,
    WebhookDeliveryPublic,
    WebhookEvent,
    WebhookSubscription,
    WebhookSubscriptionCreate,
    WebhookSubscriptionUpdate,
)

SECRET_PREFIX = "whsec_"  # noqa: S105 - the Standard Webhooks prefix, not a secret
SECRET_BYTES = 32

# ---- subscriptions -------------------------------------------------------------------------------


def _event_types(event_types: Iterable[EventType]) -> list[str]:
    wanted = set(event_types)
    return [t.value for t in EventType if t in wanted]


def new_secret() -> str:
    """A signing secret in the Standard Webhooks form: `whsec_` and 32 random bytes in base64."""
    return SECRET_PREFIX + base64.b64encode(secrets.token_bytes(SECRET_BYTES)).decode()


def create_subscription(
    session: Session, *, subscription_in: WebhookSubscriptionCreate, caller: Caller, policy: UrlPolicy
) -> WebhookSubscription:
    """Record a subscription with a fresh secret (returned on the row, to be shown once)."""
    url = str(subscription_in.url)
    check_url(url, policy=policy)
    now = datetime.now(UTC)
    subscription = WebhookSubscription(
        id=new_id("whk"),
        url=url,
        description=subscription_in.description,
        event_types=_event_types(subscription_in.event_types),
        secret=new_secret(),
        active=True,
        created_at=now,
        updated_at=now,
        created_by=caller.key_id,
    )
    session.add(subscription)
    session.flush()
    return subscription


def get_subscription(session: Session, *, subscription_id: str) -> WebhookSubscription:
    """One subscription, or NotFound."""
    subscription = session.get(WebhookSubscription, subscription_id)
    if subscription is None:
        raise NotFound(f"No webhook subscription with id {subscription_id!r}.")
    return subscription


def list_subscriptions(session: Session, *, after: str | None, limit: int) -> list[WebhookSubscription]:
    """A page of subscriptions (one more than `limit` when more follow), oldest first."""
    query = select(WebhookSubscription).order_by(col(WebhookSubscription.id)).limit(limit + 1)
    if after is not None:
        query = query.where(col(WebhookSubscription.id) > after)
    return list(session.exec(query))


def update_subscription(
    session: Session, *, subscription_id: str, changes: WebhookSubscriptionUpdate, policy: UrlPolicy
) -> WebhookSubscription:
    """Change a subscription's URL, events, description or whether it is active."""
    subscription = get_subscription(session, subscription_id=subscription_id)
    values = changes.model_dump(exclude_unset=True)
    for name in ("url", "event_types", "active"):
        if name in values and values[name] is None:
            raise InvalidInput(f"{name} cannot be removed.")
    if changes.url is not None:
        check_url(str(changes.url), policy=policy)
        subscription.url = str(changes.url)
    if changes.event_types is not None:
        subscription.event_types = _event_types(changes.event_types)
    if "description" in values:
        subscription.description = changes.description
    if changes.active is not None:
        subscription.active = changes.active
    subscription.updated_at = datetime.now(UTC)
    session.add(subscription)
    session.flush()
    return subscription


def rotate_secret(session: Session, *, subscription_id: str) -> WebhookSubscription:
    """Replace a subscription's secret at once (returned on the row, to be shown once).

    Attempts from then on are signed with the new secret only; those a receiver still checks
    with the old one fail and are retried, so nothing is lost while it is updated.
    """
    subscription = get_subscription(session, subscription_id=subscription_id)
    subscription.secret = new_secret()
    subscription.updated_at = datetime.now(UTC)
    session.add(subscription)
    session.flush()
    return subscription


def delete_subscription(session: Session, *, subscription_id: str) -> None:
    """Remove a subscription with its deliveries and attempts; events already sent stay sent."""
    get_subscription(session, subscription_id=subscription_id)
    session.execute(delete(WebhookAttempt).where(col(WebhookAttempt.subscription_id) == subscription_id))
    session.execute(delete(WebhookDelivery).where(col(WebhookDelivery.subscription_id) == subscription_id))
    session.execute(delete(WebhookSubscription).where(col(WebhookSubscription.id) == subscription_id))
    session.flush()


# ---- deliveries and attempts as the API shows them -----------------------------------------------


def _delivery_public(delivery: WebhookDelivery, event_type: str) -> WebhookDeliveryPublic:
    return WebhookDeliveryPublic(
        id=delivery.id,
        event_id=delivery.event_id,
        event_type=EventType(event_type),
        subscription_id=delivery.subscription_id,
        state=DeliveryState(delivery.state),
        attempts=delivery.attempts,
        next_attempt_at=delivery.next_attempt_at if delivery.state == DeliveryState.pending else None,
        last_status_code=delivery.last_status_code,
        last_error=delivery.last_error,
        created_at=delivery.created_at,
        delivered_at=delivery.delivered_at,
        dead_at=delivery.dead_at,
    )


def list_deliveries(
    session: Session, *, subscription_id: str, state: DeliveryState | None, after: str | None, limit: int
) -> list[WebhookDeliveryPublic]:
    """A page of a subscription's deliveries (one more than `limit` when more follow), oldest first."""
    get_subscription(session, subscription_id=subscription_id)
    query = (
        select(WebhookDelivery, WebhookEvent.type)
        .join(WebhookEvent, col(WebhookEvent.id) == col(WebhookDelivery.event_id))
        .where(col(WebhookDelivery.subscription_id) == subscription_id)
        .order_by(col(WebhookDelivery.id))
        .limit(limit + 1)
    )
    if state is not None:
        query = query.where(col(WebhookDelivery.state) == state.value)
    if after is not None:
        query = query.where(col(WebhookDelivery.id) > after)
    return [_delivery_public(delivery, event_type) for delivery, event_type in session.exec(query)]


def list_attempts(
    session: Session, *, subscription_id: str, before: str | None, limit: int
) -> list[WebhookAttemptPublic]:
    """A page of a subscription's delivery attempts (one more than `limit` when more follow), newest first."""
    get_subscription(session, subscription_id=subscription_id)
    query = (
        select(WebhookAttempt, WebhookDelivery.event_id, WebhookEvent.type)
        .join(WebhookDelivery, col(WebhookDelivery.id) == col(WebhookAttempt.delivery_id))
        .join(WebhookEvent, col(WebhookEvent.id) == col(WebhookDelivery.event_id))
        .where(col(WebhookAttempt.subscription_id) == subscription_id)
        .order_by(col(WebhookAttempt.id).desc())
        .limit(limit + 1)
    )
    if before is not None:
        query = query.where(col(WebhookAttempt.id) < before)
    return [
        WebhookAttemptPublic(
            id=attempt.id,
            delivery_id=attempt.delivery_id,
            event_id=event_id,
            event_type=EventType(event_type),
            number=attempt.number,
            outcome=AttemptOutcome(attempt.outcome),
            started_at=attempt.started_at,
            duration_ms=attempt.duration_ms,
            status_code=attempt.status_code,
            error=attempt.error,
        )
        for attempt, event_id, event_type in session.exec(query)
    ]


def replay_delivery(session: Session, *, subscription_id: str, delivery_id: str) -> WebhookDeliveryPublic:
    """Send a dead delivery again, with a fresh count of attempts and the same webhook-id."""
    get_subscription(session, subscription_id=subscription_id)
    delivery = session.exec(
        select(WebhookDelivery).where(col(WebhookDelivery.id) == delivery_id).with_for_update()
    ).first()
    if delivery is None or delivery.subscription_id != subscription_id:
        raise NotFound(f"No delivery with id {delivery_id!r} for webhook subscription {subscription_id!r}.")
    if delivery.state != DeliveryState.dead:
        raise Conflict(f"Delivery {delivery_id!r} is {delivery.state}; only a dead delivery can be replayed.")
    delivery.state = DeliveryState.pending.value
    delivery.attempts = 0
    delivery.next_attempt_at = datetime.now(UTC)
    delivery.dead_at = None
    delivery.locked_until = None
    delivery.lease_token = None
    session.add(delivery)
    session.flush()
    event_type = session.exec(select(WebhookEvent.type).where(col(WebhookEvent.id) == delivery.event_id)).one()
    return _delivery_public(delivery, event_type)


@dataclass(frozen=True)
class Backlog:
    """What is still to be sent: events not yet matched to subscriptions, deliveries due or waiting to retry."""

    events_waiting: int
    deliveries_pending: int
    deliveries_dead: int
    oldest_pending_at: datetime | None


def backlog(session: Session) -> Backlog:
    """The size of the webhook backlog, for metrics and alerts."""
    events_waiting = session.exec(
        select(func.count()).select_from(WebhookEvent).where(col(WebhookEvent.fanned_out_at).is_(None))
    ).one()
    counts = dict(
        session.exec(
            select(WebhookDelivery.state, func.count())
            .where(col(WebhookDelivery.state).in_([DeliveryState.pending.value, DeliveryState.dead.value]))
            .group_by(col(WebhookDelivery.state))
        ).all()
    )
    oldest = session.exec(
        select(func.min(WebhookDelivery.created_at)).where(col(WebhookDelivery.state) == DeliveryState.pending.value)
    ).one()
    return Backlog(
        events_waiting=events_waiting,
        deliveries_pending=counts.get(DeliveryState.pending.value, 0),
        deliveries_dead=counts.get(DeliveryState.dead.value, 0),
        oldest_pending_at=oldest,
    )


@dataclass(frozen=True)
class Pruned:
    """What a prune removed."""

    deliveries: int
    events: int


def prune(session: Session, *, before: datetime) -> Pruned:
    """Forget deliveries delivered before `before`, their attempts, and events no delivery still needs.

    Dead and pending deliveries are kept: they may still be replayed or sent.
    """
    done = select(WebhookDelivery.id).where(
        col(WebhookDelivery.state) == DeliveryState.delivered.value, col(WebhookDelivery.delivered_at) < before
    )
    session.execute(delete(WebhookAttempt).where(col(WebhookAttempt.delivery_id).in_(done)))
    removed = delete(WebhookDelivery).where(col(WebhookDelivery.id).in_(done))
    deliveries = cast(CursorResult[Any], session.execute(removed))
    still_needed = select(WebhookDelivery.event_id)
    events = cast(
        CursorResult[Any],
        session.execute(
            delete(WebhookEvent).where(
                col(WebhookEvent.fanned_out_at) < before, col(WebhookEvent.id).not_in(still_needed)
            )
        ),
    )
    session.flush()
    return Pruned(deliveries=deliveries.rowcount, events=events.rowcount)
