"""Exports: agreements with their status, and every update line, read in key-ordered batches."""

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

import orjson
from sqlalchemy import Select, and_, func, literal, select, tuple_
from sqlalchemy.engine import Connection
from sqlalchemy.orm import Mapped, aliased
from sqlmodel import Session, col

from app.agreements.service import AgreementFilter, get_agreement
from app.core.db import Database
from app.core.languages import SUPPORTED_LANGUAGES
from app.exports.formats import Column
from app.models.agreement import Agreement, AgreementParty, AgreementTitle, Commitment
from app.models.party import Party
from app.models.status import HandoverFigure, StatusSnapshot
from app.models.update import FulfilmentUpdate, UpdateLine
from app.models.values import UNATTRIBUTED, PartyRole, ReviewState
from app.parties.countries import alpha_3
from app.parties.service import party_names
from app.status.arithmetic import line_counted
from app.status.policy import StatusPolicy
from app.status.render import render_status
from app.status.schemas import AgreementStatus, RecipientStatus
from app.summaries.models import Summary
from app.terms.describe import for_column
from app.terms.texts import in_language

BATCH_SIZE = 2000


def _columns(export: str, *declared: tuple[str, str]) -> tuple[Column, ...]:
    """An export's columns (header, HXL hashtag), each described by the data dictionary."""
    columns: list[Column] = []
    for name, hxl in declared:
        columns.append(Column(name, hxl, for_column(export, name)))
        if name in IN_EACH_LANGUAGE:
            columns.extend(_in_each_language(export, name, hxl))
    return tuple(columns)


# Names and titles also given in each supported language, a column each, tagged with HXL's +i_<tag>.
IN_EACH_LANGUAGE = {"agreement_title", "parties", "recipient_name"}


def _in_each_language(export: str, name: str, hxl: str) -> tuple[Column, ...]:
    """`<name>_<tag>` for each language, described as the column it translates."""
    return tuple(
        Column(f"{name}_{tag}", f"{hxl}+i_{tag}", in_language(for_column(export, name), tag))
        for tag in SUPPORTED_LANGUAGES
    )


AGREEMENT_COLUMNS = _columns(
    "agreements",
    ("agreement_id", "#activity+id"),
    ("agreement_title", "#activity+name"),
    ("concluded_on", "#date+concluded"),
    ("venue", "#loc+venue"),
    ("parties", "#group+party+name"),
    ("agreement_state", "#status+agreement"),
    ("commitment_id", "#meta+commitment+id"),
    ("category", "#beneficiary+code"),
    ("measure", "#meta+measure"),
    ("commitment_state", "#status+commitment"),
    ("due_on", "#date+due"),
    ("recipient_id", "#group+recipient+id"),
    ("recipient_name", "#group+recipient+name"),
    ("recipient_country_code", "#country+code"),
    ("target", "#targeted"),
    ("received", "#affected+received"),
    ("percent", "#affected+received+pct"),
    ("remaining", "#targeted+remaining"),
    ("handovers", "#meta+handovers"),
    ("received_is_lower_bound", "#meta+lower_bound"),
    ("last_update_on", "#date+updated"),
)

UPDATE_COLUMNS = _columns(
    "updates",
    ("update_id", "#meta+update+id"),
    ("agreement_id", "#activity+id"),
    ("occurred_on", "#date+occurred"),
    ("stage", "#event+stage"),
    ("location", "#loc+name"),
    ("source_publisher", "#meta+source"),
    ("source_title", "#meta+source+title"),
    ("source_url", "#meta+source+url"),
    ("source_published_on", "#date+reported"),
    ("note", "#description+notes"),
    ("commitment_id", "#meta+commitment+id"),
    ("category", "#beneficiary+code"),
    ("recipient_id", "#group+recipient+id"),
    ("recipient_name", "#group+recipient+name"),
    ("recipient_country_code", "#country+code"),
    ("quantity", "#affected+received"),
    ("qualifier", "#meta+qualifier"),
    ("created_at", "#date+recorded"),
    ("handover_id", "#meta+handover+id"),
    ("claim_of", "#meta+claim_of"),
    ("supersedes", "#meta+supersedes"),
    ("superseded_by", "#meta+superseded_by"),
    ("review_state", "#status+review"),
    ("attribution_disputed", "#meta+disputed"),
    ("counted", "#meta+counted"),
    ("idempotency_key", "#meta+idempotency_key"),
)


