"""The delivery worker's side of the outbox: fan events out to subscriptions, claim deliveries, record outcomes."""

import random
import secrets
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import or_, update
from sqlmodel import Session, col, select

from app.core.config import Settings
from app.core.ids import new_id
from app.webhooks.models import (
    AttemptOutcome,
    DeliveryState,
    WebhookAttempt,
    WebhookDelivery,
    WebhookEvent,
    WebhookSubscription,
)

ERROR_LENGTH = 500


def fan_out(session: Session, *, now: datetime, limit: int) -> int:
    """Turn outbox events into one delivery per subscription that wants them; returns the events handled."""
    events = list(
        session.exec(
            select(WebhookEvent)
            .where(col(WebhookEvent.fanned_out_at).is_(None))
            .order_by(col(WebhookEvent.created_at), col(WebhookEvent.id))
            .limit(limit)
            .with_for_update(skip_locked=True)
        )
    )
    if not events:
        return 0
    # Paused subscriptions get their deliveries too: they wait, unsent, until the subscription is resumed.
    subscriptions = list(session.exec(select(WebhookSubscription)))
    for event in events:
        for subscription in subscriptions:
            # A subscription hears of changes made after it was created, not before.
            if event.type in subscription.event_types and subscription.created_at <= event.created_at:
                session.add(
                    WebhookDelivery(
                        id=new_id("dlv"),
                        event_id=event.id,
                        subscription_id=subscription.id,
                        state=DeliveryState.pending.value,
                        attempts=0,
                        next_attempt_at=now,
                        created_at=now,
                    )
                )
        event.fanned_out_at = now
        session.add(event)
    session.flush()
    return len(events)


@dataclass(frozen=True)
class Claim:
    """A delivery a worker owns until its lease ends, with what it needs to send it."""

    delivery_id: str
    attempt_id: str
    lease_token: str
    number: int
    event_id: str
    url: str
    secret: str
    body: str


def claim_deliveries(
    session: Session, *, worker: str, now: datetime, lease_seconds: float, limit: int, max_attempts: int
) -> list[Claim]:
    """Take up to `limit` due deliveries no live worker holds, skipping rows another worker is claiming."""
    active = select(WebhookSubscription.id).where(col(WebhookSubscription.active))
    due = list(
        session.exec(
            select(WebhookDelivery)
            .where(
                col(WebhookDelivery.state) == DeliveryState.pending.value,
                col(WebhookDelivery.next_attempt_at) <= now,
                or_(col(WebhookDelivery.locked_until).is_(None), col(WebhookDelivery.locked_until) < now),
                col(WebhookDelivery.subscription_id).in_(active),
            )
            .order_by(col(WebhookDelivery.next_attempt_at), col(WebhookDelivery.id))
            .limit(limit)
            .with_for_update(skip_locked=True, of=WebhookDelivery)
        )
    )
    if not due:
        return []
    ids = [d.id for d in due]
    # An attempt still in flight on a delivery we may claim belonged to a worker whose lease ran out.
    session.execute(
        update(WebhookAttempt)
        .where(col(WebhookAttempt.delivery_id).in_(ids), col(WebhookAttempt.outcome) == AttemptOutcome.in_flight.value)
        .values(outcome=AttemptOutcome.abandoned.value, error="the worker's lease ran out before it reported")
    )
    subscriptions = {
        s.id: s
        for s in session.exec(
            select(WebhookSubscription).where(col(WebhookSubscription.id).in_({d.subscription_id for d in due}))
        )
    }
    bodies = dict(
        session.exec(
            select(WebhookEvent.id, WebhookEvent.body).where(col(WebhookEvent.id).in_({d.event_id for d in due}))
        ).all()
    )
    claims = []
    for delivery in due:
        if delivery.attempts >= max_attempts:
            _mark_dead(delivery, now=now, error=delivery.last_error or "the last attempt was abandoned")
            session.add(delivery)
            continue
        delivery.attempts += 1
        delivery.locked_until = now + timedelta(seconds=lease_seconds)
        delivery.lease_token = secrets.token_hex(16)
        session.add(delivery)
        attempt = WebhookAttempt(
            id=new_id("att"),
            delivery_id=delivery.id,
            subscription_id=delivery.subscription_id,
            number=delivery.attempts,
            worker=worker[:200],
            outcome=AttemptOutcome.in_flight.value,
            started_at=now,
        )
        session.add(attempt)
        subscription = subscriptions[delivery.subscription_id]
        claims.append(
            Claim(
                delivery_id=delivery.id,
                attempt_id=attempt.id,
                lease_token=delivery.lease_token,
                number=delivery.attempts,
                event_id=delivery.event_id,
                url=subscription.url,
                secret=subscription.secret,
                body=bodies[delivery.event_id],
            )
        )
    session.flush()
    return claims


@dataclass(frozen=True)
class Outcome:
    """What one attempt came to."""

    succeeded: bool
    duration_ms: int
    status_code: int | None = None
    error: str | None = None


@dataclass(frozen=True)
class RetryPolicy:
    """How often and how patiently to retry."""

    max_attempts: int
    backoff_base_seconds: float
    backoff_max_seconds: float

    @classmethod
    def from_settings(cls, settings: Settings) -> "RetryPolicy":
        return cls(
            max_attempts=settings.webhook_max_attempts,
            backoff_base_seconds=settings.webhook_backoff_base_seconds,
            backoff_max_seconds=settings.webhook_backoff_max_seconds,
        )


def retry_delay(
    attempt: int, *, policy: RetryPolicy, uniform: Callable[[float, float], float] = random.uniform
) -> float:
    """Seconds to wait after failed attempt number `attempt`: full jitter under a doubling, capped ceiling."""
    ceiling = min(policy.backoff_max_seconds, policy.backoff_base_seconds * 2 ** min(attempt - 1, 60))
    return uniform(0.0, ceiling)


def _mark_dead(delivery: WebhookDelivery, *, now: datetime, error: str | None) -> None:
    delivery.state = DeliveryState.dead.value
    delivery.dead_at = now
    delivery.locked_until = None
    delivery.lease_token = None
    delivery.last_error = error


def record_outcome(session: Session, *, claim: Claim, outcome: Outcome, now: datetime, policy: RetryPolicy) -> bool:
    """Record an attempt and move its delivery on; False when the lease was lost and another worker owns it."""
    attempt = session.get(WebhookAttempt, claim.attempt_id)
    delivery = session.exec(
        select(WebhookDelivery).where(col(WebhookDelivery.id) == claim.delivery_id).with_for_update()
    ).first()
    if attempt is None or delivery is None:  # the subscription was deleted meanwhile
        return False
    attempt.outcome = (AttemptOutcome.succeeded if outcome.succeeded else AttemptOutcome.failed).value
    attempt.duration_ms = outcome.duration_ms
    attempt.status_code = outcome.status_code
    attempt.error = outcome.error[:ERROR_LENGTH] if outcome.error else None
    session.add(attempt)
    if delivery.lease_token != claim.lease_token:
        session.flush()
        return False
    delivery.last_status_code = outcome.status_code
    delivery.locked_until = None
    delivery.lease_token = None
    if outcome.succeeded:
        delivery.state = DeliveryState.delivered.value
        delivery.delivered_at = now
        delivery.last_error = None
    elif delivery.attempts >= policy.max_attempts:
        _mark_dead(delivery, now=now, error=attempt.error)
    else:
        delivery.last_error = attempt.error
        delivery.next_attempt_at = now + timedelta(seconds=retry_delay(delivery.attempts, policy=policy))
    session.add(delivery)
    session.flush()
    return True
