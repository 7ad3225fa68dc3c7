"""The command line: keys, demo, totals check, and a serve that refuses an old schema."""

import os
import subprocess
import sys
from pathlib import Path

import pytest


def run(database_url: str, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "DATABASE_URL": database_url}
    return subprocess.run(
        [sys.executable, "-m", "app.cli", *args], env=env, capture_output=True, text=True, timeout=60, check=False
    )


@pytest.fixture
def fresh_url(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'cli.db'}"


def test_serve_refuses_a_database_that_is_not_migrated(fresh_url: str) -> None:
    result = run(fresh_url, "serve", "--port", "1")
    assert result.returncode == 2
    assert "exchange-ledger db upgrade" in result.stderr


def test_keys_are_printed_once_listed_without_secret_and_revocable(fresh_url: str) -> None:
    assert run(fresh_url, "db", "upgrade").returncode == 0

    created = run(fresh_url, "keys", "create", "--role", "monitor", "--name", "Ombudsperson's office")
    assert created.returncode == 0
    token = created.stdout.strip()
    key_id = token.split(".")[1]
    listed = run(fresh_url, "keys", "list").stdout
    assert key_id in listed and "monitor" in listed and token.split(".")[2] not in listed

    assert run(fresh_url, "keys", "revoke", key_id).returncode == 0
    assert "revoked" in run(fresh_url, "keys", "list").stdout


def test_demo_records_the_istanbul_agreements_once_and_totals_check_passes(fresh_url: str) -> None:
    assert run(fresh_url, "db", "upgrade").returncode == 0
    first = run(fresh_url, "demo")
    second = run(fresh_url, "demo")
    assert first.returncode == 0 and second.returncode == 0
    assert first.stdout.splitlines()[0] == second.stdout.splitlines()[0]
    assert first.stdout.splitlines()[0].count("agr_") == 3
    assert "Handovers recorded now: 27; totals announced now: 2." in first.stdout
    assert "Handovers recorded now: 0; totals announced now: 0." in second.stdout
    assert "Handovers outside any agreement recorded now: 1." in first.stdout
    assert "Handovers outside any agreement recorded now: 0." in second.stdout
    assert "S19" not in first.stdout

    check = run(fresh_url, "totals", "check")
    assert check.returncode == 0, check.stdout + check.stderr
    assert "Totals match" in check.stdout
