"""The delivery worker: fans events out, claims due deliveries, sends them signed, records every attempt."""

import logging
import os
import secrets
import socket
import threading
import time
from collections.abc import Callable
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from datetime import UTC, datetime

import httpx
from standardwebhooks.webhooks import Webhook

from app.core.config import Settings
from app.core.db import Database
from app.webhooks import delivery, destinations
from app.webhooks.delivery import Claim, Outcome, RetryPolicy
from app.webhooks.destinations import UrlPolicy

log = logging.getLogger("exchange_ledger.webhooks")

USER_AGENT = "exchange-ledger-webhooks/1.0"
FAN_OUT_BATCH = 200


def worker_name() -> str:
    """A name for this worker in attempt records: host, process and a random tail."""
    return f"{socket.gethostname()}:{os.getpid()}:{secrets.token_hex(3)}"


def signed_headers(claim: Claim, *, now: datetime) -> dict[str, str]:
    """The Standard Webhooks headers of one attempt: a stable id, this attempt's time, its signature."""
    return {
        "content-type": "application/json",
        "webhook-id": claim.event_id,
        "webhook-timestamp": str(int(now.timestamp())),
        "webhook-signature": Webhook(claim.secret).sign(claim.event_id, now, claim.body),
    }


class DeliveryWorker:
    """One worker process's loop; several may run against PostgreSQL, each claiming different deliveries."""

    def __init__(
        self,
        database: Database,
        settings: Settings,
        *,
        concurrency: int = 4,
        timer: Callable[[], object] | None = None,
    ) -> None:
        """`timer`, when given, runs every ALERT_SWEEP_SECONDS (the alert sweep: the caller's, so this
        package needs to know nothing of what raises events)."""
        if settings.webhook_lease_seconds <= settings.webhook_timeout_seconds:
            raise ValueError("WEBHOOK_LEASE_SECONDS must be longer than WEBHOOK_TIMEOUT_SECONDS.")
        self.database = database
        self.settings = settings
        self.concurrency = concurrency
        self.name = worker_name()
        self.retry = RetryPolicy.from_settings(settings)
        self.urls: UrlPolicy = destinations.url_policy(settings)
        self.stopping = threading.Event()
        self.timer = timer if settings.alert_sweep_seconds > 0 else None
        self.next_timer_at = time.monotonic()

    def run_timer_if_due(self) -> None:
        """Run the timer's task when its interval has passed; a failure is logged and tried again next time."""
        if self.timer is None or time.monotonic() < self.next_timer_at:
            return
        self.next_timer_at = time.monotonic() + self.settings.alert_sweep_seconds
        try:
            self.timer()
        except Exception:
            log.exception("the worker's timed task failed; it runs again in %s s", self.settings.alert_sweep_seconds)

    def fan_out(self) -> int:
        """Match waiting outbox events to subscriptions; returns how many events were handled."""
        handled = 0
        while True:
            with self.database.write_transaction() as session:
                count = delivery.fan_out(session, now=datetime.now(UTC), limit=FAN_OUT_BATCH)
            handled += count
            if count < FAN_OUT_BATCH:
                return handled

    def claim(self, *, limit: int) -> list[Claim]:
        """Claim up to `limit` due deliveries under a lease."""
        with self.database.write_transaction() as session:
            return delivery.claim_deliveries(
                session,
                worker=self.name,
                now=datetime.now(UTC),
                lease_seconds=self.settings.webhook_lease_seconds,
                limit=limit,
                max_attempts=self.retry.max_attempts,
            )

    def send(self, client: httpx.Client, claim: Claim) -> Outcome:
        """One attempt: POST the event's body, signed, and say how it went."""
        started = time.monotonic()

        def elapsed() -> int:
            return int((time.monotonic() - started) * 1000)

        refused = destinations.check_destination(claim.url, policy=self.urls)
        if refused is not None:
            return Outcome(succeeded=False, duration_ms=elapsed(), error=f"refused: {refused}")
        headers = signed_headers(claim, now=datetime.now(UTC))
        try:
            # The response body is never read: only the status matters, and it could be huge.
            with client.stream("POST", claim.url, content=claim.body.encode(), headers=headers) as response:
                status = response.status_code
        except httpx.HTTPError as exc:
            return Outcome(succeeded=False, duration_ms=elapsed(), error=f"{type(exc).__name__}: {exc}")
        if 200 <= status < 300:
            return Outcome(succeeded=True, duration_ms=elapsed(), status_code=status)
        return Outcome(succeeded=False, duration_ms=elapsed(), status_code=status, error=f"HTTP {status}")

    def record(self, claim: Claim, outcome: Outcome) -> None:
        """Write an attempt's outcome and schedule what follows."""
        with self.database.write_transaction() as session:
            now = datetime.now(UTC)
            owned = delivery.record_outcome(session, claim=claim, outcome=outcome, now=now, policy=self.retry)
        log.info(
            "delivery %s event %s attempt %d: %s in %d ms%s",
            claim.delivery_id,
            claim.event_id,
            claim.number,
            "delivered" if outcome.succeeded else (outcome.error or "failed"),
            outcome.duration_ms,
            "" if owned else " (lease lost; another worker owns it)",
        )

    def run(self, *, once: bool = False) -> None:
        """Deliver until stopped; with `once`, stop as soon as nothing is due or in flight.

        Each free slot is refilled as soon as its attempt ends, so one slow receiver holds one
        slot, not the whole worker.
        """
        timeout = httpx.Timeout(self.settings.webhook_timeout_seconds)
        in_flight: dict[Future[Outcome], Claim] = {}
        with (
            httpx.Client(timeout=timeout, follow_redirects=False, headers={"user-agent": USER_AGENT}) as client,
            ThreadPoolExecutor(max_workers=self.concurrency, thread_name_prefix="webhook") as pool,
        ):
            log.info("webhook worker %s started", self.name)
            while not self.stopping.is_set() or in_flight:
                found = 0
                if not self.stopping.is_set():
                    self.run_timer_if_due()  # before claiming, so what it raises goes out in this pass
                if not self.stopping.is_set() and len(in_flight) < self.concurrency:
                    free = self.concurrency - len(in_flight)
                    claims: list[Claim] = []
                    try:
                        claims = self.claim(limit=free)
                        # Outbox events become deliveries only when what is already due falls short.
                        if len(claims) < free:
                            found = self.fan_out()
                            if found:
                                claims += self.claim(limit=free - len(claims))
                    except Exception:
                        # A database hiccup must not end the worker: claims it held simply expire.
                        log.exception("webhook worker could not claim work; retrying")
                        if once:
                            raise
                    found += len(claims)
                    for claim in claims:
                        in_flight[pool.submit(self.send, client, claim)] = claim
                if not in_flight:
                    if once and found == 0:
                        break
                    if found == 0:
                        self.stopping.wait(self.settings.webhook_poll_seconds)
                    continue
                finished, _ = wait(in_flight, timeout=self.settings.webhook_poll_seconds, return_when=FIRST_COMPLETED)
                for future in finished:
                    claim = in_flight.pop(future)
                    try:
                        self.record(claim, future.result())
                    except Exception:
                        log.exception("could not record delivery %s; its lease will expire", claim.delivery_id)
                        if once:
                            raise
            log.info("webhook worker %s stopped", self.name)
