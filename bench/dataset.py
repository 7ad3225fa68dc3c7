"""Deterministic data sets: agreements, terms and fulfilment updates written in bulk, then totals rebuilt.

The rows an API user would have posted (parties, agreements, terms, updates and their lines) are
written directly with SQLAlchemy Core in large batches; everything derived from them (running
totals, status documents) is then rebuilt by the service's own repair, so it is right by
construction and a wrong figure would show up in `totals check`.
"""

from __future__ import annotations

import csv
import random
import time
from array import array
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, Table, create_engine, event, func, insert, select
from sqlmodel import Session

import app.models  # noqa: F401  (registers every table on the metadata)
from app.core.config import get_settings
from app.core.db import metadata
from app.core.migrations import upgrade
from app.database import open_database
from app.keys.models import Role
from app.keys.service import create_key
from app.status.policy import StatusPolicy
from app.status.service import check_totals

SEED = 20250602
FIRST_CONCLUDED = date(2015, 1, 1)
LAST_CONCLUDED = date(2025, 6, 30)
# Every generated handover happens on or before this day, so a data set never depends on the day it is built.
LAST_HANDOVER = date(2025, 10, 31)
BATCH = 5_000
_ALPHABET = "0123456789abcdefghjkmnpqrstvwxyz"
_CATEGORIES = (
    "prisoners_of_war",
    "wounded_and_sick",
    "remains",
    "civilian_detainees",
    "children",
    "political_prisoners",
    "journalists",
)
_PUBLISHERS = (
    "Coordination Headquarters",
    "Ombudsperson's office",
    "ICRC",
    "Ministry of Defence",
    "Independent observers",
)


@dataclass(frozen=True)
class Size:
    """How many updates over how many agreements."""

    name: str
    updates: int
    agreements: int


SIZES = {
    "smoke": Size("smoke", updates=200, agreements=50),
    "small": Size("small", updates=1_000, agreements=1_000),
    "medium": Size("medium", updates=100_000, agreements=1_000),
    "large": Size("large", updates=1_000_000, agreements=1_000),
}


@dataclass
class TermPlan:
    """One generated commitment: who may receive under it."""

    commitment_id: str
    measure: str
    recipients: list[str]


@dataclass
class AgreementPlan:
    """One generated agreement and its terms."""

    agreement_id: str
    concluded_on: date
    bound: list[str]
    terms: list[TermPlan] = field(default_factory=list)


@dataclass
class Built:
    """A data set ready to serve, and what the load scenarios need from it."""

    url: str
    size: Size
    agreements: list[AgreementPlan]
    busiest_agreement_id: str
    monitor_key_id: str
    monitor_token: str
    seconds_to_build: float
    seconds_to_repair: float
    rows: dict[str, int]


class Ids:
    """Ids shaped like the service's own (prefix, then 26 base32 characters), from a seeded generator."""

    def __init__(self, rng: random.Random, *, start_ms: int) -> None:
        self._rng = rng
        self._ms = start_ms

    def next(self, prefix: str) -> str:
        self._ms += 1
        value = (self._ms << 80) | self._rng.getrandbits(80)
        chars = []
        for _ in range(26):
            chars.append(_ALPHABET[value & 31])
            value >>= 5
        return f"{prefix}_{''.join(reversed(chars))}"


def _moment(day: date, seconds: int) -> datetime:
    return datetime(day.year, day.month, day.day, tzinfo=UTC) + timedelta(seconds=seconds % 86_400)


def _table(name: str) -> Table:
    return metadata.tables[name]


def _complete(table: Table, row: dict[str, Any]) -> dict[str, Any]:
    """Fill columns added to the schema after this generator was written, where their meaning is known."""
    if "handover_id" in table.c and "handover_id" not in row and table.name == "fulfilment_update":
        row["handover_id"] = row["id"]  # the first report of a handover names itself
    return row


def _check_columns(table: Table, sample: dict[str, Any]) -> None:
    missing = [
        c.name
        for c in table.columns
        if not c.nullable
        and c.name not in sample
        and c.default is None
        and c.server_default is None
        and not (c.primary_key and c.autoincrement is True)
    ]
    if missing:
        raise RuntimeError(
            f"The data set generator does not fill {table.name}.{', '.join(missing)}; update bench/dataset.py."
        )


