"""The status document for a day, rendered from the ready document: the lean read path."""

import weakref
from collections import OrderedDict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import date
from typing import Any

import orjson

from app.models.values import CriteriaPublic, State
from app.status.arithmetic import (
    Progress,
    agreement_progress,
    commitment_progress,
    state_on,
)
from app.status.policy import StatusPolicy
from app.status.schemas import (
    AgreementStatus,
    Announced,
    CommitmentStatus,
    Discrepancy,
    Imbalance,
    RecipientStatus,
)


def _on(day: str | None) -> date | None:
    return date.fromisoformat(day) if day else None


def _rendered_recipient(entry: dict[str, Any], basis: str) -> RecipientStatus:
    chosen = entry[basis]
    received, target = chosen["received"], entry["target"]
    return RecipientStatus(
        recipient_id=entry["recipient_id"],
        recipient_name=entry["recipient_name"],
        target=target,
        target_qualifier=entry["target_qualifier"],
        received=received,
        percent=round(received * 100 / target, 1) if target else None,
        remaining=max(target - received, 0) if target is not None else None,
        exceeds_target=target is not None and received > target,
        handovers=chosen["handovers"],
        withheld_handovers=chosen["withheld_handovers"],
        approximate_lines=chosen["approximate_lines"],
        at_least_lines=chosen["at_least_lines"],
        received_is_exact=chosen["is_exact"],
        received_is_lower_bound=chosen["is_lower_bound"],
        reported_received=entry["reported"]["received"],
        verified_received=entry["verified"]["received"],
        verified_handovers=entry["verified"]["handovers"],
        verified_is_lower_bound=entry["verified"]["is_lower_bound"],
        received_excluding_disputed_attribution=(
            entry["received_excluding_disputed_attribution"] if basis == "reported" else None
        ),
        disputed_attribution_handovers=entry["disputed_attribution_handovers"],
        discrepancies=entry["discrepancies"],
        last_update_on=_on(entry["last_update_on"]),
        announced=Announced.model_validate(entry["announced"]) if entry["announced"] else None,
    )


def _imbalance(recipients: Sequence[RecipientStatus]) -> Imbalance | None:
    if len(recipients) < 2:
        return None
    ordered = sorted(recipients, key=lambda r: r.received, reverse=True)
    most, least = ordered[0], ordered[-1]
    return Imbalance(
        most_received_id=most.recipient_id,
        least_received_id=least.recipient_id,
        difference=most.received - least.received,
        ratio=round(most.received / least.received, 2) if least.received else None,
    )


def render_status(body: dict[str, Any], *, revision: int, today: date, policy: StatusPolicy) -> AgreementStatus:
    """The full status document for `today` from a ready document."""
    basis, stall_days = policy.basis, policy.stall_days
    concluded_on = date.fromisoformat(body["concluded_on"])

    def on_the_day(progress: Progress, last: date | None) -> State:
        return state_on(progress, last_update_on=last, today=today, stall_days=stall_days)

    commitments = []
    for entry in body["commitments"]:
        last = _on(entry["last_update_on"])
        recipients = [_rendered_recipient(r, basis) for r in entry["recipients"]]
        commitments.append(
            CommitmentStatus(
                commitment_id=entry["commitment_id"],
                category=entry["category"],
                measure=entry["measure"],
                state=on_the_day(commitment_progress(entry, basis=basis), last),
                description=entry["description"],
                criteria=CriteriaPublic.model_validate(entry["criteria"]) if entry["criteria"] else None,
                due_on=_on(entry["due_on"]),
                declared_complete_on=_on(entry["declared_complete_on"]),
                last_update_on=last,
                days_since_last_update=(today - last).days if last else None,
                imbalance=_imbalance(recipients),
                discrepancies=[Discrepancy.model_validate(d) for d in entry["discrepancies"]],
                recipients=recipients,
            )
        )
    last_update_on = _on(body["last_update_on"])
    return AgreementStatus(
        agreement_id=body["agreement_id"],
        title=body["title"],
        state=on_the_day(agreement_progress(body, basis=basis), last_update_on),
        as_of=today,
        basis=basis,
        revision=revision,
        stall_days=stall_days,
        concluded_on=concluded_on,
        last_update_on=last_update_on,
        days_since_last_update=(today - last_update_on).days if last_update_on else None,
        commitments=commitments,
        unattributed=[_rendered_recipient(r, basis) for r in body["unattributed"]],
        unattributed_discrepancies=[Discrepancy.model_validate(d) for d in body["unattributed_discrepancies"]],
    )


