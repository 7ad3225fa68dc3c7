"""Webhooks: subscriptions, the outbox of events, and the deliveries and attempts that carry them."""

import re
from datetime import datetime
from enum import StrEnum
from typing import Annotated

from pydantic import (
    AfterValidator,
    AnyHttpUrl,
    ConfigDict,
    StrictBool,
    StringConstraints,
    TypeAdapter,
    UrlConstraints,
    WithJsonSchema,
)
from sqlalchemy import JSON, Boolean, Column, ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlmodel import Field, SQLModel

from app.core.inputs import kept_when_absent
from app.core.pagination import Page
from app.core.types import UTCDateTime

MAX_URL_LENGTH = 2000


class EventType(StrEnum):
    """The catalogue of events a subscription can ask for."""

    update_created = "update.created"
    update_reviewed = "update.reviewed"
    update_corrected = "update.corrected"
    # One for a whole import (not one an update: a million-row file would flood every receiver).
    updates_imported = "updates.imported"
    commitment_state_changed = "commitment.state_changed"
    agreement_created = "agreement.created"
    agreement_updated = "agreement.updated"
    # Raised by `exchange-ledger sweep` (or the worker's timer), once each time a state is entered.
    commitment_stalled = "commitment.stalled"
    commitment_overdue = "commitment.overdue"
    agreement_stalled = "agreement.stalled"
    agreement_overdue = "agreement.overdue"


class DeliveryState(StrEnum):
    """Where one event stands for one subscription."""

    pending = "pending"
    delivered = "delivered"
    dead = "dead"


class AttemptOutcome(StrEnum):
    """How one try to deliver ended."""

    in_flight = "in_flight"
    succeeded = "succeeded"
    failed = "failed"
    abandoned = "abandoned"


class WebhookSubscription(SQLModel, table=True):
    """Where to send which events, and the secret that signs them."""

    __tablename__ = "webhook_subscription"

    id: str = Field(primary_key=True, max_length=40)
    url: str = Field(sa_column=Column(String(MAX_URL_LENGTH), nullable=False))
    description: str | None = Field(default=None, max_length=500)
    event_types: list[str] = Field(sa_column=Column(JSON, nullable=False))
    # Kept in clear: signing needs the secret itself, unlike an API key that is only compared.
    secret: str = Field(sa_column=Column(String(100), nullable=False))
    active: bool = Field(sa_column=Column(Boolean, nullable=False))
    created_at: datetime = Field(sa_column=Column(UTCDateTime(), nullable=False))
    updated_at: datetime = Field(sa_column=Column(UTCDateTime(), nullable=False))
    created_by: str | None = Field(default=None, max_length=40)


class WebhookEvent(SQLModel, table=True):
    """One event in the outbox, written in the transaction of the change it reports."""

    __tablename__ = "webhook_event"

    id: str = Field(primary_key=True, max_length=40)
    type: str = Field(sa_column=Column(String(40), nullable=False))
    # The exact bytes sent, so every retry and replay carries the same body.
    body: str = Field(sa_column=Column(Text, nullable=False))
    created_at: datetime = Field(sa_column=Column(UTCDateTime(), nullable=False))
    fanned_out_at: datetime | None = Field(default=None, sa_column=Column(UTCDateTime(), index=True))


class WebhookDelivery(SQLModel, table=True):
    """One event owed to one subscription, retried until delivered or dead."""

    __tablename__ = "webhook_delivery"
    __table_args__ = (
        UniqueConstraint("event_id", "subscription_id"),
        Index("ix_webhook_delivery_state_next_attempt_at", "state", "next_attempt_at"),
        Index("ix_webhook_delivery_subscription_id_id", "subscription_id", "id"),
    )

    id: str = Field(primary_key=True, max_length=40)
    event_id: str = Field(sa_column=Column(String(40), ForeignKey("webhook_event.id"), nullable=False))
    subscription_id: str = Field(
        sa_column=Column(String(40), ForeignKey("webhook_subscription.id", ondelete="CASCADE"), nullable=False)
    )
    state: str = Field(sa_column=Column(String(20), nullable=False))
    attempts: int = Field(default=0, sa_column=Column(Integer, nullable=False))
    next_attempt_at: datetime = Field(sa_column=Column(UTCDateTime(), nullable=False))
    # A worker's claim: it owns the delivery until locked_until; a killed worker's claim simply expires.
    locked_until: datetime | None = Field(default=None, sa_column=Column(UTCDateTime()))
    lease_token: str | None = Field(default=None, max_length=40)
    last_status_code: int | None = Field(default=None, sa_column=Column(Integer))
    last_error: str | None = Field(default=None, max_length=500)
    created_at: datetime = Field(sa_column=Column(UTCDateTime(), nullable=False))
    delivered_at: datetime | None = Field(default=None, sa_column=Column(UTCDateTime()))
    dead_at: datetime | None = Field(default=None, sa_column=Column(UTCDateTime()))


