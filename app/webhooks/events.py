"""Writing events to the outbox, in the transaction of the change that caused them."""

from collections.abc import Mapping
from datetime import UTC, datetime
from typing import Any, Protocol

import orjson
from sqlalchemy import insert
from sqlmodel import Session

from app.core.db import insert_later, table_of
from app.core.ids import new_id
from app.webhooks.models import EventType, WebhookEvent

EVENTS = insert(table_of(WebhookEvent))


def emit(session: Session, *, event_type: EventType | str, payload: dict[str, Any]) -> str:
    """Add one event to the outbox (its id returned); it is sent only if the caller's transaction commits."""
    kind = EventType(event_type)
    now = datetime.now(UTC)
    body = {"type": kind.value, "timestamp": now.isoformat().replace("+00:00", "Z"), "data": payload}
    event_id = new_id("msg")
    insert_later(
        session,
        EVENTS,
        [{"id": event_id, "type": kind.value, "body": orjson.dumps(body).decode(), "created_at": now}],
    )
    return event_id


class _Agreement(Protocol):
    id: str
    title: str
    revision: int


def agreement_payload(agreement: _Agreement) -> dict[str, Any]:
    """What agreement.created and agreement.updated carry: enough to fetch the agreement, and its revision."""
    return {"agreement_id": agreement.id, "title": agreement.title, "revision": agreement.revision}


def emit_state_changes(
    session: Session, *, agreement_id: str, before: Mapping[str, str], after: Mapping[str, str]
) -> None:
    """Emit commitment.state_changed for each commitment whose progress moved between two snapshots."""
    for commitment_id, now in after.items():
        was = before.get(commitment_id)
        if was is not None and was != now:
            emit(
                session,
                event_type=EventType.commitment_state_changed,
                payload={
                    "agreement_id": agreement_id,
                    "commitment_id": commitment_id,
                    "previous_state": was,
                    "state": now,
                },
            )