def _insert(engine: Engine, table: Table, rows: Sequence[dict[str, Any]]) -> None:
    if not rows:
        return
    rows = [_complete(table, row) for row in rows]
    _check_columns(table, rows[0])
    with engine.begin() as connection:
        for start in range(0, len(rows), BATCH):
            connection.execute(insert(table), list(rows[start : start + BATCH]))


def _plan_agreements(
    rng: random.Random, ids: Ids, size: Size
) -> tuple[list[dict[str, Any]], list[AgreementPlan], dict[str, list[dict[str, Any]]]]:
    created = _moment(LAST_CONCLUDED, 0)
    parties: list[dict[str, Any]] = []
    for index in range(60):
        kind = "state" if index < 40 else "armed_group" if index < 52 else "intermediary"
        name = f"Bench {kind.replace('_', ' ')} {index:03d}"
        parties.append(
            {
                "id": ids.next("pty"),
                "name": name,
                "name_key": name.casefold(),
                "kind": kind,
                "country_code": None,
                "created_at": created,
            }
        )
    sides = [p["id"] for p in parties if p["kind"] != "intermediary"]
    mediators = [p["id"] for p in parties if p["kind"] == "intermediary"]
    span = (LAST_CONCLUDED - FIRST_CONCLUDED).days
    rows: dict[str, list[dict[str, Any]]] = {
        "agreement": [],
        "agreement_party": [],
        "commitment": [],
        "commitment_target": [],
    }
    plans: list[AgreementPlan] = []
    for number in range(size.agreements):
        concluded_on = FIRST_CONCLUDED + timedelta(days=rng.randrange(span + 1))
        bound = rng.sample(sides, 3 if rng.random() < 0.1 else 2)
        intermediaries = [rng.choice(mediators)] if rng.random() < 0.6 else []
        plan = AgreementPlan(agreement_id=ids.next("agr"), concluded_on=concluded_on, bound=bound)
        moment = _moment(concluded_on, number)
        rows["agreement"].append(
            {
                "id": plan.agreement_id,
                "title": f"Humanitarian exchange {number + 1:04d}",
                "concluded_on": concluded_on,
                "venue": rng.choice(("Istanbul", "Abu Dhabi", "Geneva", "Doha", "Riyadh")),
                "negotiation_round": f"round {rng.randint(1, 6)}",
                "notes": None,
                "sources": [
                    {
                        "url": f"https://example.org/agreements/{number + 1}",
                        "title": None,
                        "publisher": rng.choice(_PUBLISHERS),
                        "published_on": concluded_on.isoformat(),
                    }
                ],
                "revision": 0,
                "created_at": moment,
                "updated_at": moment,
                "changed_at": moment,
                "created_by": None,
                "progress_state": "not_started",
                "last_update_on": None,
                "open_due_on": None,
            }
        )
        for position, party_id in enumerate([*bound, *intermediaries]):
            rows["agreement_party"].append(
                {
                    "agreement_id": plan.agreement_id,
                    "party_id": party_id,
                    "role": "party" if position < len(bound) else "intermediary",
                    "position": position,
                }
            )
        for position, category in enumerate(rng.sample(_CATEGORIES, rng.choice((1, 1, 2, 2, 3)))):
            measure = "target" if rng.random() < 0.6 else "all_for_all"
            term = TermPlan(commitment_id=ids.next("cmt"), measure=measure, recipients=list(bound))
            plan.terms.append(term)
            due_on = concluded_on + timedelta(days=rng.randint(90, 720)) if rng.random() < 0.3 else None
            rows["commitment"].append(
                {
                    "id": term.commitment_id,
                    "agreement_id": plan.agreement_id,
                    "position": position,
                    "category": category,
                    "measure": measure,
                    "description": None,
                    "age_min": 18 if category == "prisoners_of_war" and rng.random() < 0.3 else None,
                    "age_max": 25 if category == "prisoners_of_war" and rng.random() < 0.3 else None,
                    "condition": None,
                    "due_on": due_on,
                    "created_at": moment,
                }
            )
            if measure == "target":
                base = int(min(max(rng.lognormvariate(6.5, 1.0), 50), 10_000))
                for recipient_id in bound:
                    rows["commitment_target"].append(
                        {
                            "commitment_id": term.commitment_id,
                            "recipient_id": recipient_id,
                            "quantity": base if rng.random() < 0.8 else int(base * rng.uniform(0.5, 1.5)),
                            "qualifier": "exact" if rng.random() < 0.9 else "at_least",
                        }
                    )
        plans.append(plan)
    return parties, plans, rows


