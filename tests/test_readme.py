"""The README's walk-through and the client's snippets (the README's and the client README's) run as written,
against servers of their own."""

import os
import re
import shutil
import socket
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import pytest

from app.core.migrations import upgrade
from tests.server import running_server

README = Path(__file__).resolve().parent.parent / "README.md"


def _walk_through() -> str:
    text = README.read_text()
    section = text.split("## A walk through the main flow", 1)[1]
    match = re.search(r"```sh\n(.*?)```", section, re.S)
    assert match, "the walk-through has no shell block"
    return match.group(1)


@pytest.mark.slow
def test_the_walk_through_runs_as_written_on_a_ledger_of_its_own(tmp_path: Path) -> None:
    for tool in ("bash", "curl", "jq"):
        assert shutil.which(tool), f"{tool} is needed (bash scripts/test installs jq)"
    script = _walk_through()
    assert "DATABASE_URL=sqlite:///walk-through.db" in script  # never the demo ledger
    # A folder like a clone: its .venv is this test run's environment; the ledger file lands here.
    (tmp_path / ".venv").symlink_to(sys.prefix, target_is_directory=True)
    env = {**os.environ, "PATH": f"{Path(sys.executable).parent}:{os.environ['PATH']}"}
    env.pop("DATABASE_URL", None)
    # The walk-through's port, made free for this run: several test runs may share the machine.
    port = _free_port()
    script = script.replace("8001", str(port))
    done = subprocess.run(
        ["bash", "-e", "-c", script + "\nwait\n"],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-2000:]
    # The handover's answer, then the status: Ukraine 6,057 of 6,000, Russia withheld and a lower bound.
    assert '"quantity": 6057' in done.stdout
    assert '"received_is_lower_bound": true' in done.stdout
    assert (tmp_path / "walk-through.db").exists()


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


# ---- the client's snippets: the root README's and the generated client's, run against a demo ledger --------

CLIENT_README = README.parent / "openapi" / "client" / "README.md"
CLIENT_PACKAGE = README.parent / "openapi" / "client"


def _python_blocks(text: str) -> list[str]:
    return re.findall(r"```python\n(.*?)```", text, re.S)


def _client_snippet() -> str:
    section = README.read_text().split("**A generated Python client.**", 1)[1]
    blocks = _python_blocks(section)
    assert blocks, "the client paragraph has no Python block"
    return blocks[0]


def _run_python(script: str, *, cwd: Path, env: dict[str, str] | None = None) -> str:
    done = subprocess.run(
        [sys.executable, "-c", script],
        cwd=cwd,
        env={**os.environ, "PYTHONPATH": str(CLIENT_PACKAGE), **(env or {})},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-3000:]
    return done.stdout


@dataclass(frozen=True)
class DemoServer:
    base: str
    monitor_key: str
    agreement_id: str  # the agreement with a term about remains

    def remains(self) -> list[dict[str, Any]]:
        """Each party's figures under the agreement's term about remains, as the API gives them."""
        status = httpx.get(f"{self.base}/api/v1/agreements/{self.agreement_id}/status").json()
        (remains,) = [c for c in status["commitments"] if c["category"] == "remains"]
        recipients: list[dict[str, Any]] = remains["recipients"]
        return recipients

    def remains_received(self) -> dict[str, int]:
        return {r["recipient_name"]: r["received"] for r in self.remains()}


@pytest.fixture(scope="module")
def demo_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[DemoServer]:
    """A server on a ledger of its own holding the demo agreements, and a monitor key for it."""
    url = f"sqlite:///{tmp_path_factory.mktemp('demo') / 'demo.db'}"
    upgrade(url)
    cli = {**os.environ, "DATABASE_URL": url}
    subprocess.run([sys.executable, "-m", "app.cli", "demo"], env=cli, check=True, capture_output=True, timeout=120)
    key = subprocess.run(
        [sys.executable, "-m", "app.cli", "keys", "create", "--role", "monitor", "--name", "README"],
        env=cli,
        check=True,
        capture_output=True,
        text=True,
        timeout=60,
    ).stdout.strip()
    with running_server(url) as base:
        agreements = httpx.get(f"{base}/api/v1/agreements", params={"limit": 200}).json()["items"]
        (agreement_id,) = [a["id"] for a in agreements if any(c["category"] == "remains" for c in a["commitments"])]
        yield DemoServer(base=base, monitor_key=key, agreement_id=agreement_id)


