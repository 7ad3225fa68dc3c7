"""Server processes for a benchmark: the service as in production and its references, each on its own core."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import httpx

SERVER_CPU = "0"
LOAD_CPU = "1"
UNREACHABLE_QUOTA = 1_000_000_000


def pinning_available() -> bool:
    """Whether the server and the load generator can be given cores of their own."""
    return shutil.which("taskset") is not None and (os.cpu_count() or 1) >= 2


def pinned(cpu: str, command: list[str]) -> list[str]:
    """The command run on one core, when the machine has more than one."""
    return ["taskset", "-c", cpu, *command] if pinning_available() else command


def free_port() -> int:
    """A loopback TCP port nobody listens on right now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


@dataclass
class Running:
    """A server process under test."""

    name: str
    process: subprocess.Popen[bytes]
    base: str
    log: Path

    def peak_rss_mb(self) -> float:
        """The most memory the process has held resident since it started (VmHWM), in MiB."""
        for line in Path(f"/proc/{self.process.pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
        raise RuntimeError("VmHWM is not reported by this kernel")


@dataclass(frozen=True)
class ServerSpec:
    """How to start one server and how to tell that it is ready."""

    name: str
    command: list[str]
    port: int
    ready_path: str
    env: dict[str, str] = field(default_factory=dict)

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"


@contextmanager
def serving(spec: ServerSpec) -> Iterator[Running]:
    """Start a server on its core, wait until it is ready, and stop it afterwards."""
    log = Path(tempfile.gettempdir()) / f"bench-{spec.name}-{spec.port}.log"
    with log.open("w") as log_file:
        process = subprocess.Popen(  # noqa: S603 (our own interpreter and modules)
            pinned(SERVER_CPU, spec.command),
            env={**os.environ, **spec.env},
            stdout=log_file,
            stderr=subprocess.STDOUT,
        )
    running = Running(name=spec.name, process=process, base=spec.base, log=log)
    try:
        deadline = time.monotonic() + 120
        while True:
            if process.poll() is not None:
                raise RuntimeError(f"{spec.name} exited before answering: {log.read_text()[-2000:]}")
            try:
                if httpx.get(spec.base + spec.ready_path, timeout=2).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            if time.monotonic() > deadline:
                raise RuntimeError(f"{spec.name} did not answer within 120 s: {log.read_text()[-2000:]}")
            time.sleep(0.1)
        yield running
    finally:
        process.terminate()
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        log.unlink(missing_ok=True)


def service_spec(database_url: str) -> ServerSpec:
    """`exchange-ledger serve` with production settings: one worker, no reload, access log off."""
    port = free_port()
    return ServerSpec(
        name="service",
        command=[
            sys.executable,
            "-m",
            "app.cli",
            "serve",
            "--host",
            "127.0.0.1",
            "--port",
            str(port),
            "--workers",
            "1",
        ],
        port=port,
        ready_path="/readyz",
        env={
            "DATABASE_URL": database_url,
            "ENVIRONMENT": "production",
            "ACCESS_LOG": "false",
            # One load generator on one address would be throttled within a second: the limiter still runs
            # on every request, with quotas it never reaches.
            "RATE_LIMIT_PER_ADDRESS": str(UNREACHABLE_QUOTA),
            "RATE_LIMIT_PER_KEY": str(UNREACHABLE_QUOTA),
        },
    )


def ceiling_spec() -> ServerSpec:
    """The bare FastAPI endpoint under the same uvicorn settings."""
    port = free_port()
    return ServerSpec(
        name="ceiling",
        command=[sys.executable, "-m", "bench.ceiling", "--port", str(port)],
        port=port,
        ready_path="/",
        env={"ENVIRONMENT": "production", "ACCESS_LOG": "false"},
    )


def peer_spec(sqlite_path: Path, metadata_path: Path) -> ServerSpec:
    """Datasette on a SQLite copy of the data, under the same uvicorn settings."""
    port = free_port()
    return ServerSpec(
        name="datasette",
        command=[
            sys.executable,
            "-m",
            "bench.peer",
            "--port",
            str(port),
            "--database",
            str(sqlite_path),
            "--metadata",
            str(metadata_path),
        ],
        port=port,
        ready_path="/-/versions.json",
        env={"ENVIRONMENT": "production", "ACCESS_LOG": "false"},
    )


def naive_ingest_spec(database_url: str) -> ServerSpec:
    """The naive insert-and-count endpoint on its own database, under the same uvicorn settings."""
    port = free_port()
    return ServerSpec(
        name="naive-ingest",
        command=[sys.executable, "-m", "bench.naive_ingest", "--port", str(port), "--database", database_url],
        port=port,
        ready_path="/tally",
        env={"ENVIRONMENT": "production", "ACCESS_LOG": "false"},
    )
