"""48 anonymous clients hammer the slowest reads while a probe times `/healthz` and a monitor's POST.

One agreement holds a few thousand handovers, so every dated status and every timeline costs
real work. The hammering clients ignore `Retry-After` and ask again at once, the worst a crowd
of scrapers does. The bounds are generous for a busy 2-core machine, yet far below the stalls
of a server whose threads and connections the expensive reads have taken (tens of seconds).
Bounded: 20 s of load after a one-file import.
"""

import asyncio
import csv
import io
import multiprocessing
import threading
import time
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

import httpx
import pytest

from tests.server import running_server
from tests.test_concurrency import NO_RATE_LIMITS, make_agreement, make_keys

HANDOVERS = 3000
CLIENTS = 48
LOAD_SECONDS = 20.0
CONCLUDED_ON = date(2025, 6, 2)
HEALTHZ_P99_BOUND = 0.5
POST_BOUND = 2.0
# Room for 3,000 rows in one import file.
SERVER_ENV = {**NO_RATE_LIMITS, "MAX_BODY_BYTES": str(4 * 1024 * 1024)}


@dataclass
class LoadReport:
    """What the hammering clients were answered."""

    statuses: dict[int, int] = field(default_factory=dict)
    busy_without_retry_after: int = 0
    failures: list[str] = field(default_factory=list)


def import_handovers(http: httpx.Client, monitor: str, target: tuple[str, str, str]) -> None:
    """One import file of HANDOVERS updates of one line each, spread over a year of days."""
    agreement_id, commitment_id, recipient_id = target
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(
        ["update_id", "agreement_id", "occurred_on", "source_publisher", "commitment_id", "recipient_id", "quantity"]
    )
    for number in range(HANDOVERS):
        occurred_on = CONCLUDED_ON + timedelta(days=number % 365)
        writer.writerow([f"stage-{number}", agreement_id, occurred_on, "ICRC", commitment_id, recipient_id, 1])
    response = http.post(
        "/api/v1/imports",
        content=buffer.getvalue().encode(),
        headers={"Authorization": f"Bearer {monitor}", "Content-Type": "text/csv"},
        timeout=300,
    )
    assert response.status_code == 201, response.text


async def _hammer(base: str, agreement_id: str, seconds: float, number: int, report: LoadReport) -> None:
    # Even clients ask for the status on ever-different days (no cache can help), odd ones for the timeline.
    deadline = time.monotonic() + seconds
    async with httpx.AsyncClient(base_url=base, timeout=15) as http:
        request = 0
        while time.monotonic() < deadline:
            request += 1
            if number % 2 == 0:
                day = CONCLUDED_ON + timedelta(days=(number * 7 + request) % 365)
                path = f"/api/v1/agreements/{agreement_id}/status?as_of={day}"
            else:
                path = f"/api/v1/agreements/{agreement_id}/timeline"
            try:
                response = await http.get(path)
            except httpx.HTTPError as exc:
                report.failures.append(f"{type(exc).__name__} on {path}")
                continue
            report.statuses[response.status_code] = report.statuses.get(response.status_code, 0) + 1
            if response.status_code == 503 and "retry-after" not in response.headers:
                report.busy_without_retry_after += 1


def run_load(base: str, agreement_id: str, seconds: float, answers: Any) -> None:
    """The hammering clients, in a process of their own so their work does not skew the probe's timing."""

    async def everyone() -> LoadReport:
        report = LoadReport()
        await asyncio.gather(*(_hammer(base, agreement_id, seconds, n, report) for n in range(CLIENTS)))
        return report

    report = asyncio.run(everyone())
    answers.put((report.statuses, report.busy_without_retry_after, report.failures))


@dataclass
class Probe:
    """How long the cheap and the important requests took while the load ran."""

    healthz: list[float] = field(default_factory=list)
    posts: list[float] = field(default_factory=list)
    post_statuses: list[int] = field(default_factory=list)


def _time_healthz(base: str, deadline: float, found: Probe) -> None:
    with httpx.Client(base_url=base, timeout=60) as http:
        while time.monotonic() < deadline:
            started = time.perf_counter()
            http.get("/healthz")
            found.healthz.append(time.perf_counter() - started)
            time.sleep(0.05)


def _time_posts(base: str, monitor: str, target: tuple[str, str, str], deadline: float, found: Probe) -> None:
    agreement_id, commitment_id, recipient_id = target
    with httpx.Client(base_url=base, timeout=60) as http:
        while time.monotonic() < deadline:
            started = time.perf_counter()
            posted = http.post(
                f"/api/v1/agreements/{agreement_id}/updates",
                headers={"Authorization": f"Bearer {monitor}"},
                json={
                    "occurred_on": str(date.today()),
                    "source": {"publisher": "ICRC"},
                    "lines": [{"commitment_id": commitment_id, "recipient_id": recipient_id, "quantity": 1}],
                },
            )
            found.posts.append(time.perf_counter() - started)
            found.post_statuses.append(posted.status_code)
            time.sleep(1)


def probe(base: str, monitor: str, target: tuple[str, str, str], seconds: float) -> Probe:
    """Time `/healthz` every 50 ms and, beside it, a monitor's POST every second, for `seconds`."""
    found = Probe()
    deadline = time.monotonic() + seconds
    timers = [
        threading.Thread(target=_time_healthz, args=(base, deadline, found)),
        threading.Thread(target=_time_posts, args=(base, monitor, target, deadline, found)),
    ]
    for timer in timers:
        timer.start()
    for timer in timers:
        timer.join()
    return found


def p99(samples: list[float]) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, int(len(ordered) * 0.99))]


@pytest.mark.slow
def test_48_anonymous_clients_on_the_slowest_reads_leave_health_and_writes_answered(
    database_url: str, settings: object
) -> None:
    tokens = make_keys(database_url)
    with (
        running_server(database_url, env=SERVER_ENV, startup_seconds=120) as base,
        httpx.Client(base_url=base, timeout=30) as http,
    ):
        target = make_agreement(http, tokens["editor"])
        import_handovers(http, tokens["monitor"], target)
        answers: Any = multiprocessing.get_context("spawn").Queue()
        load = multiprocessing.get_context("spawn").Process(
            target=run_load, args=(base, target[0], LOAD_SECONDS, answers)
        )
        load.start()
        time.sleep(2)  # the clients start and fill every slot before the probe begins
        found = probe(base, tokens["monitor"], target, LOAD_SECONDS - 3)
        statuses, busy_without_retry_after, failures = answers.get(timeout=LOAD_SECONDS + 60)
        load.join(timeout=30)
        status = http.get(f"/api/v1/agreements/{target[0]}/status").json()

    print(  # the figures the README reports
        f"healthz p99 {p99(found.healthz) * 1000:.0f} ms (max {max(found.healthz) * 1000:.0f} ms, "
        f"{len(found.healthz)} probes); POST max {max(found.posts) * 1000:.0f} ms ({len(found.posts)} posts); "
        f"load answers {statuses}, failures {len(failures)}"
    )
    assert failures == []
    assert set(statuses) <= {200, 503} and statuses.get(200, 0) > 0
    assert busy_without_retry_after == 0
    assert p99(found.healthz) < HEALTHZ_P99_BOUND
    assert found.post_statuses and set(found.post_statuses) == {201}
    assert max(found.posts) < POST_BOUND
    received = status["commitments"][0]["recipients"][0]["received"]
    assert received == HANDOVERS + len(found.posts)
