"""The README's walk-through runs as written, in a shell, against a server of its own."""

import os
import re
import shutil
import socket
import subprocess
import sys
from pathlib import Path

import pytest

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