def check_agreement(session: Session, *, agreement_id: str) -> None:
    """NotFound unless the agreement exists, checked before a stream starts."""
    get_agreement(session, agreement_id=agreement_id)


def _batches(
    database: Database, statement: Select[*tuple[Any, ...]], *, keys: tuple[Mapped[Any], ...]
) -> Iterator[list[tuple[Any, ...]]]:
    """The statement's rows in key order, a batch at a time, each read on a connection returned before it is yielded."""
    # Paging by key rather than holding a cursor: a client that reads slowly or not at all holds no connection.
    paged = statement.add_columns(*keys).order_by(*keys).limit(BATCH_SIZE)
    after: tuple[Any, ...] | None = None
    while True:
        page = paged if after is None else paged.where(tuple_(*keys) > tuple_(*after))
        with database.engine.connect() as connection:
            rows = connection.execute(page).all()
        if rows:
            yield [tuple(row[: -len(keys)]) for row in rows]
        if len(rows) < BATCH_SIZE:
            return
        after = tuple(rows[-1][-len(keys) :])


@dataclass(frozen=True)
class UpdateFilter:
    """Which update lines an export holds; every filter given must match."""

    agreement_id: str | None = None
    recipient_id: str | None = None
    commitment_id: str | None = None
    occurred_from: date | None = None
    occurred_to: date | None = None
    recorded_from: datetime | None = None
    recorded_to: datetime | None = None
    review_states: tuple[ReviewState, ...] = ()
    counted_only: bool = False


def update_rows(database: Database, *, filters: UpdateFilter, policy: StatusPolicy) -> Iterator[list[dict[str, Any]]]:
    """Every update line matching `filters`, with its update's facts and whether the status counts it under
    the policy's basis, in key order, a batch at a time."""
    bucket = func.coalesce(col(UpdateLine.commitment_id), literal(UNATTRIBUTED))
    counted = line_counted(col(FulfilmentUpdate.id), basis=policy.basis)
    others = aliased(HandoverFigure)  # the handover's figures for any term and party
    disputed = (
        select(literal(1))
        .where(col(others.handover_id) == col(FulfilmentUpdate.handover_id), col(others.attribution_disputed))
        .exists()
    )
    statement = (
        select(
            col(FulfilmentUpdate.id),
            col(FulfilmentUpdate.agreement_id),
            col(FulfilmentUpdate.occurred_on),
            col(FulfilmentUpdate.stage),
            col(FulfilmentUpdate.location),
            col(FulfilmentUpdate.source_publisher),
            col(FulfilmentUpdate.source_title),
            col(FulfilmentUpdate.source_url),
            col(FulfilmentUpdate.source_published_on),
            col(FulfilmentUpdate.note),
            col(UpdateLine.commitment_id),
            col(Commitment.category),
            col(UpdateLine.recipient_id),
            col(Party.name),
            col(Party.country_code),
            col(UpdateLine.quantity),
            col(UpdateLine.qualifier),
            col(FulfilmentUpdate.created_at),
            col(FulfilmentUpdate.handover_id),
            col(FulfilmentUpdate.claim_of),
            col(FulfilmentUpdate.supersedes),
            col(FulfilmentUpdate.superseded_by),
            col(FulfilmentUpdate.review_state),
            disputed,
            counted,
        )
        .select_from(UpdateLine)
        .join(FulfilmentUpdate, col(FulfilmentUpdate.id) == col(UpdateLine.update_id))
        .join(Party, col(Party.id) == col(UpdateLine.recipient_id))
        .outerjoin(Commitment, col(Commitment.id) == col(UpdateLine.commitment_id))
        .outerjoin(
            HandoverFigure,
            and_(
                col(HandoverFigure.handover_id) == col(FulfilmentUpdate.handover_id),
                col(HandoverFigure.bucket) == bucket,
                col(HandoverFigure.recipient_id) == col(UpdateLine.recipient_id),
            ),
        )
    )
    conditions = [
        col(FulfilmentUpdate.agreement_id) == filters.agreement_id if filters.agreement_id else None,
        col(UpdateLine.recipient_id) == filters.recipient_id if filters.recipient_id else None,
        col(UpdateLine.commitment_id) == filters.commitment_id if filters.commitment_id else None,
        col(FulfilmentUpdate.occurred_on) >= filters.occurred_from if filters.occurred_from else None,
        col(FulfilmentUpdate.occurred_on) <= filters.occurred_to if filters.occurred_to else None,
        col(FulfilmentUpdate.created_at) >= filters.recorded_from if filters.recorded_from else None,
        col(FulfilmentUpdate.created_at) <= filters.recorded_to if filters.recorded_to else None,
        col(FulfilmentUpdate.review_state).in_([s.value for s in filters.review_states])
        if filters.review_states
        else None,
        counted if filters.counted_only else None,
    ]
    statement = statement.where(*(c for c in conditions if c is not None))
    names = [c.name for c in UPDATE_COLUMNS if c.name in QUERIED_UPDATE_COLUMNS]
    for batch in _batches(database, statement, keys=(col(UpdateLine.update_id), col(UpdateLine.id))):
        rows = []
        recipient_names = _names_in_languages(database, {values[names.index("recipient_id")] for values in batch})
        for values in batch:
            row = dict(zip(names, values, strict=True))
            row.update(_language_cells("recipient_name", recipient_names[row["recipient_id"]]))
            row["created_at"] = row["created_at"].isoformat() if row["created_at"] else None
            row["recipient_country_code"] = alpha_3(row["recipient_country_code"])
            row["attribution_disputed"] = bool(row["attribution_disputed"])
            row["counted"] = bool(row["counted"])
            row["idempotency_key"] = None
            rows.append(row)
        yield rows