def _quantity(rng: random.Random) -> tuple[int | None, str]:
    roll = rng.random()
    if roll < 0.03:
        return None, "exact"  # withheld "for security reasons"
    quantity = int(min(max(rng.lognormvariate(3.5, 1.1), 1), 1_500))
    if roll < 0.08:
        return quantity, "approximate"
    if roll < 0.10:
        return quantity, "at_least"
    return quantity, "exact"


def _updates(
    rng: random.Random, ids: Ids, plans: list[AgreementPlan], size: Size
) -> Iterator[tuple[list[dict[str, Any]], list[dict[str, Any]]]]:
    """Batches of (updates, lines), in the order they were 'recorded' (ids ascend, as the service's do)."""
    # A few agreements draw most of the handovers, as the large exchanges do.
    order = list(range(len(plans)))
    rng.shuffle(order)
    weights = [0.0] * len(plans)
    for rank, index in enumerate(order):
        weights[index] = 1 / (rank + 1) ** 0.9
    owners = array("i", rng.choices(range(len(plans)), weights=weights, k=size.updates))
    days = array("i", (0 for _ in range(size.updates)))
    last = LAST_HANDOVER.toordinal()
    for n, owner in enumerate(owners):
        first = plans[owner].concluded_on.toordinal()
        days[n] = rng.randint(first, last)
    recorded = sorted(range(size.updates), key=days.__getitem__)
    updates: list[dict[str, Any]] = []
    lines: list[dict[str, Any]] = []
    for n, position in enumerate(recorded):
        plan = plans[owners[position]]
        occurred_on = date.fromordinal(days[position])
        update_id = ids.next("upd")
        publisher = rng.choice(_PUBLISHERS)
        updates.append(
            {
                "id": update_id,
                "agreement_id": plan.agreement_id,
                "occurred_on": occurred_on,
                "stage": str(rng.randint(1, 40)),
                "location": None,
                "note": None,
                "source_url": f"https://example.org/reports/{n + 1}",
                "source_title": None,
                "source_publisher": publisher,
                "source_published_on": occurred_on + timedelta(days=rng.choice((0, 0, 0, 1, 2))),
                "created_at": _moment(occurred_on, 36_000 + n),
                "changed_at": _moment(occurred_on, 36_000 + n),
                "created_by": None,
            }
        )
        term = rng.choice(plan.terms) if plan.terms and rng.random() < 0.95 else None
        recipients = plan.bound[:2] if rng.random() < 0.85 else [rng.choice(plan.bound)]
        quantity, qualifier = _quantity(rng)
        for recipient_id in recipients:
            if rng.random() < 0.3:  # the two sides of an exchange do not always receive the same number
                quantity, qualifier = _quantity(rng)
            lines.append(
                {
                    "update_id": update_id,
                    "commitment_id": term.commitment_id if term else None,
                    "recipient_id": recipient_id,
                    "quantity": quantity,
                    "qualifier": qualifier,
                }
            )
        if len(updates) >= BATCH * 4:
            yield updates, lines
            updates, lines = [], []
    if updates:
        yield updates, lines


def plans_of(size: Size, *, seed: int = SEED) -> tuple[random.Random, Ids, list[AgreementPlan]]:
    """The agreements of a data set as `build` makes them, with the generators positioned after them."""
    rng = random.Random(f"{seed}-{size.name}")
    ids = Ids(rng, start_ms=int(datetime(2025, 6, 2, tzinfo=UTC).timestamp() * 1000))
    _, plans, _ = _plan_agreements(rng, ids, size)
    return rng, ids, plans


