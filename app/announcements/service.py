"""Rules for announced running totals: recorded as claims about the cumulative figure, never added to the stages."""

from collections.abc import Sequence
from datetime import UTC, date, datetime
from typing import Any

from sqlmodel import Session, col, select

from app.agreements.service import get_agreement, get_agreement_for_update
from app.announcements.models import AnnouncedTotalCreate, AnnouncedTotalPublic
from app.core.db import count_of
from app.core.errors import InvalidInput
from app.core.ids import new_id
from app.keys.service import Caller
from app.models.announcement import AnnouncedFigure, AnnouncedTotal
from app.models.values import SourcePublic
from app.status.policy import StatusPolicy
from app.status.service import refresh_status
from app.updates.models import LinePublic
from app.updates.service import check_lines


def record_announcement(
    session: Session,
    *,
    agreement_id: str,
    announcement_in: AnnouncedTotalCreate,
    caller: Caller,
    policy: StatusPolicy,
) -> AnnouncedTotalPublic:
    """Record an announced running total; the status sets it beside the sum of the stages."""
    agreement = get_agreement_for_update(session, agreement_id=agreement_id)
    if announcement_in.stated_on > date.today():
        raise InvalidInput(f"stated_on {announcement_in.stated_on} is in the future.")
    if announcement_in.stated_on < agreement.concluded_on:
        raise InvalidInput(f"stated_on {announcement_in.stated_on} is before the agreement was concluded.")
    keys = [(f.commitment_id, f.recipient_id) for f in announcement_in.figures]
    if len(set(keys)) != len(keys):
        raise InvalidInput("each (commitment_id, recipient_id) pair may appear only once in an announcement")
    check_lines(session, agreement_id=agreement_id, lines=announcement_in.figures, label="figures")
    source = announcement_in.source
    announcement = AnnouncedTotal(
        id=new_id("ann"),
        agreement_id=agreement_id,
        claimant=announcement_in.claimant,
        stated_on=announcement_in.stated_on,
        source_url=source.url,
        source_title=source.title,
        source_publisher=source.publisher,
        source_published_on=source.published_on,
        note=announcement_in.note,
        created_at=datetime.now(UTC),
        created_by=caller.key_id,
    )
    session.add(announcement)
    session.flush()  # the figures refer to it; without relationships the flush order is ours to keep
    figures = [
        AnnouncedFigure(
            announcement_id=announcement.id,
            commitment_id=f.commitment_id,
            recipient_id=f.recipient_id,
            quantity=f.quantity,
            qualifier=f.qualifier.value,
        )
        for f in announcement_in.figures
    ]
    session.add_all(figures)
    session.flush()
    refresh_status(session, agreement=agreement, policy=policy)
    return _public(announcement, figures)


def _public(announcement: AnnouncedTotal, figures: Sequence[AnnouncedFigure]) -> AnnouncedTotalPublic:
    return AnnouncedTotalPublic(
        id=announcement.id,
        agreement_id=announcement.agreement_id,
        claimant=announcement.claimant,
        stated_on=announcement.stated_on,
        source=SourcePublic.of(announcement),
        note=announcement.note,
        figures=[LinePublic.of(f) for f in figures],
        created_at=announcement.created_at,
        created_by=announcement.created_by,
    )


def _announcements(agreement_id: str, changed_since: datetime | None) -> Any:
    query = select(AnnouncedTotal).where(AnnouncedTotal.agreement_id == agreement_id)
    if changed_since is not None:  # an announced total never changes once recorded
        query = query.where(col(AnnouncedTotal.created_at) >= changed_since)
    return query


def list_announcements(
    session: Session, *, agreement_id: str, after: str | None, limit: int, changed_since: datetime | None = None
) -> tuple[list[AnnouncedTotalPublic], bool]:
    """A page of an agreement's announced running totals, in the order they were recorded."""
    get_agreement(session, agreement_id=agreement_id)
    query = _announcements(agreement_id, changed_since).order_by(col(AnnouncedTotal.id)).limit(limit + 1)
    if after is not None:
        query = query.where(col(AnnouncedTotal.id) > after)
    announcements = list(session.exec(query))[: limit + 1]
    page = announcements[:limit]
    figures: dict[str, list[AnnouncedFigure]] = {a.id: [] for a in page}
    if page:
        for figure in session.exec(
            select(AnnouncedFigure)
            .where(col(AnnouncedFigure.announcement_id).in_(list(figures)))
            .order_by(col(AnnouncedFigure.id))
        ):
            figures[figure.announcement_id].append(figure)
    return [_public(a, figures[a.id]) for a in page], len(announcements) > limit


def count_announcements(session: Session, *, agreement_id: str, changed_since: datetime | None = None) -> int:
    """How many running totals have been announced for an agreement."""
    return count_of(session, _announcements(agreement_id, changed_since))
