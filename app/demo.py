"""The demo ledger: the published record of the 2025 Istanbul agreements and of the handovers reported
under them, recorded through the services as an editor, a monitor and a verifier would record them.

The record (`app/data/istanbul-2025-published-record.json`) is a compilation of news reports; every
figure in it carries the address of a report that published it. It is recorded as it is: a withheld
figure as withheld, an approximate one as approximate, a running total as an announced total, a
handover one side denies as disputed by that side, a handover its sources attribute to no agreement
as a handover outside agreements, and a figure two or more outlets carried as verified, with that as
the reason. Loading it again changes nothing.
"""

import json
from dataclasses import dataclass, field
from datetime import date
from importlib import resources
from typing import Any

from sqlmodel import Session, col, select

from app.agreements.models import AgreementCreate, CommitmentCreate, Criteria, TargetIn
from app.agreements.service import add_commitment, create_agreement
from app.announcements.models import AnnouncedTotalCreate
from app.announcements.service import record_announcement
from app.keys.models import Role
from app.keys.service import Caller
from app.models.agreement import Agreement, Commitment
from app.models.announcement import AnnouncedTotal
from app.models.party import PartyNameKey
from app.models.values import (
    AttributionPosition,
    Category,
    Measure,
    Qualifier,
    ReviewState,
    Source,
    TargetQualifier,
)
from app.outside.models import OutsideHandoverCreate, OutsideLineIn
from app.outside.service import record_outside_handover
from app.parties.countries import country_names
from app.parties.models import PartyCreate, PartyKind
from app.parties.service import create_party, name_key
from app.reviews.models import AttributionDisputeCreate, ReviewCreate
from app.reviews.service import record_dispute, review_update
from app.status.policy import StatusPolicy
from app.updates.models import LineIn, UpdateCreate
from app.updates.service import record_update

RECORD = "istanbul-2025-published-record.json"
EDITOR = Caller(key_id=None, role=Role.editor)
MONITOR = Caller(key_id=None, role=Role.monitor)
VERIFIER = Caller(key_id=None, role=Role.verifier)
VERIFIED_BECAUSE = "Carried by two or more independent outlets, as the published record lists them."
IDEMPOTENCY_PREFIX = "demo-record-"
STATES = ("ukraine", "russia")  # the record's keys of the two parties bound by every agreement
# Who, by the record's notes, denies that a disputed handover belongs to its agreement, and who claims it.
DISPUTES = {"S17": {"russia": AttributionPosition.belongs, "ukraine": AttributionPosition.does_not_belong}}


@dataclass
class Loaded:
    """What `load_demo` recorded, and what of the record it could not record and why."""

    agreement_ids: list[str]
    stages_recorded: int = 0
    outside_recorded: int = 0  # handovers its sources attribute to no agreement
    totals_announced: int = 0
    left_out: list[str] = field(default_factory=list)


def published_record() -> dict[str, Any]:
    """The record as shipped with the package."""
    text = resources.files("app.data").joinpath(RECORD).read_text(encoding="utf-8")
    record: dict[str, Any] = json.loads(text)
    return record


def _party(session: Session, *, key: str, entry: dict[str, Any]) -> str:
    existing = session.exec(
        select(PartyNameKey.party_id).where(PartyNameKey.name_key == name_key(entry["name"]))
    ).first()
    if existing is not None:
        return existing
    # The two states are recorded with their names in the languages of the people concerned, as ISO 3166-1's
    # translations give them; the record itself keeps its English names as published.
    names = {**country_names(entry.get("country_code")), "en": entry["name"]} if key in STATES else {}
    party_in = PartyCreate(
        name=entry["name"],
        names=names,
        kind=PartyKind(entry.get("kind", "state")),
        country_code=entry.get("country_code"),
    )
    return create_party(session, party_in=party_in).id


