"""Writing events to the outbox, in the transaction of the change that caused them."""

from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any, Protocol

import orjson
from sqlmodel import Session

from app.core.ids import new_id
from app.webhooks.models import EventType, WebhookEvent


def emit(session: Session, *, event_type: EventType | str, payload: dict[str, Any]) -> WebhookEvent:
    """Add one event to the outbox; it is sent only if the caller's transaction commits."""
    kind = EventType(event_type)
    now = datetime.now(UTC)
    body = {"type": kind.value, "timestamp": now.isoformat().replace("+00:00", "Z"), "data": payload}
    event = WebhookEvent(id=new_id("msg"), type=kind.value, body=orjson.dumps(body).decode(), created_at=now)
    session.add(event)
    return event


class _Agreement(Protocol):
    id: str
    title: str
    revision: int


def agreement_payload(agreement: _Agreement) -> dict[str, Any]:
    """What agreement.created and agreement.updated carry: enough to fetch the agreement, and its revision."""
    return {"agreement_id": agreement.id, "title": agreement.title, "revision": agreement.revision}


def _progress(entry: dict[str, Any], fulfilled: Callable[[dict[str, Any]], bool]) -> str | None:
    # The part of a commitment's state that does not depend on the day asked: overdue and stalled do.
    try:
        if fulfilled(entry):
            return "fulfilled"
    except (KeyError, TypeError):  # a snapshot written by an older version: its state is unknown, not an error
        return None
    return "in_progress" if entry.get("last_update_on") else "not_started"


def emit_state_changes(
    session: Session, *, before: str | None, after: dict[str, Any], fulfilled: Callable[[dict[str, Any]], bool]
) -> None:
    """Emit commitment.state_changed for each commitment whose progress differs between two status snapshots."""
    if not before:
        return
    previous = {e["commitment_id"]: _progress(e, fulfilled) for e in orjson.loads(before).get("commitments", [])}
    for entry in after.get("commitments", []):
        was = previous.get(entry["commitment_id"])
        now = _progress(entry, fulfilled)
        if was is not None and now is not None and was != now:
            emit(
                session,
                event_type=EventType.commitment_state_changed,
                payload={
                    "agreement_id": after["agreement_id"],
                    "commitment_id": entry["commitment_id"],
                    "previous_state": was,
                    "state": now,
                },
            )
