"""The audit log: every write is chained, and any edit, deletion, insertion or reordering is caught."""

import os
import subprocess
import sys
import threading
import time
from collections.abc import Callable

import httpx
import pytest
from sqlalchemy import text

from app.audit.service import verify_chain
from app.core.config import Settings
from app.database import open_database
from tests.factories import Factory, line
from tests.server import running_server


def _verification(factory: Factory) -> dict[str, object]:
    response = factory.client.get("/api/v1/audit/verification", headers=factory.keys["admin"])
    assert response.status_code == 200
    result: dict[str, object] = response.json()
    return result


def _tamper(settings: Settings, sql: str) -> None:
    database = open_database(settings.database_url)
    with database.write_engine.begin() as connection:
        connection.execute(text(sql))
    database.dispose()


def _some_writes(factory: Factory) -> str:
    ist = factory.istanbul()
    factory.update(ist.agreement_id, [line(ist.remains, ist.ukraine, 1212), line(ist.remains, ist.russia, 27)])
    factory.client.patch(
        f"/api/v1/agreements/{ist.agreement_id}", json={"notes": "second round"}, headers=factory.keys["editor"]
    )
    return ist.agreement_id


def test_every_write_is_recorded_with_who_when_and_the_values_before_and_after(factory: Factory) -> None:
    agreement_id = _some_writes(factory)

    entries = factory.client.get(
        "/api/v1/audit", params={"entity_id": agreement_id, "limit": 200}, headers=factory.keys["admin"]
    ).json()["items"]

    created, patched = entries[0], entries[-1]
    assert created["action"] == "create" and created["entity_type"] == "agreement"
    assert created["actor_role"] == "editor" and created["actor_key_id"].startswith("key_")
    assert patched["action"] == "update"
    assert (patched["before"], patched["after"]) == ({"notes": None}, {"notes": "second round"})
    updates = factory.client.get(
        "/api/v1/audit", params={"entity_type": "fulfilment_update"}, headers=factory.keys["admin"]
    ).json()["items"]
    assert [e["actor_role"] for e in updates] == ["monitor"]
    assert _verification(factory)["ok"] is True


def test_audit_log_is_for_admins_and_its_head_is_public(factory: Factory) -> None:
    _some_writes(factory)
    assert factory.client.get("/api/v1/audit", headers=factory.keys["editor"]).status_code == 403
    assert factory.client.get("/api/v1/audit").status_code == 401
    head = factory.client.get("/api/v1/audit/head").json()
    assert head == _verification(factory)["head"]
    assert head["seq"] > 0 and len(head["hash"]) == 64


def test_no_secret_is_written_to_the_audit_log(factory: Factory) -> None:
    entries = factory.client.get(
        "/api/v1/audit", params={"entity_type": "api_key"}, headers=factory.keys["admin"]
    ).json()["items"]
    assert entries and all("secret_hash" not in (e["after"] or {}) for e in entries)


TAMPERING: dict[str, Callable[[int], list[str]]] = {
    "edit": lambda seq: [f'UPDATE audit_entry SET after = \'{{"notes": "quietly rewritten"}}\' WHERE seq = {seq}'],
    "delete": lambda seq: [f"DELETE FROM audit_entry WHERE seq = {seq}"],
    "insert": lambda seq: [
        "INSERT INTO audit_entry (seq, at, action, entity_type, entity_id, prev_hash, hash) "
        f"SELECT seq + 1000000, at, 'delete', entity_type, entity_id, hash, hash FROM audit_entry WHERE seq = {seq}"
    ],
    "reorder": lambda seq: [
        f"UPDATE audit_entry SET seq = -1 WHERE seq = {seq}",
        f"UPDATE audit_entry SET seq = {seq} WHERE seq = {seq + 1}",
        f"UPDATE audit_entry SET seq = {seq + 1} WHERE seq = -1",
    ],
}


@pytest.mark.tampers_with_audit
@pytest.mark.parametrize("kind", list(TAMPERING))
def test_tampering_with_the_database_is_caught(factory: Factory, settings: Settings, kind: str) -> None:
    _some_writes(factory)
    head = _verification(factory)["head"]
    assert isinstance(head, dict)
    target = 3
    for statement in TAMPERING[kind](target):
        _tamper(settings, statement)

    result = _verification(factory)

    assert result["ok"] is False
    expected = {"edit": target, "delete": target, "reorder": target, "insert": head["seq"] + 1}[kind]
    assert result["first_broken_seq"] == expected, result
    env = {**os.environ, "DATABASE_URL": settings.database_url}
    cli = subprocess.run(
        [sys.executable, "-m", "app.cli", "audit", "verify"],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert cli.returncode == 1 and f"BROKEN at entry {expected}" in cli.stderr


WRITERS = 8
WRITING_SECONDS = 4.0


def test_eight_writers_posting_never_make_verification_report_a_broken_chain(
    factory: Factory, settings: Settings
) -> None:
    ist = factory.istanbul()
    monitor = factory.keys["monitor"]
    posted: list[int] = []

    def write(base: str, number: int) -> None:
        with httpx.Client(base_url=base, timeout=30) as http:
            deadline = time.monotonic() + WRITING_SECONDS
            while time.monotonic() < deadline:
                body = {
                    "occurred_on": "2025-06-20",
                    "source": {"publisher": f"Monitor {number}"},
                    "lines": [line(ist.remains, ist.ukraine, 1)],
                }
                answer = http.post(f"/api/v1/agreements/{ist.agreement_id}/updates", json=body, headers=monitor)
                posted.append(answer.status_code)

    verifications: list[dict[str, object]] = []
    database = open_database(settings.database_url)
    no_limits = {"RATE_LIMIT_PER_ADDRESS": "0", "RATE_LIMIT_PER_KEY": "0"}
    with running_server(database.url, env=no_limits) as base, httpx.Client(base_url=base, timeout=30) as http:
        writers = [threading.Thread(target=write, args=(base, n)) for n in range(WRITERS)]
        for writer in writers:
            writer.start()
        while any(writer.is_alive() for writer in writers):
            answer = http.get("/api/v1/audit/verification", headers=factory.keys["admin"])
            verifications.append(answer.json())
            with database.session() as session:  # what `exchange-ledger audit verify` runs
                verifications.append(verify_chain(session).model_dump(mode="json"))
        for writer in writers:
            writer.join()
    database.dispose()

    assert posted and set(posted) == {201}
    assert len(verifications) >= 4
    assert [v for v in verifications if not v["ok"]] == []