def _commitment_in(term: dict[str, Any], parties: dict[str, str]) -> CommitmentCreate:
    criteria = term.get("criteria")
    qualifier = TargetQualifier.at_least if term.get("floor") else TargetQualifier.exact
    return CommitmentCreate(
        category=Category(term["category"]),
        measure=Measure(term["measure"]),
        description=term.get("note"),
        criteria=Criteria(**criteria) if criteria else None,
        targets=[
            TargetIn(recipient_id=parties[key], quantity=quantity, qualifier=qualifier)
            for key, quantity in term.get("targets", {}).items()
        ],
    )


def _agreement(
    session: Session, *, entry: dict[str, Any], parties: dict[str, str], policy: StatusPolicy
) -> tuple[str, dict[str, str]]:
    """The agreement's id and its terms' ids by the record's keys; recorded unless there already."""
    existing = session.exec(select(Agreement).where(col(Agreement.title) == entry["title"])).first()
    if existing is None:
        created = create_agreement(
            session,
            caller=EDITOR,
            policy=policy,
            agreement_in=AgreementCreate(
                title=entry["title"],
                titles=entry.get("titles", {}),
                concluded_on=date.fromisoformat(entry["concluded_on"]),
                venue=entry.get("venue"),
                parties=[parties[key] for key in STATES],
                intermediaries=[parties[key] for key in entry["intermediaries"]],
                sources=[Source(url=url) for url in entry["sources"]],
                commitments=[_commitment_in(term, parties) for term in entry["commitments"]],
            ),
        )
        agreement_id = created.id
    else:
        agreement_id = existing.id
    terms = session.exec(
        select(Commitment).where(Commitment.agreement_id == agreement_id).order_by(col(Commitment.position))
    ).all()
    by_category = {term.category: term.id for term in terms}
    ids: dict[str, str] = {}
    for term in entry["commitments"]:
        if term["category"] not in by_category:  # a ledger that holds an earlier, shorter demo
            added = add_commitment(
                session, agreement_id=agreement_id, commitment_in=_commitment_in(term, parties), policy=policy
            )
            by_category[term["category"]] = added.id
        ids[term["id"]] = by_category[term["category"]]
    return agreement_id, ids


def _lines(stage: dict[str, Any], *, terms: dict[str, str], parties: dict[str, str]) -> list[LineIn]:
    lines = []
    for entry in stage["lines"]:
        qualifier = Qualifier(entry.get("qualifier", "exact"))
        commitment_id = terms[entry["c"]] if entry.get("c") else None
        for key in STATES:
            if key in entry:
                lines.append(
                    LineIn(
                        commitment_id=commitment_id,
                        recipient_id=parties[key],
                        quantity=entry[key],
                        qualifier=qualifier,
                    )
                )
    return lines


def _announce(
    session: Session,
    *,
    stage: dict[str, Any],
    agreement_id: str,
    terms: dict[str, str],
    parties: dict[str, str],
    policy: StatusPolicy,
) -> bool:
    stated_on = date.fromisoformat(stage["on"])
    already = session.exec(
        select(AnnouncedTotal).where(
            AnnouncedTotal.agreement_id == agreement_id,
            AnnouncedTotal.claimant == stage["claimant"],
            AnnouncedTotal.stated_on == stated_on,
        )
    ).first()
    if already is not None:
        return False
    record_announcement(
        session,
        agreement_id=agreement_id,
        announcement_in=AnnouncedTotalCreate(
            claimant=stage["claimant"],
            stated_on=stated_on,
            source=Source(url=stage["src"]),
            note=stage.get("note"),
            figures=_lines(stage, terms=terms, parties=parties),
        ),
        caller=MONITOR,
        policy=policy,
    )
    return True