class WebhookAttempt(SQLModel, table=True):
    """One try to deliver: when, how long, what the receiver answered or what went wrong."""

    __tablename__ = "webhook_attempt"
    __table_args__ = (Index("ix_webhook_attempt_subscription_id_id", "subscription_id", "id"),)

    id: str = Field(primary_key=True, max_length=40)
    delivery_id: str = Field(
        sa_column=Column(String(40), ForeignKey("webhook_delivery.id", ondelete="CASCADE"), nullable=False, index=True)
    )
    subscription_id: str = Field(
        sa_column=Column(String(40), ForeignKey("webhook_subscription.id", ondelete="CASCADE"), nullable=False)
    )
    number: int = Field(sa_column=Column(Integer, nullable=False))
    worker: str = Field(max_length=200)
    outcome: str = Field(sa_column=Column(String(20), nullable=False))
    started_at: datetime = Field(sa_column=Column(UTCDateTime(), nullable=False))
    duration_ms: int | None = Field(default=None, sa_column=Column(Integer))
    status_code: int | None = Field(default=None, sa_column=Column(Integer))
    error: str | None = Field(default=None, max_length=500)


_HTTP_URL = TypeAdapter(
    Annotated[AnyHttpUrl, UrlConstraints(max_length=MAX_URL_LENGTH, allowed_schemes=["http", "https"])]
)


# What RFC 3986 allows in a URI: unreserved and reserved characters, and percent-escapes.
_URI_CHARACTERS = re.compile(r"[A-Za-z0-9\-._~:/?#\[\]@!$&'()*+,;=%]+")


def _an_http_url(value: str) -> str:
    # Kept as sent, not as parsed: the parsed form may be longer (a trailing slash, characters
    # percent-encoded) than the schema's maxLength, which must bound what is stored.
    if not _URI_CHARACTERS.fullmatch(value):
        raise ValueError("the URL must be written with the characters of RFC 3986 (percent-encode others)")
    _HTTP_URL.validate_python(value)
    return value


WebhookUrl = Annotated[
    str,
    StringConstraints(min_length=1, max_length=MAX_URL_LENGTH),
    AfterValidator(_an_http_url),
    WithJsonSchema({"type": "string", "format": "uri", "minLength": 1, "maxLength": MAX_URL_LENGTH}),
]
Description = Annotated[str, Field(min_length=1, max_length=500)]
EventTypes = Annotated[list[EventType], Field(min_length=1, max_length=len(EventType))]

FORBID_EXTRA = ConfigDict(extra="forbid")


class WebhookSubscriptionCreate(SQLModel):
    """A new subscription: where to send, and which events."""

    model_config = FORBID_EXTRA  # type: ignore[assignment]

    url: WebhookUrl = Field(
        schema_extra={"examples": ["https://dashboard.example.org/hooks/exchange-ledger"]},
    )
    event_types: EventTypes = Field(schema_extra={"examples": [["update.created", "commitment.state_changed"]]})
    description: Description | None = None


class WebhookSubscriptionUpdate(SQLModel):
    """Changes to a subscription; absent fields stay as they are. `active: false` holds deliveries until resumed."""

    model_config = FORBID_EXTRA  # type: ignore[assignment]

    url: WebhookUrl = kept_when_absent()
    event_types: EventTypes = kept_when_absent()
    description: Description | None = Field(default=None)
    active: StrictBool = kept_when_absent()


class WebhookSubscriptionPublic(SQLModel):
    """A subscription as the API shows it: never its secret, after creation."""

    id: str
    url: str
    description: str | None
    event_types: list[EventType]
    active: bool
    created_at: datetime
    updated_at: datetime
    created_by: str | None


class WebhookSubscriptionCreated(WebhookSubscriptionPublic):
    """A subscription just created, with its signing secret: shown this once, never again."""

    secret: str


class WebhookSubscriptionPage(Page[WebhookSubscriptionPublic]):
    """A page of subscriptions."""


class WebhookDeliveryPublic(SQLModel):
    """One event owed to a subscription and where its delivery stands."""

    id: str
    event_id: str
    event_type: EventType
    subscription_id: str
    state: DeliveryState
    attempts: int
    next_attempt_at: datetime | None
    last_status_code: int | None
    last_error: str | None
    created_at: datetime
    delivered_at: datetime | None
    dead_at: datetime | None


class WebhookDeliveryPage(Page[WebhookDeliveryPublic]):
    """A page of deliveries."""


class WebhookAttemptPublic(SQLModel):
    """One try to deliver an event."""

    id: str
    delivery_id: str
    event_id: str
    event_type: EventType
    number: int
    outcome: AttemptOutcome
    started_at: datetime
    duration_ms: int | None
    status_code: int | None
    error: str | None


class WebhookAttemptPage(Page[WebhookAttemptPublic]):
    """A page of attempts, newest first."""
