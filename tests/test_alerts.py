"""Alerts: a sweep announces each stall and overdue once, through the outbox to webhooks and into the feed.

The clock is moved by giving the sweep its `now`, as `exchange-ledger sweep --now` does; the handovers
are real records, made over HTTP, and the alerts reach a real receiver signed as every event is.
"""

import os
import subprocess
import sys
import time
from collections.abc import Iterator
from datetime import date, datetime, timedelta

import feedparser
import orjson
import pytest
from fastapi.testclient import TestClient
from sqlmodel import Session, col, select

from app.alerts.service import run_sweep
from app.core.config import Settings
from app.database import open_database
from app.status.policy import StatusPolicy
from app.webhooks.models import WebhookEvent
from tests.factories import Factory, commitment, line
from tests.server import free_port
from tests.test_webhook_worker import FAST, Receiver, deliver_until, subscribe, wait_for, worker_processes

ALERTS = ["commitment.stalled", "commitment.overdue", "agreement.stalled", "agreement.overdue"]


@pytest.fixture
def settings(settings: Settings) -> Settings:
    """The shared test settings with loopback receivers allowed and fast retries (STALL_DAYS stays 30)."""
    return settings.model_copy(update=FAST)


@pytest.fixture
def receiver() -> Iterator[Receiver]:
    with Receiver(port=free_port()).running() as running:
        yield running


def swept(settings: Settings, day: str) -> list[str]:
    """Run one sweep as of noon on `day`; the event types it raised, in order."""
    database = open_database(settings.database_url)
    try:
        result = run_sweep(
            database,
            now=datetime.fromisoformat(f"{day}T12:00:00").astimezone(),
            policy=StatusPolicy.from_settings(settings),
        )
    finally:
        database.dispose()
    return [raised.event_type.value for raised in result.raised]


def outbox(settings: Settings) -> list[tuple[str, str]]:
    """The alert events in the outbox: (type, since), sorted (the events of one sweep come in any order)."""
    database = open_database(settings.database_url)
    with Session(database.engine) as session:
        events = session.exec(
            select(WebhookEvent).where(col(WebhookEvent.type).in_(ALERTS)).order_by(col(WebhookEvent.id))
        ).all()
    database.dispose()
    return sorted((event.type, orjson.loads(event.body)["data"]["since"]) for event in events)


def due_term(factory: Factory, *, due_on: str = "2025-09-30") -> tuple[str, str, str]:
    """An agreement of 2 June 2025 with one term, 100 to be returned to one side by `due_on`."""
    first, second = factory.party(), factory.party()
    agreement = factory.agreement(
        parties=[first, second],
        commitments=[
            {
                "category": "prisoners_of_war",
                "measure": "target",
                "due_on": due_on,
                "targets": [{"recipient_id": first, "quantity": 100}],
            }
        ],
    )
    return agreement["id"], agreement["commitments"][0]["id"], first


def test_a_stall_and_an_overdue_are_each_announced_once_and_a_stall_after_a_new_handover_again(
    client: TestClient, keys: dict[str, dict[str, str]], factory: Factory, settings: Settings, receiver: Receiver
) -> None:
    receiver.secret = subscribe(client, keys, receiver.url, ALERTS)["secret"]
    agreement_id, term, side = due_term(factory)
    factory.update(agreement_id, [line(term, side, 10)], occurred_on="2025-06-11")

    assert swept(settings, "2025-06-20") == []  # nine days after the handover: in progress
    assert swept(settings, "2025-07-15") == ["commitment.stalled", "agreement.stalled"]  # 34 days: stalled
    assert swept(settings, "2025-07-15") == []  # the same moment again
    assert swept(settings, "2025-07-20") == []  # still the same stall
    factory.update(agreement_id, [line(term, side, 10)], occurred_on="2025-07-25")
    assert swept(settings, "2025-07-28") == []  # moving again: the stall is over, silently
    assert swept(settings, "2025-09-01") == ["commitment.stalled", "agreement.stalled"]  # a new stall
    assert swept(settings, "2025-10-01") == ["commitment.overdue", "agreement.overdue"]  # due on 30 September
    assert swept(settings, "2025-10-01") == [] and swept(settings, "2025-12-01") == []

    assert outbox(settings) == [
        ("agreement.overdue", "2025-09-30"),
        ("agreement.stalled", "2025-06-11"),
        ("agreement.stalled", "2025-07-25"),
        ("commitment.overdue", "2025-09-30"),
        ("commitment.stalled", "2025-06-11"),
        ("commitment.stalled", "2025-07-25"),
    ]
    deliver_until(settings, lambda: len(receiver.received) >= 6, what="six alerts")
    assert receiver.rejected == [] and len(receiver.ids()) == 6
    stalled = next(
        r.payload["data"]
        for r in receiver.received
        if r.payload["type"] == "commitment.stalled" and r.payload["data"]["since"] == "2025-06-11"
    )
    assert stalled == {
        "alert_id": stalled["alert_id"],
        "agreement_id": agreement_id,
        "commitment_id": term,
        "state": "stalled",
        "as_of": "2025-07-15",
        "since": "2025-06-11",
        "last_update_on": "2025-06-11",
        "due_on": "2025-09-30",
        "stall_days": 30,
    }


