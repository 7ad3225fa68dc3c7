"""Every table, imported in one place so the metadata is complete for Alembic and the tests.

The tables several domains read (the ledger's records and its running totals) and the value types
they share live in this package, below every domain package, so imports run one way: a domain's
service may read any of them, and the status projection reads them without importing a domain.
The key, audit and webhook tables stay with the one package that reads them."""

from app.audit.models import AuditEntry, AuditHead
from app.keys.models import ApiKey
from app.models.agreement import (
    Agreement,
    AgreementParty,
    AgreementTitle,
    Commitment,
    CommitmentDeclaration,
    CommitmentTarget,
)
from app.models.alert import Alert
from app.models.announcement import AnnouncedFigure, AnnouncedTotal
from app.models.party import Party, PartyNameKey
from app.models.review import AttributionDispute, UpdateReview
from app.models.status import HandoverFigure, RunningTotal, StatusSnapshot
from app.models.update import FulfilmentUpdate, IdempotencyRecord, UpdateLine
from app.webhooks.models import WebhookAttempt, WebhookDelivery, WebhookEvent, WebhookSubscription

__all__ = [
    "Agreement",
    "AgreementParty",
    "AgreementTitle",
    "Alert",
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
    "PartyNameKey",
    "RunningTotal",
    "StatusSnapshot",
    "UpdateLine",
    "UpdateReview",
    "WebhookAttempt",
    "WebhookDelivery",
    "WebhookEvent",
    "WebhookSubscription",
]
