"""What the public pages read: ready status documents, a bounded list of updates, per-day series and party summaries."""

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

import orjson
from sqlalchemy import func
from sqlalchemy import select as sa_select
from sqlmodel import Session, col, select

from app.agreements.models import AgreementPublic
from app.agreements.service import AgreementFilter, list_agreements, to_public
from app.core.languages import DEFAULT_LANGUAGE, in_language
from app.models.agreement import Agreement, AgreementParty
from app.models.party import Party
from app.models.status import StatusSnapshot
from app.models.update import FulfilmentUpdate
from app.models.values import UNATTRIBUTED, Category, State
from app.parties.service import party_names
from app.status.past import timeline
from app.status.policy import StatusPolicy
from app.status.render import render_status
from app.summaries.models import Interval, Summary
from app.summaries.service import SummaryFilter, summarize, summary_in_language
from app.updates.service import with_lines

LATEST_UPDATES = 10
MAX_AGREEMENTS_OF_A_PARTY = 100
MAX_PARTIES_IN_FILTER = 500


@dataclass(frozen=True)
class Filters:
    """The index page's filters; None means any."""

    party_id: str | None = None
    category: Category | None = None
    state: State | None = None


@dataclass
class ListedAgreement:
    """One agreement on the index: what the API shows of it, and its status for today."""

    agreement: AgreementPublic
    status: dict[str, Any]


@dataclass
class IndexData:
    """Everything the index page shows."""

    agreements: list[ListedAgreement]
    parties: list[tuple[str, str]]  # (id, name in the page's language), in the order of the names
    next_after: str | None


@dataclass(frozen=True)
class DayFigure:
    """Where one party's total under one term stood after the handovers of one day."""

    on: date
    cumulative: int
    lower_bound: bool


@dataclass
class DetailData:
    """What the agreement page shows beyond the status document."""

    agreement: AgreementPublic
    latest_updates: list[dict[str, Any]]
    # bucket (commitment id or 'unattributed') -> recipient id -> days in order
    series: dict[str, dict[str, list[DayFigure]]] = field(default_factory=dict)


def statuses(
    session: Session, *, agreement_ids: Sequence[str], today: date, policy: StatusPolicy
) -> dict[str, dict[str, Any]]:
    """Status documents for today, rendered from the ready snapshots in one query (no summing)."""
    if not agreement_ids:
        return {}
    snapshots = session.exec(select(StatusSnapshot).where(col(StatusSnapshot.agreement_id).in_(agreement_ids)))
    return {
        # Pages read the status as API clients do: its JSON form.
        s.agreement_id: render_status(orjson.loads(s.body), revision=s.revision, today=today, policy=policy).model_dump(
            mode="json"
        )
        for s in snapshots
    }


@dataclass
class Listing:
    """The agreements an index page shows, and what its validator depends on."""

    agreements: list[Agreement]
    next_after: str | None
    parties_known: tuple[int, str | None]  # parties are never renamed: their count and last id change with them


def listing(session: Session, *, filters: Filters, after: str | None, limit: int, policy: StatusPolicy) -> Listing:
    """A page of agreements matching the filters (rows only: cheap enough to answer 304 from)."""
    found = list_agreements(
        session,
        after=after,
        limit=limit,
        filters=AgreementFilter(
            states=(filters.state,) if filters.state else (),
            party_id=filters.party_id,
            categories=(filters.category,) if filters.category else (),
        ),
        policy=policy,
    )
    count, last = session.execute(sa_select(func.count(), func.max(col(Party.id))).select_from(Party)).one()
    page = found[:limit]
    return Listing(
        agreements=page,
        next_after=page[-1].id if len(found) > limit else None,
        parties_known=(int(count), last),
    )


def name_in(party: Party, language: str) -> str:
    """A party's name in a language, else in English."""
    return in_language(party_names(party), language, fallback=party.name)


def recipients_in_language(session: Session, documents: Sequence[dict[str, Any]], *, language: str) -> None:
    """Status documents' recipient names put in `language` (the ready documents hold English ones), one query."""
    if language == DEFAULT_LANGUAGE:
        return
    recipients = [r for d in documents for c in d["commitments"] for r in c["recipients"]]
    recipients += [r for d in documents for r in d["unattributed"]]
    ids = {r["recipient_id"] for r in recipients}
    if not ids:
        return
    names = {party.id: name_in(party, language) for party in session.exec(select(Party).where(col(Party.id).in_(ids)))}
    for recipient in recipients:
        recipient["recipient_name"] = names.get(recipient["recipient_id"], recipient["recipient_name"])


