"""Every table, imported in one place so the metadata is complete for Alembic and the tests."""

from app.agreements.models import Agreement, AgreementParty, Commitment, CommitmentDeclaration, CommitmentTarget
from app.announcements.models import AnnouncedFigure, AnnouncedTotal
from app.audit.models import AuditEntry, AuditHead
from app.keys.models import ApiKey
from app.parties.models import Party
from app.reviews.models import AttributionDispute, UpdateReview
from app.status.models import HandoverFigure, RunningTotal, StatusSnapshot
from app.updates.models import FulfilmentUpdate, IdempotencyRecord, UpdateLine
from app.webhooks.models import WebhookAttempt, WebhookDelivery, WebhookEvent, WebhookSubscription

__all__ = [
    "Agreement",
    "AgreementParty",
    "AnnouncedFigure",
    "AnnouncedTotal",
    "ApiKey",
    "AttributionDispute",
    "AuditEntry",
    "AuditHead",
    "Commitment",
    "CommitmentDeclaration",
    "CommitmentTarget",
    "FulfilmentUpdate",
    "HandoverFigure",
    "IdempotencyRecord",
    "Party",
    "RunningTotal",
    "StatusSnapshot",
    "UpdateLine",
    "UpdateReview",
    "WebhookAttempt",
    "WebhookDelivery",
    "WebhookEvent",
    "WebhookSubscription",
]