@dataclass(frozen=True)
class RenderedStatus:
    """A status document ready to send, with its validator."""

    revision: int
    today: date
    etag: str
    content: bytes
    # The reader's count of changes heard for the agreement when the revision was last read (see `trusted`).
    heard: tuple[int, int] = (0, 0)


_READERS: "weakref.WeakSet[StatusReader]" = weakref.WeakSet()


def forget_rendered(agreement_ids: Iterable[str]) -> None:
    """Tell every reader of this process that these agreements' documents changed (a write here committed)."""
    ids = list(agreement_ids)
    for reader in list(_READERS):
        for agreement_id in ids:
            reader.changed(agreement_id)


class StatusReader:
    """The lean read path: one row by primary key, rendered once per revision and day.

    A rendering is answered again after asking the database only for the revision; while `trusted` (a
    listener hears every change of a document, as PostgreSQL's notifications are), without asking at all,
    until a change of that agreement is heard.
    """

    def __init__(self, *, policy: StatusPolicy, capacity: int = 4096) -> None:
        self._policy = policy
        self._capacity = capacity
        self._rendered: OrderedDict[str, RenderedStatus] = OrderedDict()
        self.trusted = False
        self._epoch = 0
        self._heard: dict[str, int] = {}
        _READERS.add(self)

    def _count(self, agreement_id: str) -> tuple[int, int]:
        return self._epoch, self._heard.get(agreement_id, 0)

    def changed(self, agreement_id: str) -> None:
        """An agreement's document changed: its rendering must be checked again (any thread may call this)."""
        self._heard[agreement_id] = self._heard.get(agreement_id, 0) + 1
        self._rendered.pop(agreement_id, None)

    def trust(self, trusted: bool) -> None:
        """Start or stop answering renderings without asking; either way every earlier one is checked again."""
        self.trusted = False
        self._epoch += 1
        self._heard.clear()
        self.trusted = trusted

    @staticmethod
    def etag(revision: int, today: date, policy: StatusPolicy) -> str:
        """The validator of a status: it changes with the revision, the day and the policy."""
        return f'"s{revision}.{today:%Y%m%d}.{policy.tag}"'

    def read(self, connection: Any, *, agreement_id: str, today: date) -> RenderedStatus | None:
        """The status of an agreement, or None when there is no such agreement.

        When a rendering of the agreement is kept, only its revision is asked for: the document itself
        crosses from the database only when it changed.
        """
        # Counted before asking: a change heard while the database answers leaves the answer unconfirmed.
        heard = self._count(agreement_id)
        cached = self._rendered.get(agreement_id)
        if cached is not None and cached.today == today:
            if self.trusted and cached.heard == heard:
                return cached
            revision = _first(connection, text_revision_query(connection), agreement_id)
            if revision is None:
                return None
            if revision[0] == cached.revision:
                if cached.heard != heard:
                    cached = self._rendered[agreement_id] = replace(cached, heard=heard)
                return cached
        row = _first(connection, text_status_query(connection), agreement_id)
        if row is None:
            return None
        revision_now, body = row
        document = render_status(orjson.loads(body), revision=revision_now, today=today, policy=self._policy)
        rendered = RenderedStatus(
            revision=revision_now,
            today=today,
            etag=self.etag(revision_now, today, self._policy),
            content=document.model_dump_json().encode(),
            heard=heard,
        )
        self._rendered[agreement_id] = rendered
        self._rendered.move_to_end(agreement_id)
        if len(self._rendered) > self._capacity:
            self._rendered.popitem(last=False)
        return rendered


def _first(connection: Any, sql: str, agreement_id: str) -> Any:
    cursor = connection.execute(sql, (agreement_id,))
    row = cursor.fetchone()
    cursor.close()
    return row


def _marker(connection: Any) -> str:
    return "%s" if "psycopg" in type(connection).__module__ else "?"


def text_revision_query(connection: Any) -> str:
    """The revision of an agreement's ready document, in the driver's own parameter style."""
    return f"SELECT revision FROM status_snapshot WHERE agreement_id = {_marker(connection)}"  # noqa: S608


def text_status_query(connection: Any) -> str:
    """The one query of the read path, in the driver's own parameter style."""
    return f"SELECT revision, body FROM status_snapshot WHERE agreement_id = {_marker(connection)}"  # noqa: S608