def index_data(
    session: Session, *, listed: Listing, today: date, policy: StatusPolicy, language: str = DEFAULT_LANGUAGE
) -> IndexData:
    """The listed agreements as the API shows them, with their statuses, and the parties to filter by."""
    public = to_public(session, listed.agreements, policy=policy, committed=True, language=language)
    by_id = statuses(session, agreement_ids=[a.id for a in listed.agreements], today=today, policy=policy)
    recipients_in_language(session, list(by_id.values()), language=language)
    parties = sorted(
        ((p.id, name_in(p, language)) for p in session.exec(select(Party).limit(MAX_PARTIES_IN_FILTER))),
        key=lambda p: p[1].casefold(),
    )
    return IndexData(
        agreements=[ListedAgreement(a, by_id[a.id]) for a in public if a.id in by_id],
        parties=parties,
        next_after=listed.next_after,
    )


def latest_updates(session: Session, *, agreement_id: str, limit: int = LATEST_UPDATES) -> list[dict[str, Any]]:
    """The most recent handovers of an agreement, as the API shows them (with whatever fields it adds)."""
    updates = list(
        session.exec(
            select(FulfilmentUpdate)
            .where(FulfilmentUpdate.agreement_id == agreement_id)
            .order_by(col(FulfilmentUpdate.occurred_on).desc(), col(FulfilmentUpdate.id).desc())
            .limit(limit)
        )
    )
    return [update.model_dump(mode="json") for update in with_lines(session, updates)]


def daily_series(session: Session, *, agreement_id: str, policy: StatusPolicy) -> dict[str, dict[str, list[DayFigure]]]:
    """Per term and receiving party, the running total after each day with a handover (the status timeline)."""
    field_name = "verified_received" if policy.basis == "verified" else "received"
    series: dict[str, dict[str, list[DayFigure]]] = {}
    for entry in timeline(session, agreement_id=agreement_id)["series"]:
        series.setdefault(entry["commitment_id"] or UNATTRIBUTED, {})[entry["recipient_id"]] = [
            DayFigure(date.fromisoformat(point["date"]), point[field_name], point["received_is_lower_bound"])
            for point in entry["points"]
        ]
    return series


def detail_data(
    session: Session, *, agreement_id: str, policy: StatusPolicy, language: str = DEFAULT_LANGUAGE
) -> DetailData | None:
    """The agreement as the API shows it, its latest updates and its per-day series; None if unknown."""
    agreement = session.get(Agreement, agreement_id)
    if agreement is None:
        return None
    return DetailData(
        agreement=to_public(session, [agreement], policy=policy, committed=True, language=language)[0],
        latest_updates=latest_updates(session, agreement_id=agreement_id),
        series=daily_series(session, agreement_id=agreement_id, policy=policy),
    )


@dataclass
class PartyData:
    """What a party's page shows: its summary as the API gives it (per month too) and the agreements it is in."""

    summary: Summary
    agreements: list[AgreementPublic]
    more_agreements: bool  # beyond MAX_AGREEMENTS_OF_A_PARTY: the page links to the filtered list instead


def party_revisions(session: Session, *, party_id: str) -> list[tuple[str, int]] | None:
    """The revision of every agreement (and record outside agreements) the party is in; None if no such party.

    Everything its summary adds up comes from these rows, and a handover or a review moves their revision.
    """
    if session.get(Party, party_id) is None:
        return None
    rows = session.execute(
        sa_select(col(Agreement.id), col(Agreement.revision))
        .join(AgreementParty, col(AgreementParty.agreement_id) == col(Agreement.id))
        .where(col(AgreementParty.party_id) == party_id)
        .order_by(col(Agreement.id))
    )
    return [(agreement_id, int(revision)) for agreement_id, revision in rows]


def party_data(
    session: Session, *, party_id: str, policy: StatusPolicy, today: date, language: str = DEFAULT_LANGUAGE
) -> PartyData:
    """The party's summary across agreements with its monthly series, from the summaries' own service, and
    the agreements it is part of (NotFound if no such party), names and titles in `language`."""
    summary = summarize(
        session, party_id=party_id, filters=SummaryFilter(), interval=Interval.month, policy=policy, today=today
    )
    summary = summary_in_language(session, summary, language=language)
    found = list_agreements(
        session,
        after=None,
        limit=MAX_AGREEMENTS_OF_A_PARTY,
        filters=AgreementFilter(party_id=party_id),
        policy=policy,
    )
    shown = found[:MAX_AGREEMENTS_OF_A_PARTY]
    return PartyData(
        summary=summary,
        agreements=to_public(session, shown, policy=policy, committed=True, language=language),
        more_agreements=len(found) > MAX_AGREEMENTS_OF_A_PARTY,
    )