@pytest.mark.slow
def test_the_readme_client_snippet_prints_each_partys_remains_received(demo_server: DemoServer, tmp_path: Path) -> None:
    snippet = _client_snippet()
    assert "http://127.0.0.1:8000" in snippet
    prelude = f"KEY = {demo_server.monitor_key!r}\nAGREEMENT_ID = {demo_server.agreement_id!r}\n"

    printed = _run_python(prelude + snippet.replace("http://127.0.0.1:8000", demo_server.base), cwd=tmp_path)

    received = demo_server.remains_received()
    assert printed.strip() == repr(received)
    assert len(received) == 2 and all(figure > 0 for figure in received.values())


@pytest.mark.slow
def test_the_client_readme_runs_as_one_script_against_a_demo_ledger(demo_server: DemoServer, tmp_path: Path) -> None:
    script = "\n".join(_python_blocks(CLIENT_README.read_text()))
    assert "api.example.com" not in CLIENT_README.read_text() and "MyDataModel" not in script
    before = demo_server.remains_received()
    shown = [
        f"remains: {r['recipient_name']} received {r['received']}{' or more' if r['received_is_lower_bound'] else ''}"
        f" of {r['target']}"
        for r in demo_server.remains()
    ]

    printed = _run_python(
        script, cwd=tmp_path, env={"LEDGER_URL": demo_server.base, "LEDGER_KEY": demo_server.monitor_key}
    ).splitlines()

    after = demo_server.remains_received()
    assert after == {name: figure + 20 + 5 for name, figure in before.items()}
    assert all(figure > 0 for figure in before.values())
    assert "3 agreements" in printed  # paged two at a time
    remains_lines = [line for line in printed if line.startswith("remains: ")]
    assert sorted(remains_lines) == sorted(shown)
    assert f"remains received: {before!r}" in printed
    assert "201 then 201 replayed: true" in printed
    assert "one update: True" in printed
    assert any(line.startswith("422 ") for line in printed)
    assert any(line.startswith("  at ['body', 'lines', 0, 'quantity']") for line in printed), "\n".join(printed)
    assert "imported 1 update(s), 2 line(s)" in printed
    assert f"remains received now: {after!r}" in printed


def _readers_snippet() -> str:
    section = README.read_text().split("Each output reads with the library an analyst would reach for", 1)[1]
    return _python_blocks(section)[0]


@pytest.mark.slow
def test_the_readme_reads_the_exports_and_the_feed_with_csv_libhxl_and_feedparser(
    demo_server: DemoServer, tmp_path: Path
) -> None:
    snippet = _readers_snippet()
    printed = _run_python(snippet.replace("http://127.0.0.1:8000", demo_server.base), cwd=tmp_path).splitlines()

    # What the counted lines add up to is what every status says was received, term by term.
    received: dict[tuple[str, str], int] = {}
    agreements = httpx.get(f"{demo_server.base}/api/v1/agreements", params={"limit": 200}).json()["items"]
    for agreement in agreements:
        status = httpx.get(f"{demo_server.base}/api/v1/agreements/{agreement['id']}/status").json()
        for term in status["commitments"]:
            for recipient in term["recipients"]:
                if recipient["received"]:
                    received[(term["commitment_id"], recipient["recipient_id"])] = recipient["received"]
    assert printed[0] == f"{len(received)} terms and parties, {sum(received.values())} people or remains received"
    assert sum(received.values()) > 0
    # libhxl found the rows with something received, by their hashtags.
    hxl_rows = printed[1:-1]
    assert len(hxl_rows) == len(received)
    names = {r["recipient_name"] for r in demo_server.remains()}
    assert {line.rsplit(" ", 2)[0] for line in hxl_rows} >= names
    # feedparser read the feed: the latest entry links to a page of the ledger.
    assert printed[-1].split(" ")[-1].startswith(f"{demo_server.base}/agreements/")