# The update columns read from the database; the rest are filled in afterwards.
QUERIED_UPDATE_COLUMNS = frozenset(
    c.name for c in UPDATE_COLUMNS if c.name != "idempotency_key" and not c.name.startswith("recipient_name_")
)


def _language_cells(name: str, names: dict[str, str]) -> dict[str, str | None]:
    return {f"{name}_{tag}": names.get(tag) for tag in SUPPORTED_LANGUAGES}


def _names_in_languages(database: Database, party_ids: set[str]) -> dict[str, dict[str, str]]:
    """Each party's name in every language known, by id."""
    if not party_ids:
        return {}
    with Session(database.engine) as session:
        return {
            party.id: party_names(party) for party in session.scalars(select(Party).where(col(Party.id).in_(party_ids)))
        }


@dataclass(frozen=True)
class _Named:
    """The names an agreements export shows for a batch: parties bound in order, every party's in each language,
    titles in each language, and each party's alpha-3 country code."""

    parties: dict[str, list[str]]
    names: dict[str, dict[str, str]]
    titles: dict[str, dict[str, str]]
    countries: dict[str, str | None]


def _parties_of(connection: Connection, agreement_ids: list[str]) -> _Named:
    """The parties each agreement binds, in order, with their names in each language and alpha-3 country codes,
    and the agreements' titles in other languages."""
    named = _Named(
        parties={i: [] for i in agreement_ids}, names={}, titles={i: {} for i in agreement_ids}, countries={}
    )
    with Session(connection) as session:
        for member, party in session.execute(
            select(AgreementParty, Party)
            .join(Party, col(Party.id) == col(AgreementParty.party_id))
            .where(
                col(AgreementParty.agreement_id).in_(agreement_ids),
                col(AgreementParty.role) == PartyRole.party.value,
            )
            .order_by(col(AgreementParty.agreement_id), col(AgreementParty.position))
        ):
            named.parties[member.agreement_id].append(party.id)
            named.names[party.id] = party_names(party)
            named.countries[party.id] = alpha_3(party.country_code)
        for title in session.scalars(select(AgreementTitle).where(col(AgreementTitle.agreement_id).in_(agreement_ids))):
            named.titles[title.agreement_id][title.language] = title.title
    return named


