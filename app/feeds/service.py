"""Atom feeds of fulfilment updates and alerts: what was received by whom, and which terms stalled or fell
overdue, newest first, with stable entry ids."""

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from xml.etree.ElementTree import Element, SubElement, tostring

from sqlmodel import Session, col, select

from app.agreements.service import get_agreement
from app.models.agreement import Agreement, Commitment
from app.models.alert import Alert
from app.models.update import FulfilmentUpdate
from app.models.values import AgreementKind, Qualifier, State
from app.parties.service import get_parties
from app.updates.models import UpdatePublic
from app.updates.service import with_lines

ATOM = "http://www.w3.org/2005/Atom"
TAG_AUTHORITY = "exchange-ledger.org,2025"
FEED_SIZE = 50


@dataclass(frozen=True)
class FeedLinks:
    """Where the feed and the documents it points at live."""

    base_url: str
    self_url: str


def _number(value: int) -> str:
    return f"{value:,}"


def _received_phrase(lines: Sequence[tuple[int | None, Qualifier]]) -> str:
    known = sum(quantity or 0 for quantity, _ in lines)
    withheld = any(quantity is None for quantity, _ in lines)
    if withheld and not known:
        return "an undisclosed number"
    if withheld or any(q is Qualifier.at_least for _, q in lines):
        return f"at least {_number(known)}"
    if any(q is Qualifier.approximate for _, q in lines):
        return f"about {_number(known)}"
    return _number(known)


def entry_title(update: UpdatePublic, names: dict[str, str]) -> str:
    """What happened, in a line: 'Stage 2: 6,057 received by Ukraine, 78 by Russian Federation'."""
    by_recipient: dict[str, list[tuple[int | None, Qualifier]]] = defaultdict(list)
    for line in update.lines:
        by_recipient[line.recipient_id].append((line.quantity, line.qualifier))
    parts = [
        f"{_received_phrase(lines)} {'received by ' if index == 0 else 'by '}{names.get(recipient_id, recipient_id)}"
        for index, (recipient_id, lines) in enumerate(by_recipient.items())
    ]
    head = (
        f"Stage {update.stage}" if update.stage else f"Handover of {update.occurred_on.day} {update.occurred_on:%B %Y}"
    )
    return f"{head}: {', '.join(parts)}"


CLAIM_KINDS = {
    "first": "first report",
    "further": "further claim about a handover already reported",
    "correction": "correction",
}
REVIEW_PHRASES = {
    "reported": "not reviewed yet",
    "verified": "verified",
    "disputed": "disputed by a reviewer",
    "rejected": "rejected: not counted",
}


def claim_kind(update: UpdatePublic) -> str:
    """What the claim is: a handover's first report, a further claim about it, or a correction."""
    if update.supersedes is not None:
        return CLAIM_KINDS["correction"]
    if update.claim_of is not None:
        return CLAIM_KINDS["further"]
    return CLAIM_KINDS["first"]


def standing_phrase(update: UpdatePublic) -> str:
    """Its review state in words, or that a correction replaced it."""
    if update.superseded_by is not None:
        return "replaced by a correction: not counted"
    return REVIEW_PHRASES.get(update.review_state.value, update.review_state.value)


def _summary(update: UpdatePublic, agreement_title: str) -> str:
    where = f" at {update.location}" if update.location else ""
    source = update.source
    named = ", ".join(p for p in (source.publisher, source.title, source.url) if p)
    return (
        f"{agreement_title}: handover on {update.occurred_on.isoformat()}{where}; {claim_kind(update)}, "
        f"{standing_phrase(update)}. Source: {named or 'not named'}."
    )


def _text(parent: Element, tag: str, text: str, **attributes: str) -> Element:
    element = SubElement(parent, tag, attributes)
    element.text = text
    return element


def _changed(update: UpdatePublic) -> datetime:
    return update.changed_at or update.created_at


def _moment(value: datetime) -> str:
    return value.astimezone(UTC).isoformat().replace("+00:00", "Z")


