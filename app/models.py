"""Every table, imported in one place so the metadata is complete for Alembic and the tests."""

from app.agreements.models import Agreement, AgreementParty, Commitment, CommitmentTarget
from app.keys.models import ApiKey
from app.parties.models import Party
from app.status.models import RunningTotal, StatusSnapshot
from app.updates.models import FulfilmentUpdate, IdempotencyRecord, UpdateLine
from app.webhooks.models import WebhookAttempt, WebhookDelivery, WebhookEvent, WebhookSubscription

__all__ = [
    "Agreement",
    "AgreementParty",
    "ApiKey",
    "Commitment",
    "CommitmentTarget",
    "FulfilmentUpdate",
    "IdempotencyRecord",
    "Party",
    "RunningTotal",
    "StatusSnapshot",
    "UpdateLine",
    "WebhookAttempt",
    "WebhookDelivery",
    "WebhookEvent",
    "WebhookSubscription",
]
