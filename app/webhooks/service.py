"""Rules for webhooks: which URLs are allowed, subscriptions, and the outbox's way to each receiver."""

import base64
import ipaddress
import random
import secrets
import socket
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any, cast
from urllib.parse import urlsplit

from sqlalchemy import CursorResult, delete, func, or_, update
from sqlmodel import Session, col, select

from app.core.config import Settings
from app.core.errors import Conflict, InvalidInput, NotFound
from app.core.ids import new_id
from app.keys.service import Caller
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
ERROR_LENGTH = 500

# ---- which URLs a subscription may name ---------------------------------------------------------


@dataclass(frozen=True)
class UrlPolicy:
    """What a webhook URL may point at."""

    allow_private: bool
    deny_hosts: frozenset[str]
    # (host, port) pairs this service answers on, as far as the request that creates a subscription shows.
    own_origins: frozenset[tuple[str, int]] = frozenset()


def url_policy(settings: Settings, *, own_origins: Iterable[tuple[str, int]] = ()) -> UrlPolicy:
    """The URL policy of these settings, knowing where the service itself answers."""
    deny = {_normal_host(h) for h in settings.webhook_deny_hosts.split(",") if h.strip()}
    return UrlPolicy(
        allow_private=settings.webhook_allow_private,
        deny_hosts=frozenset(deny),
        own_origins=frozenset((_normal_host(h), p) for h, p in own_origins),
    )


def _normal_host(host: str) -> str:
    return host.strip().lower().rstrip(".").strip("[]")


def _ip(host: str) -> ipaddress.IPv4Address | ipaddress.IPv6Address | None:
    try:
        address = ipaddress.ip_address(host)
    except ValueError:
        return None
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        return address.ipv4_mapped
    return address


def _is_loopback(host: str) -> bool:
    if host == "localhost" or host.endswith(".localhost"):
        return True
    address = _ip(host)
    return address is not None and (address.is_loopback or address.is_unspecified)


def _split(url: str) -> tuple[str, int]:
    parts = urlsplit(url)
    host = _normal_host(parts.hostname or "")
    try:
        port = parts.port or (443 if parts.scheme == "https" else 80)
    except ValueError as exc:
        raise InvalidInput("The webhook URL has an invalid port.") from exc
    if parts.scheme not in ("http", "https") or not host:
        raise InvalidInput("A webhook URL must be an http or https URL with a host.")
    return host, port


def check_url(url: str, *, policy: UrlPolicy) -> None:
    """Refuse a URL that points at the service itself, at a denied host, or (unless allowed) a private address."""
    host, port = _split(url)
    if host in policy.deny_hosts:
        raise InvalidInput(f"Webhook URLs may not point at {host}.")
    own_ports = {p for _, p in policy.own_origins}
    if (host, port) in policy.own_origins or (_is_loopback(host) and port in own_ports):
        raise InvalidInput("A webhook URL may not point at this service itself.")
    if policy.allow_private:
        return
    address = _ip(host)
    if _is_loopback(host) or (address is not None and not address.is_global):
        raise InvalidInput(f"Webhook URLs may not point at the loopback or a private address ({host}).")


def check_destination(url: str, *, policy: UrlPolicy) -> str | None:
    """Why a delivery may not go to this URL now (its name resolved), or None when it may."""
    try:
        check_url(url, policy=policy)
    except InvalidInput as refused:
        return refused.detail
    if policy.allow_private:
        return None
    host, port = _split(url)
    try:
        addresses = {info[4][0] for info in socket.getaddrinfo(host, port, proto=socket.IPPROTO_TCP)}
    except OSError as exc:
        return f"cannot resolve {host}: {exc}"
    for text in addresses:
        address = _ip(str(text).split("%", 1)[0])
        if address is None or not address.is_global:
            return f"{host} resolves to a non-public address ({text})"
    return None


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


# ---- the worker's side: fan out, claim, record ---------------------------------------------------


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