def test_the_feed_shows_each_alert_and_links_it_to_the_agreement_page(factory: Factory, settings: Settings) -> None:
    agreement_id, term, side = due_term(factory)
    factory.update(agreement_id, [line(term, side, 10)], occurred_on="2025-06-11")
    swept(settings, "2025-07-15")
    swept(settings, "2025-10-01")

    feed = feedparser.parse(factory.client.get(f"/api/v1/agreements/{agreement_id}/feed").content)
    overall = feedparser.parse(factory.client.get("/api/v1/feed").content)

    assert not feed.bozo, feed.get("bozo_exception")
    alerts = [e for e in feed.entries if ":alerts/" in e.id]
    # Newest first: the two alerts of the later sweep, then the two of the earlier one.
    assert [sorted(e.title for e in alerts[:2]), sorted(e.title for e in alerts[2:])] == [
        [
            "Agreement overdue: a term was due on 30 September 2025 and is not fulfilled",
            "Term overdue: Prisoners of war, due on 30 September 2025 and not fulfilled",
        ],
        [
            "Agreement stalled: no handover under any term since 11 June 2025",
            "Term stalled: Prisoners of war, no handover since 11 June 2025",
        ],
    ]
    assert [t.term for e in alerts for t in e.tags] == ["overdue", "overdue", "stalled", "stalled"]
    assert len([e for e in feed.entries if ":updates/" in e.id]) == 1  # the handover is there too
    assert {e.id for e in overall.entries} >= {e.id for e in alerts}
    term_alert = next(e for e in alerts if e.title.startswith("Term stalled"))
    page = next(x.href for x in term_alert.links if x.rel == "alternate")
    assert page.endswith(f"/agreements/{agreement_id}#commitment-{term}")
    html = factory.client.get(page.split("#")[0])
    assert html.status_code == 200 and f'id="commitment-{term}"' in html.text
    status = next(x.href for x in term_alert.links if x.rel == "related")
    assert factory.client.get(status).json()["agreement_id"] == agreement_id


def test_a_term_with_no_handover_is_never_announced_stalled_but_is_overdue_past_its_date(
    factory: Factory, settings: Settings
) -> None:
    first, second = factory.party(), factory.party()
    agreement = factory.agreement(
        parties=[first, second],
        commitments=[
            {"category": "children", "measure": "all_for_all"},
            {"category": "remains", "measure": "all_for_all", "due_on": "2025-09-30"},
        ],
    )
    children, remains = (c["id"] for c in agreement["commitments"])

    assert swept(settings, "2025-09-01") == []  # three months with nothing: not started, not stalled
    status = factory.status(agreement["id"])
    assert status["state"] == "overdue" and commitment(status, children)["state"] == "not_started"
    page = factory.client.get(f"/agreements/{agreement['id']}").text
    children_section = page.split(f'id="commitment-{children}"', 1)[1].split("</section>", 1)[0]
    assert "No handover yet" in children_section and "Stalled" not in children_section

    assert swept(settings, "2025-10-01") == ["commitment.overdue", "agreement.overdue"]
    assert outbox(settings) == [("agreement.overdue", "2025-09-30"), ("commitment.overdue", "2025-09-30")]
    assert commitment(factory.status(agreement["id"]), remains)["state"] == "overdue"


def test_exchange_ledger_sweep_takes_its_clock_from_now_and_is_idempotent(factory: Factory, settings: Settings) -> None:
    agreement_id, term, side = due_term(factory)
    factory.update(agreement_id, [line(term, side, 10)], occurred_on="2025-06-11")
    env = {**os.environ, "DATABASE_URL": settings.database_url}

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "app.cli", "sweep", *args],
            env=env,
            capture_output=True,
            text=True,
            timeout=60,
            check=False,
        )

    first, again, refused = run("--now", "2025-07-15T09:00:00+00:00"), run("--now", "2025-07-15"), run("--now", "soon")

    assert first.returncode == 0, first.stderr
    assert sorted(first.stdout.splitlines()) == [
        "Swept as of 2025-07-15: 2 alert(s) raised, 0 ended.",
        f"agreement.stalled\t{agreement_id}\t{agreement_id}\tsince 2025-06-11",
        f"commitment.stalled\t{agreement_id}\t{term}\tsince 2025-06-11",
    ]
    assert again.returncode == 0 and again.stdout.splitlines() == [
        "Swept as of 2025-07-15: 0 alert(s) raised, 0 ended."
    ]
    assert refused.returncode == 2 and "not an ISO 8601 date" in refused.stderr
    assert outbox(settings) == [("agreement.stalled", "2025-06-11"), ("commitment.stalled", "2025-06-11")]


def test_the_worker_runs_the_sweep_on_its_timer(
    client: TestClient,
    keys: dict[str, dict[str, str]],
    factory: Factory,
    settings: Settings,
    receiver: Receiver,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    receiver.secret = subscribe(client, keys, receiver.url, ["commitment.stalled"])["secret"]
    agreement_id, term, side = due_term(factory, due_on=str(date.today() + timedelta(days=60)))
    factory.update(agreement_id, [line(term, side, 10)], occurred_on=date.today() - timedelta(days=40))
    monkeypatch.setenv("ALERT_SWEEP_SECONDS", "0.2")

    with worker_processes(settings):  # no sweep is run here: only the worker's timer can raise it
        wait_for(lambda: len(receiver.received) >= 1, what="the timer's alert")
        time.sleep(1.0)  # five more turns of the timer: nothing new

    [got] = receiver.received
    assert got.payload["type"] == "commitment.stalled" and got.payload["data"]["commitment_id"] == term
    since = str(date.today() - timedelta(days=40))
    assert outbox(settings) == [("agreement.stalled", since), ("commitment.stalled", since)]