def _latest_updates(session: Session, *, agreement_id: str | None) -> list[UpdatePublic]:
    # Latest change first (recorded, reviewed, corrected): a review brings its entry back with a new
    # `updated`. Never by id: an imported id is the file's choice.
    query = (
        select(FulfilmentUpdate)
        .order_by(col(FulfilmentUpdate.changed_at).desc(), col(FulfilmentUpdate.id).desc())
        .limit(FEED_SIZE)
    )
    if agreement_id is not None:
        query = query.where(FulfilmentUpdate.agreement_id == agreement_id)
    return with_lines(session, list(session.exec(query)))


def _latest_alerts(session: Session, *, agreement_id: str | None) -> list[Alert]:
    query = select(Alert).order_by(col(Alert.raised_at).desc(), col(Alert.id).desc()).limit(FEED_SIZE)
    if agreement_id is not None:
        query = query.where(Alert.agreement_id == agreement_id)
    return list(session.exec(query))


def _long_date(day: date) -> str:
    return f"{day.day} {day:%B %Y}"


def alert_title(alert: Alert, *, category: str | None) -> str:
    """What an alert says, in a line: 'Term stalled: Remains, no handover since 16 June 2025'."""
    since = _long_date(alert.since)
    if category is None:
        if alert.state == State.overdue:
            return f"Agreement overdue: a term was due on {since} and is not fulfilled"
        return f"Agreement stalled: no handover under any term since {since}"
    term = category.replace("_", " ").capitalize()
    if alert.state == State.overdue:
        return f"Term overdue: {term}, due on {since} and not fulfilled"
    return f"Term stalled: {term}, no handover since {since}"


def update_page(update: UpdatePublic, *, outside: bool, base_url: str) -> str:
    """The page that shows a handover: its agreement's, or, for one outside any agreement (which has no page
    of its own), the page of the party that received it (the first named, when both did)."""
    if outside and update.lines:
        return f"{base_url}/parties/{update.lines[0].recipient_id}"
    return f"{base_url}/agreements/{update.agreement_id}#update-{update.id}"


def _update_entry(
    feed: Element,
    update: UpdatePublic,
    *,
    names: dict[str, str],
    titles: dict[str, str],
    outside: set[str],
    links: FeedLinks,
) -> None:
    entry = SubElement(feed, "entry")
    _text(entry, "id", f"tag:{TAG_AUTHORITY}:updates/{update.id}")
    _text(entry, "title", f"{entry_title(update, names)} ({claim_kind(update)}; {standing_phrase(update)})")
    _text(entry, "updated", _moment(_changed(update)))
    _text(entry, "published", _moment(update.created_at))
    page = update_page(update, outside=update.agreement_id in outside, base_url=links.base_url)
    SubElement(entry, "link", {"rel": "alternate", "type": "text/html", "href": page})
    SubElement(
        entry,
        "link",
        {"rel": "related", "type": "application/json", "href": f"{links.base_url}/api/v1/updates/{update.id}"},
    )
    state = "superseded" if update.superseded_by is not None else update.review_state.value
    SubElement(entry, "category", {"term": state, "scheme": f"tag:{TAG_AUTHORITY}:review-state"})
    _text(entry, "summary", _summary(update, titles.get(update.agreement_id, update.agreement_id)))


def _alert_entry(
    feed: Element, alert: Alert, *, categories: dict[str, str], titles: dict[str, str], links: FeedLinks
) -> None:
    entry = SubElement(feed, "entry")
    title = alert_title(alert, category=categories.get(alert.commitment_id) if alert.commitment_id else None)
    _text(entry, "id", f"tag:{TAG_AUTHORITY}:alerts/{alert.id}")
    _text(entry, "title", title)
    _text(entry, "updated", _moment(alert.raised_at))
    _text(entry, "published", _moment(alert.raised_at))
    anchor = f"#commitment-{alert.commitment_id}" if alert.commitment_id else ""
    page = f"{links.base_url}/agreements/{alert.agreement_id}{anchor}"
    SubElement(entry, "link", {"rel": "alternate", "type": "text/html", "href": page})
    status = f"{links.base_url}/api/v1/agreements/{alert.agreement_id}/status"
    SubElement(entry, "link", {"rel": "related", "type": "application/json", "href": status})
    SubElement(entry, "category", {"term": alert.state, "scheme": f"tag:{TAG_AUTHORITY}:alert"})
    _text(
        entry,
        "summary",
        f"{titles.get(alert.agreement_id, alert.agreement_id)}: {title}. "
        f"Alert raised on {_long_date(alert.raised_at.date())}; the status says where it stands now.",
    )


