"""`exchange-ledger backup`: an online copy of the SQLite ledger that restores to the same ledger."""

import os
import subprocess
import sys
import threading
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from app.core.config import Settings
from app.main import create_app
from tests.factories import Factory, line


def cli(database_url: str, *args: str) -> subprocess.CompletedProcess[str]:
    """Run the command line as an operator would."""
    env = {**os.environ, "DATABASE_URL": database_url}
    return subprocess.run(
        [sys.executable, "-m", "app.cli", *args], env=env, capture_output=True, text=True, timeout=120, check=False
    )


def all_updates(client: TestClient, agreement_id: str) -> list[dict[str, Any]]:
    """Every update of an agreement, following the cursor."""
    updates: list[dict[str, Any]] = []
    cursor = None
    while True:
        params: dict[str, Any] = {"limit": 200, **({"cursor": cursor} if cursor else {})}
        page = client.get(f"/api/v1/agreements/{agreement_id}/updates", params=params).json()
        updates.extend(page["items"])
        cursor = page["next_cursor"]
        if not cursor:
            return updates


def ledger(client: TestClient) -> dict[str, Any]:
    """Everything a reader can see."""
    agreements = client.get("/api/v1/agreements", params={"limit": 200}).json()["items"]
    return {
        "parties": client.get("/api/v1/parties", params={"limit": 200}).json(),
        "agreements": agreements,
        "updates": {a["id"]: all_updates(client, a["id"]) for a in agreements},
        "status": {a["id"]: client.get(f"/api/v1/agreements/{a['id']}/status").json() for a in agreements},
    }


@pytest.fixture
def sqlite_only(database_url: str) -> None:
    if not database_url.startswith("sqlite"):
        pytest.skip("`backup` copies SQLite files; PostgreSQL uses pg_dump")


@pytest.mark.slow
@pytest.mark.usefixtures("sqlite_only")
def test_a_backup_taken_during_writes_restores_to_a_consistent_ledger(
    settings: Settings, client: TestClient, factory: Factory, keys: dict[str, dict[str, str]], tmp_path: Path
) -> None:
    istanbul = factory.istanbul()
    factory.update(istanbul.agreement_id, [line(istanbul.remains, istanbul.ukraine, 6057)])
    stop = threading.Event()
    written: list[int] = []

    def keep_writing() -> None:
        for stage in range(200):
            if stop.is_set():
                return
            body = {
                "occurred_on": "2025-06-20",
                "stage": f"w{stage}",
                "source": {"publisher": "ICRC"},
                "lines": [line(istanbul.remains, istanbul.russia, 1)],
            }
            response = client.post(
                f"/api/v1/agreements/{istanbul.agreement_id}/updates", json=body, headers=keys["monitor"]
            )
            written.append(response.status_code)

    writer = threading.Thread(target=keep_writing)
    writer.start()
    try:
        destination = tmp_path / "backups" / "ledger-backup.db"
        done = cli(settings.database_url, "backup", str(destination))
    finally:
        stop.set()
        writer.join(timeout=60)

    assert done.returncode == 0, done.stderr
    assert destination.exists() and not destination.with_name("ledger-backup.db.partial").exists()
    assert set(written) <= {201}

    restored_url = f"sqlite:///{destination}"
    check = cli(restored_url, "totals", "check")
    assert check.returncode == 0, check.stdout + check.stderr
    with TestClient(create_app(settings.model_copy(update={"database_url": restored_url}))) as restored:
        assert restored.get("/readyz").status_code == 200
        copy = ledger(restored)
    updates_in_copy = copy["updates"][istanbul.agreement_id]
    assert 1 <= len(updates_in_copy) <= 1 + len(written)
    russia_total = sum(
        ln["quantity"] for u in updates_in_copy for ln in u["lines"] if ln["recipient_id"] == istanbul.russia
    )
    status = copy["status"][istanbul.agreement_id]
    remains = next(c for c in status["commitments"] if c["commitment_id"] == istanbul.remains)
    received = {r["recipient_id"]: r["received"] for r in remains["recipients"]}
    assert received == {istanbul.ukraine: 6057, istanbul.russia: russia_total}


@pytest.mark.slow
@pytest.mark.usefixtures("sqlite_only")
def test_a_restored_backup_is_the_same_ledger(
    settings: Settings, client: TestClient, factory: Factory, tmp_path: Path
) -> None:
    istanbul = factory.istanbul()
    factory.update(istanbul.agreement_id, [line(istanbul.remains, istanbul.ukraine, 6057)], stage="1")
    factory.update(istanbul.agreement_id, [line(istanbul.remains, istanbul.russia, 78)], stage="2")
    before = ledger(client)
    destination = tmp_path / "copy.db"

    assert cli(settings.database_url, "backup", str(destination)).returncode == 0

    # Restoring is putting the file in place while the service is stopped; here, pointing an app at it.
    with TestClient(create_app(settings.model_copy(update={"database_url": f"sqlite:///{destination}"}))) as restored:
        assert ledger(restored) == before


@pytest.mark.usefixtures("sqlite_only")
def test_a_backup_never_overwrites_a_file(settings: Settings, tmp_path: Path) -> None:
    destination = tmp_path / "exists.db"
    destination.write_bytes(b"precious")

    done = cli(settings.database_url, "backup", str(destination))

    assert done.returncode == 2
    assert "already exists" in done.stderr
    assert destination.read_bytes() == b"precious"


def test_backup_of_postgresql_points_to_pg_dump(tmp_path: Path) -> None:
    done = cli("postgresql+psycopg://postgres@127.0.0.1:5432/nowhere", "backup", str(tmp_path / "x.db"))

    assert done.returncode == 2
    assert "pg_dump" in done.stderr
    assert not (tmp_path / "x.db").exists()
