"""Load from wrk: one Lua script per scenario, the figures read back as JSON."""

from __future__ import annotations

import json
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bench.servers import LOAD_CPU, pinned

LUA = Path(__file__).resolve().parent / "lua"
MARKER = "BENCH_JSON "


@dataclass(frozen=True)
class LoadResult:
    """What wrk measured for one scenario."""

    requests: int
    seconds: float
    requests_per_second: float
    p50_ms: float
    p90_ms: float
    p99_ms: float
    max_ms: float
    errors: dict[str, int]
    extra: dict[str, Any]

    def as_json(self) -> dict[str, Any]:
        return {
            "requests": self.requests,
            "seconds": round(self.seconds, 3),
            "requests_per_second": round(self.requests_per_second, 1),
            "p50_ms": round(self.p50_ms, 3),
            "p90_ms": round(self.p90_ms, 3),
            "p99_ms": round(self.p99_ms, 3),
            "max_ms": round(self.max_ms, 3),
            "errors": self.errors,
            **self.extra,
        }


def lua_value(value: Any) -> str:
    """A Python value written as a Lua literal (strings, numbers, lists and string-keyed dicts)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return repr(value)
    if isinstance(value, str):
        return json.dumps(value)  # a JSON string of printable ASCII is also a Lua string literal
    if isinstance(value, list | tuple):
        return "{" + ",".join(lua_value(v) for v in value) + "}"
    if isinstance(value, dict):
        return "{" + ",".join(f"[{json.dumps(k)}]={lua_value(v)}" for k, v in value.items()) + "}"
    raise TypeError(f"no Lua literal for {type(value).__name__}")


def script(*, params: dict[str, Any] | None = None, body: str = "", headers: dict[str, str] | None = None) -> str:
    """A wrk script: the parameters, fixed headers, a scenario's Lua, then the JSON reporter."""
    parts = [f"params = {lua_value(params or {})}"]
    for name, value in (headers or {}).items():
        parts.append(f"wrk.headers[{json.dumps(name)}] = {json.dumps(value)}")
    parts.append(body)
    parts.append((LUA / "report.lua").read_text())
    return "\n".join(parts)


def wrk_available() -> bool:
    """Whether wrk is installed."""
    return shutil.which("wrk") is not None


def run_wrk(
    url: str, lua: str, *, connections: int, seconds: int, threads: int = 1, timeout_seconds: int = 10
) -> LoadResult:
    """Drive `url` for `seconds` with `connections` open connections; wrk runs on its own core."""
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as file:
        file.write(lua)
        path = Path(file.name)
    try:
        command = [
            "wrk",
            f"-t{threads}",
            f"-c{connections}",
            f"-d{seconds}s",
            f"--timeout={timeout_seconds}s",
            "-s",
            str(path),
            url,
        ]
        done = subprocess.run(  # noqa: S603 (a fixed program with arguments built here)
            pinned(LOAD_CPU, command),
            capture_output=True,
            text=True,
            timeout=seconds + timeout_seconds + 60,
            check=False,
        )
    finally:
        path.unlink(missing_ok=True)
    line = next((x for x in done.stdout.splitlines() if x.startswith(MARKER)), None)
    if done.returncode != 0 or line is None:
        raise RuntimeError(f"wrk failed ({done.returncode}): {done.stdout[-2000:]} {done.stderr[-2000:]}")
    report = json.loads(line[len(MARKER) :])
    seconds_taken = report["duration_us"] / 1e6
    latency = report["latency_us"]
    known = {"requests", "duration_us", "bytes", "latency_us", "errors"}
    return LoadResult(
        requests=report["requests"],
        seconds=seconds_taken,
        requests_per_second=report["requests"] / seconds_taken if seconds_taken else 0.0,
        p50_ms=latency["p50"] / 1000,
        p90_ms=latency["p90"] / 1000,
        p99_ms=latency["p99"] / 1000,
        max_ms=latency["max"] / 1000,
        errors=report["errors"],
        extra={k: v for k, v in report.items() if k not in known},
    )