def render_feed(session: Session, *, agreement_id: str | None, links: FeedLinks) -> bytes:
    """The Atom document of the latest updates and alerts, overall or of one agreement (NotFound if it does
    not exist)."""
    agreement = get_agreement(session, agreement_id=agreement_id) if agreement_id is not None else None
    updates = _latest_updates(session, agreement_id=agreement_id)
    alerts = _latest_alerts(session, agreement_id=agreement_id)
    names = {
        party.id: party.name
        for party in get_parties(session, party_ids={line.recipient_id for u in updates for line in u.lines}).values()
    }
    agreement_ids = {u.agreement_id for u in updates} | {a.agreement_id for a in alerts}
    agreements = (
        list(session.exec(select(Agreement).where(col(Agreement.id).in_(agreement_ids)))) if agreement_ids else []
    )
    titles = {a.id: a.title for a in agreements}
    outside = {a.id for a in agreements if a.kind == AgreementKind.outside}
    commitment_ids = {a.commitment_id for a in alerts if a.commitment_id is not None}
    categories = (
        {c.id: c.category for c in session.exec(select(Commitment).where(col(Commitment.id).in_(commitment_ids)))}
        if commitment_ids
        else {}
    )
    # Both kinds of entry, newest first, FEED_SIZE in all.
    items: list[tuple[datetime, str, UpdatePublic | Alert]] = [(_changed(u), u.id, u) for u in updates]
    items += [(a.raised_at, a.id, a) for a in alerts]
    entries = sorted(
        items,
        key=lambda item: (item[0], item[1]),
        reverse=True,
    )[:FEED_SIZE]

    feed = Element("feed", {"xmlns": ATOM})
    if agreement is not None:
        _text(feed, "id", f"tag:{TAG_AUTHORITY}:feeds/agreements/{agreement.id}")
        _text(feed, "title", f"{agreement.title}: fulfilment updates")
        alternate = f"{links.base_url}/agreements/{agreement.id}"
        data = f"{links.base_url}/api/v1/agreements/{agreement.id}/updates"
    else:
        _text(feed, "id", f"tag:{TAG_AUTHORITY}:feeds/updates")
        _text(feed, "title", "exchange-ledger: fulfilment updates")
        alternate = f"{links.base_url}/"
        data = f"{links.base_url}/api/v1/updates"
    _text(
        feed,
        "subtitle",
        "Handovers reported by monitors, with their sources, latest change first: each entry says what the claim "
        "is and whether it was verified, rejected or replaced, and comes back when that changes. Alerts say when "
        "a term or an agreement stalled or fell overdue.",
    )
    newest = entries[0][0] if entries else (agreement.changed_at if agreement else datetime.now(UTC))
    _text(feed, "updated", _moment(newest))
    SubElement(feed, "link", {"rel": "self", "type": "application/atom+xml", "href": links.self_url})
    SubElement(feed, "link", {"rel": "alternate", "type": "text/html", "href": alternate})
    SubElement(feed, "link", {"rel": "related", "type": "application/json", "href": data})
    author = SubElement(feed, "author")
    _text(author, "name", "exchange-ledger")
    for _, _, item in entries:
        if isinstance(item, Alert):
            _alert_entry(feed, item, categories=categories, titles=titles, links=links)
        else:
            _update_entry(feed, item, names=names, titles=titles, outside=outside, links=links)
    document: bytes = tostring(feed, encoding="utf-8", xml_declaration=True)
    return document