def _post(
    session: Session,
    *,
    stage: dict[str, Any],
    agreement_id: str,
    terms: dict[str, str],
    parties: dict[str, str],
    policy: StatusPolicy,
    loaded: Loaded,
) -> None:
    recorded = record_update(
        session,
        agreement_id=agreement_id,
        update_in=UpdateCreate(
            occurred_on=date.fromisoformat(stage["on"]),
            source=Source(url=stage["src"]),
            note=stage.get("note"),
            lines=_lines(stage, terms=terms, parties=parties),
        ),
        caller=MONITOR,
        idempotency_key=IDEMPOTENCY_PREFIX + stage["id"],
        policy=policy,
    )
    if recorded.replayed:
        return
    loaded.stages_recorded += 1
    update_id = recorded.update.id
    if stage.get("attribution_disputed"):
        positions = DISPUTES.get(stage["id"])
        if positions is None:
            loaded.left_out.append(
                f"{stage['id']}: the record marks its attribution disputed without naming the side that denies it, "
                "so no party's statement is recorded"
            )
        for key, position in (positions or {}).items():
            record_dispute(
                session,
                update_id=update_id,
                dispute_in=AttributionDisputeCreate(
                    party_id=parties[key],
                    position=position,
                    statement=stage.get("note") or "As the published record reports it.",
                    source=Source(url=stage["src"]),
                ),
                caller=MONITOR,
                policy=policy,
            )
    if stage.get("confidence") == "2+":
        review_update(
            session,
            update_id=update_id,
            review_in=ReviewCreate(state=ReviewState.verified, reason=VERIFIED_BECAUSE),
            caller=VERIFIER,
            policy=policy,
        )


def _post_outside(
    session: Session, *, stage: dict[str, Any], parties: dict[str, str], policy: StatusPolicy, loaded: Loaded
) -> None:
    """A handover its sources attribute to no agreement: recorded outside agreements, in the parties' summaries."""
    lines = [
        OutsideLineIn(
            category=None,  # the record's terms belong to agreements: outside them, none is named
            recipient_id=parties[key],
            quantity=entry[key],
            qualifier=Qualifier(entry.get("qualifier", "exact")),
        )
        for entry in stage["lines"]
        for key in STATES
        if key in entry
    ]
    recorded = record_outside_handover(
        session,
        handover_in=OutsideHandoverCreate(
            parties=[parties[key] for key in STATES],
            occurred_on=date.fromisoformat(stage["on"]),
            source=Source(url=stage["src"]),
            note=stage.get("note"),
            lines=lines,
        ),
        caller=MONITOR,
        idempotency_key=IDEMPOTENCY_PREFIX + stage["id"],
        policy=policy,
    )
    if recorded.replayed:
        return
    loaded.outside_recorded += 1
    if stage.get("confidence") == "2+":
        review_update(
            session,
            update_id=recorded.update.id,
            review_in=ReviewCreate(state=ReviewState.verified, reason=VERIFIED_BECAUSE),
            caller=VERIFIER,
            policy=policy,
        )


def load_demo(session: Session, *, policy: StatusPolicy) -> Loaded:
    """Record the published record unless it is there already; what was recorded and what was left out."""
    record = published_record()
    parties = {key: _party(session, key=key, entry=entry) for key, entry in record["parties"].items()}
    agreements: dict[str, tuple[str, dict[str, str]]] = {}
    for entry in record["agreements"]:
        agreements[entry["id"]] = _agreement(session, entry=entry, parties=parties, policy=policy)
    loaded = Loaded(agreement_ids=[agreement_id for agreement_id, _ in agreements.values()])
    for stage in record["stages"]:
        if stage["agreement"] is None:
            _post_outside(session, stage=stage, parties=parties, policy=policy, loaded=loaded)
            continue
        agreement_id, terms = agreements[stage["agreement"]]
        if stage.get("cumulative"):
            announced = _announce(
                session, stage=stage, agreement_id=agreement_id, terms=terms, parties=parties, policy=policy
            )
            loaded.totals_announced += int(announced)
        else:
            _post(
                session,
                stage=stage,
                agreement_id=agreement_id,
                terms=terms,
                parties=parties,
                policy=policy,
                loaded=loaded,
            )
    return loaded