def write_import_file(path: Path, size: Size, *, rows: int, seed: int = SEED) -> int:
    """A CSV in the updates export's columns with `rows` lines of new updates for the agreements of `size`."""
    from app.imports.rows import COLUMNS  # the import's own list of columns

    rng, ids, plans = plans_of(size, seed=seed)
    rng.seed(f"{seed}-{size.name}-import")
    # Roughly two lines per update: generate enough updates, stop at exactly `rows` lines.
    source = Size(f"{size.name}-import", updates=rows, agreements=size.agreements)
    written = 0
    with path.open("w", newline="") as file:
        writer = csv.DictWriter(file, fieldnames=list(COLUMNS), extrasaction="ignore")
        writer.writeheader()
        for updates, lines in _updates(rng, ids, plans, source):
            by_update = {u["id"]: u for u in updates}
            for line in lines:
                if written == rows:
                    return written
                update = by_update[line["update_id"]]
                writer.writerow(
                    {
                        **{k: "" if v is None else v for k, v in update.items() if k != "created_at"},
                        "update_id": line["update_id"],
                        "commitment_id": line["commitment_id"] or "",
                        "recipient_id": line["recipient_id"],
                        "quantity": "" if line["quantity"] is None else line["quantity"],
                        "qualifier": line["qualifier"],
                    }
                )
                written += 1
    return written


def _build_engine(url: str) -> Engine:
    if not url.startswith("sqlite"):
        return create_engine(url)
    engine = create_engine(url)

    @event.listens_for(engine, "connect")
    def _fast_bulk_load(dbapi_connection: Any, _record: Any) -> None:
        # A data set that fails half way is rebuilt from scratch, so the load needs no durability.
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA synchronous=OFF")
        cursor.close()

    return engine


def build(url: str, size: Size, *, seed: int = SEED, with_updates: bool = True, log: Any = print) -> Built:
    """Migrate an empty database, fill it deterministically and rebuild every derived figure."""
    started = time.perf_counter()
    upgrade(url)
    rng = random.Random(f"{seed}-{size.name}")
    ids = Ids(rng, start_ms=int(datetime(2025, 6, 2, tzinfo=UTC).timestamp() * 1000))
    parties, plans, rows = _plan_agreements(rng, ids, size)
    if not with_updates:
        size = Size(size.name, updates=0, agreements=size.agreements)
    engine = _build_engine(url)
    try:
        _insert(engine, _table("party"), parties)
        # Every name a party goes by, as the service records it (here each party has one).
        _insert(
            engine,
            _table("party_name_key"),
            [{"name_key": p["name_key"], "party_id": p["id"], "name": p["name"]} for p in parties],
        )
        for name in ("agreement", "agreement_party", "commitment", "commitment_target"):
            _insert(engine, _table(name), rows[name])
        written = 0
        for updates, lines in _updates(rng, ids, plans, size):
            with engine.begin() as connection:
                for table, batch in ((_table("fulfilment_update"), updates), (_table("update_line"), lines)):
                    batch = [_complete(table, row) for row in batch]
                    _check_columns(table, batch[0])
                    for start in range(0, len(batch), BATCH):
                        connection.execute(insert(table), batch[start : start + BATCH])
            written += len(updates)
            if written % 200_000 < len(updates):
                log(f"  {written:,} updates written")
        if not url.startswith("sqlite"):
            with engine.begin() as connection:
                connection.exec_driver_sql("ANALYZE")
        with engine.connect() as connection:
            counts = {
                name: int(connection.execute(select(func.count()).select_from(_table(name))).scalar_one())
                for name in ("agreement", "commitment", "fulfilment_update", "update_line")
            }
    finally:
        engine.dispose()
    loaded = time.perf_counter()
    log(f"  rows written in {loaded - started:.1f} s; rebuilding totals and status documents")

    database = open_database(url)
    try:
        with database.write_transaction() as session:
            check_totals(session, policy=StatusPolicy.from_settings(get_settings()), repair=True)
        repaired = time.perf_counter()
        with Session(database.write_engine, expire_on_commit=False) as session:
            key, token = create_key(session, name="Benchmark monitor", role=Role.monitor)
            session.commit()
        with database.engine.connect() as connection:
            busiest = connection.execute(
                select(_table("fulfilment_update").c.agreement_id, func.count().label("n"))
                .group_by(_table("fulfilment_update").c.agreement_id)
                .order_by(func.count().desc(), _table("fulfilment_update").c.agreement_id)
                .limit(1)
            ).first()
    finally:
        database.dispose()
    return Built(
        url=url,
        size=size,
        agreements=plans,
        busiest_agreement_id=busiest[0] if busiest else plans[0].agreement_id,
        monitor_key_id=key.id,
        monitor_token=token,
        seconds_to_build=loaded - started,
        seconds_to_repair=repaired - loaded,
        rows=counts,
    )