def _status_rows(status: AgreementStatus, *, venue: str | None, named: _Named) -> list[dict[str, Any]]:
    bound = named.parties[status.agreement_id]

    def parties_in(language: str) -> str | None:
        # Only when every party has a name in the language: a list with gaps would read as fewer parties.
        names = [named.names[p].get(language) for p in bound]
        return "; ".join(n for n in names if n) if all(names) else None

    head = {
        "agreement_id": status.agreement_id,
        "agreement_title": status.title,
        **_language_cells("agreement_title", {"en": status.title, **named.titles[status.agreement_id]}),
        "concluded_on": status.concluded_on.isoformat(),
        "venue": venue,
        "parties": "; ".join(named.names[p]["en"] for p in bound),
        **{f"parties_{tag}": parties_in(tag) for tag in SUPPORTED_LANGUAGES},
        "agreement_state": status.state.value,
    }
    empty_term = {c.name: None for c in AGREEMENT_COLUMNS if c.name not in head}
    rows: list[dict[str, Any]] = []
    for commitment in status.commitments:
        term = {
            "commitment_id": commitment.commitment_id,
            "category": commitment.category.value,
            "measure": commitment.measure.value,
            "commitment_state": commitment.state.value,
            "due_on": commitment.due_on.isoformat() if commitment.due_on else None,
        }
        rows.extend({**head, **empty_term, **term, **_recipient_cells(r, named)} for r in commitment.recipients)
        if not commitment.recipients:
            rows.append({**head, **empty_term, **term})
    return rows or [{**head, **empty_term}]


def _recipient_cells(recipient: RecipientStatus, named: _Named) -> dict[str, Any]:
    return {
        "recipient_id": recipient.recipient_id,
        "recipient_name": recipient.recipient_name,
        **_language_cells("recipient_name", named.names.get(recipient.recipient_id, {})),
        "recipient_country_code": named.countries.get(recipient.recipient_id),
        "target": recipient.target,
        "received": recipient.received,
        "percent": recipient.percent,
        "remaining": recipient.remaining,
        "handovers": recipient.handovers,
        "received_is_lower_bound": recipient.received_is_lower_bound,
        "last_update_on": recipient.last_update_on.isoformat() if recipient.last_update_on else None,
    }


def agreement_rows(
    database: Database, *, filters: AgreementFilter, policy: StatusPolicy, today: date
) -> Iterator[list[dict[str, Any]]]:
    """One row per agreement matching `filters`, term and receiving party, with the states of today, a batch
    at a time."""
    statement = (
        select(
            col(Agreement.id),
            col(Agreement.venue),
            col(StatusSnapshot.revision),
            col(StatusSnapshot.body),
        )
        .join(StatusSnapshot, col(StatusSnapshot.agreement_id) == col(Agreement.id))
        .where(*filters.conditions(policy=policy, today=today))
    )
    for batch in _batches(database, statement, keys=(col(Agreement.id),)):
        with database.engine.connect() as connection:
            named = _parties_of(connection, [agreement_id for agreement_id, *_ in batch])
        rows: list[dict[str, Any]] = []
        for _agreement_id, venue, revision, body in batch:
            status = render_status(orjson.loads(body), revision=revision, today=today, policy=policy)
            rows.extend(_status_rows(status, venue=venue, named=named))
        yield rows


SUMMARY_COLUMNS = (
    Column("party_id", "#group+party+id", "The party whose summary it is; empty over all parties."),
    Column("side", "#meta+side", "received, handed_over or mediated, in a party's summary."),
    Column("period", "#date+period", "The month (2025-06) or year of a series row; empty for the whole period."),
    Column("category", "#beneficiary+code", "Who or what was handed over; empty when the source did not say."),
    Column("recipient_id", "#group+recipient+id", "The receiving party's id."),
    Column("recipient_name", "#group+recipient+name", "The receiving party's name."),
    Column("received", "#affected+received", "How many it received, on the server's basis (known figures)."),
    Column("handovers", "#meta+handovers", "Handovers counted on the server's basis."),
    Column("withheld_handovers", "#meta+withheld", "Handovers whose number was withheld."),
    Column("approximate_lines", "#meta+approximate", "Figures given as approximate."),
    Column("at_least_lines", "#meta+at_least", "Figures given as 'at least'."),
    Column("received_is_lower_bound", "#meta+lower_bound", "true when withheld or 'at least' figures hide more."),
    Column("reported_received", "#affected+received+reported", "Received, every claim not rejected."),
    Column("verified_received", "#affected+received+verified", "Received, verified claims only."),
    Column("verified_handovers", "#meta+handovers+verified", "Handovers a verifier verified."),
)


def summary_rows(summary: Summary) -> list[list[dict[str, Any]]]:
    """A summary's lines, then its series, as export rows (one batch: a summary is small)."""
    rows = [
        {"party_id": summary.party_id, "period": None, **line.model_dump(mode="json")}
        for line in [*summary.lines, *summary.series]
    ]
    return [rows]
