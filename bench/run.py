"""One benchmark run: build the data sets, measure every scenario and the three references, check the totals."""

from __future__ import annotations

import os
import platform
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import httpx
import psycopg
from sqlalchemy import create_engine, func, select

from app.core.db import metadata
from bench import peer
from bench.dataset import LAST_HANDOVER, Built, Size, build, write_import_file
from bench.load import LUA, LoadResult, run_wrk, script
from bench.servers import (
    SERVER_CPU,
    Running,
    ceiling_spec,
    naive_ingest_spec,
    peer_spec,
    pinned,
    pinning_available,
    service_spec,
    serving,
)

POSTGRES_ADMIN_URL = os.environ.get("BENCH_POSTGRES_URL", "postgresql://postgres@127.0.0.1:5432/postgres")
ROOT = Path(__file__).resolve().parent.parent
POST_TARGET_AGREEMENTS = 500
POST_CONNECTIONS = 32
READERS_WHILE_POSTING = 8
LIST_PATH = "/api/v1/agreements?status=stalled&limit=20"
# Words of the data sets' titles, venues, rounds and party names, and one that matches nothing.
SEARCH_WORDS = ["exchange", "Doha", "round", "armed", "intermediary", "state", "0038", "Geneva", "nothing-matches"]


@dataclass(frozen=True)
class Options:
    """What to measure and how long."""

    sizes: list[Size]
    databases: list[str]
    seconds: int
    warmup_seconds: int
    connections: int
    keep_data: bool
    import_rows: int


class BenchFailure(Exception):
    """A scenario answered wrongly, or the totals disagree with what was acknowledged."""


def log(message: str) -> None:
    """Progress on stderr, so stdout stays for the summary."""
    print(message, file=sys.stderr, flush=True)


def machine() -> dict[str, Any]:
    """The machine the figures were measured on."""
    cpuinfo = Path("/proc/cpuinfo").read_text() if Path("/proc/cpuinfo").exists() else ""
    models = [line.split(":", 1)[1].strip() for line in cpuinfo.splitlines() if line.startswith("model name")]
    memory = next(
        (
            int(line.split()[1]) // 1024
            for line in Path("/proc/meminfo").read_text().splitlines()
            if line.startswith("MemTotal")
        ),
        None,
    )
    wrk = subprocess.run(["wrk", "-v"], capture_output=True, text=True, check=False)  # noqa: S607
    return {
        "cores": os.cpu_count(),
        "cpu_model": models[0] if models else platform.processor(),
        "memory_mb": memory,
        "python": platform.python_version(),
        "kernel": platform.release(),
        "load_generator": (wrk.stdout or wrk.stderr).splitlines()[0] if (wrk.stdout or wrk.stderr) else "wrk",
        "pinned": "server on core 0, wrk on core 1" if pinning_available() else "not pinned",
    }


def load_average() -> float:
    """The 1-minute load average."""
    return float(Path("/proc/loadavg").read_text().split()[0])


def git_revision() -> str:
    """The commit measured, marked when the working tree differs from it."""
    head = subprocess.run(
        ["git", "rev-parse", "--short", "HEAD"],  # noqa: S607
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    dirty = subprocess.run(
        ["git", "status", "--porcelain", "--", "app"],  # noqa: S607
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    return head.stdout.strip() + ("+changes" if dirty.stdout.strip() else "")


# ---- databases -------------------------------------------------------------------------------


@contextmanager
def postgres_database(label: str) -> Iterator[str]:
    """A new PostgreSQL database for one data set, dropped afterwards."""
    name = f"el_bench_{label}_{uuid.uuid4().hex[:8]}"
    with psycopg.connect(POSTGRES_ADMIN_URL, autocommit=True) as connection:
        connection.execute(f'CREATE DATABASE "{name}"')
    base = POSTGRES_ADMIN_URL.rsplit("/", 1)[0].replace("postgresql://", "postgresql+psycopg://", 1)
    try:
        yield f"{base}/{name}"
    finally:
        with psycopg.connect(POSTGRES_ADMIN_URL, autocommit=True) as connection:
            connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def sqlite_copy(source: Path, target: Path) -> Path:
    """A consistent copy of a SQLite database (the WAL included), for the peer to serve."""
    with sqlite3.connect(source) as src, sqlite3.connect(target) as dst:
        src.backup(dst)
    with sqlite3.connect(target) as dst:
        dst.execute("PRAGMA journal_mode=DELETE")
    return target


# ---- scenarios -------------------------------------------------------------------------------


def load(
    server: Running,
    path: str,
    options: Options,
    *,
    check: Callable[[httpx.Response], None],
    headers: dict[str, str] | None = None,
) -> dict[str, Any]:
    """Check one answer, warm up, then measure a GET under wrk; with the server's peak memory so far."""
    check(httpx.get(server.base + path, headers=headers, timeout=30))
    wrk_script = script(headers=headers)
    if options.warmup_seconds:
        run_wrk(server.base + path, wrk_script, connections=options.connections, seconds=options.warmup_seconds)
    result = run_wrk(server.base + path, wrk_script, connections=options.connections, seconds=options.seconds)
    if result.requests == 0 or any(result.errors[kind] for kind in ("status", "connect", "timeout")):
        raise BenchFailure(f"{server.name} {path}: {result.requests} answers, errors {result.errors}")
    return {**result.as_json(), "peak_rss_mb": round(server.peak_rss_mb(), 1)}


def expect(status: int, *, json_check: Callable[[Any], bool] | None = None) -> Callable[[httpx.Response], None]:
    """A check that an answer has this status (and, optionally, a body this predicate accepts)."""

    def check(response: httpx.Response) -> None:
        if response.status_code != status:
            raise BenchFailure(
                f"expected {status} from {response.request.url}, got {response.status_code}: {response.text[:300]}"
            )
        if json_check is not None and not json_check(response.json()):
            raise BenchFailure(f"unexpected answer from {response.request.url}: {response.text[:300]}")

    return check


def read_scenarios(built: Built, options: Options) -> dict[str, Any]:
    """The status of one agreement (200), the same with If-None-Match (304), and a filtered, cursored list."""
    path = f"/api/v1/agreements/{built.busiest_agreement_id}/status"
    results: dict[str, Any] = {}
    etag: list[str] = []

    def remember_etag(response: httpx.Response) -> None:
        expect(200, json_check=lambda body: body["agreement_id"] == built.busiest_agreement_id)(response)
        etag.append(response.headers["etag"])

    with serving(service_spec(built.url)) as server:
        log("    status of one agreement")
        results["status"] = load(server, path, options, check=remember_etag)
        log("    status answered 304")
        results["status_304"] = load(server, path, options, check=expect(304), headers={"If-None-Match": etag[0]})
        log("    agreement list, filtered, second page")
        first_page = httpx.get(server.base + LIST_PATH, timeout=30).json()
        cursor = first_page.get("next_cursor")
        if not cursor:
            raise BenchFailure(f"{LIST_PATH} has a single page; the data set should give it several")
        results["agreement_list"] = load(
            server,
            f"{LIST_PATH}&cursor={cursor}",
            options,
            check=expect(200, json_check=lambda body: len(body["items"]) > 0),
        )
        log("    agreement search, a new question each request")
        expect(200, json_check=lambda body: len(body["items"]) > 0)(
            httpx.get(server.base + "/api/v1/agreements", params={"q": SEARCH_WORDS[0]}, timeout=30)
        )
        searched = run_wrk(
            server.base + "/",
            script(params={"words": SEARCH_WORDS}, body=(LUA / "search.lua").read_text()),
            connections=options.connections,
            seconds=options.seconds,
        )
        if searched.requests == 0 or any(searched.errors[kind] for kind in ("status", "connect", "timeout")):
            raise BenchFailure(f"search: {searched.requests} answers, errors {searched.errors}")
        results["search"] = {**searched.as_json(), "peak_rss_mb": round(server.peak_rss_mb(), 1)}
    results["status"]["path"] = "/api/v1/agreements/{busiest}/status"
    results["status_304"]["path"] = "/api/v1/agreements/{busiest}/status + If-None-Match"
    results["agreement_list"]["path"] = LIST_PATH + "&cursor={second page}"
    results["search"]["path"] = "/api/v1/agreements?limit=20&q={word}&fresh={n}"
    return results


def _received_and_updates(url: str, monitor_key_id: str) -> dict[str, Any]:
    running_total = metadata.tables["running_total"]
    updates = metadata.tables["fulfilment_update"]
    lines = metadata.tables["update_line"]
    records = metadata.tables["idempotency_record"]
    engine = create_engine(url)
    try:
        with engine.connect() as connection:
            received = connection.execute(select(func.coalesce(func.sum(running_total.c.received), 0))).scalar_one()
            posted = dict(
                connection.execute(
                    select(updates.c.id, func.coalesce(func.sum(lines.c.quantity), 0))
                    .join(lines, lines.c.update_id == updates.c.id)
                    .where(updates.c.created_by == monitor_key_id)
                    .group_by(updates.c.id)
                ).all()
            )
            keys = connection.execute(
                select(func.count()).select_from(records).where(records.c.key_owner == monitor_key_id)
            ).scalar_one()
    finally:
        engine.dispose()
    return {
        "received": int(received),
        "posted": {k: int(v) for k, v in posted.items()},
        "idempotency_records": int(keys),
    }


def totals_check(url: str) -> tuple[bool, str]:
    """`exchange-ledger totals check` on a database: whether the totals equal the updates."""
    done = subprocess.run(
        [sys.executable, "-m", "app.cli", "totals", "check"],
        env={**os.environ, "DATABASE_URL": url},
        capture_output=True,
        text=True,
        timeout=900,
        check=False,
    )
    return done.returncode == 0, (done.stdout + done.stderr).strip()[-500:]


def post_script(built: Built, ids_path: Path) -> str:
    """The POST load: a handover per request over many agreements, each with an Idempotency-Key never used before."""
    targets = []
    for plan in built.agreements:
        if len(plan.bound) >= 2 and plan.terms:
            term = plan.terms[0]
            targets.append({"a": plan.agreement_id, "c": term.commitment_id, "r1": plan.bound[0], "r2": plan.bound[1]})
        if len(targets) >= POST_TARGET_AGREEMENTS:
            break
    params = {
        "token": built.monitor_token,
        "run": f"bench-{uuid.uuid4().hex[:12]}",
        "day": LAST_HANDOVER.isoformat(),
        "ids_path": str(ids_path),
        "targets": targets,
    }
    return script(params=params, body=(LUA / "post_update.lua").read_text())


def _acknowledged_ids(ids_path: Path) -> list[str]:
    ids = [line for line in ids_path.read_text().split() if line]
    ids_path.unlink(missing_ok=True)
    return ids


def _acknowledged_per_second(figures: dict[str, Any], seconds: float) -> float:
    # A request still in flight when wrk stops was recorded but its answer never read: counted, not lost.
    return round(figures.get("acknowledged", 0) / seconds, 1) if seconds else 0.0


def ingest_scenario(built: Built, options: Options, work: Path) -> dict[str, Any]:
    """POST updates with unique Idempotency-Keys at 32 connections, alone and then under 8 status readers; then
    the totals must equal what was acknowledged in both phases."""
    alone_path = work / f"acknowledged-{uuid.uuid4().hex[:8]}.txt"
    read_path = work / f"acknowledged-{uuid.uuid4().hex[:8]}.txt"
    before = _received_and_updates(built.url, built.monitor_key_id)
    connections = POST_CONNECTIONS
    status_path = f"/api/v1/agreements/{built.busiest_agreement_id}/status"
    with serving(service_spec(built.url)) as server, ThreadPoolExecutor(max_workers=1) as readers:
        expect(200)(httpx.get(server.base + status_path, timeout=30))
        # Alone first, as the naive writer is measured: what the write path does with the core to itself.

        def posting(ids_path: Path) -> LoadResult:
            lua = post_script(built, ids_path)
            return run_wrk(server.base + "/", lua, connections=connections, seconds=options.seconds, timeout_seconds=30)

        log(f"    POST updates with Idempotency-Key at {connections} connections")
        result = posting(alone_path)
        # Then readers poll a status the whole time the monitors post: what a press spike on an exchange day
        # looks like. Their latency is the figure of this phase; the posts are verified with the others.
        log(f"    status reads at {READERS_WHILE_POSTING} connections while {connections} monitors post")
        reading = readers.submit(
            run_wrk,
            server.base + status_path,
            script(),
            connections=READERS_WHILE_POSTING,
            seconds=options.seconds,
        )
        under_reads = posting(read_path)
        read_result = reading.result()
        peak = server.peak_rss_mb()
    after = _received_and_updates(built.url, built.monitor_key_id)
    acknowledged_ids = _acknowledged_ids(alone_path) + _acknowledged_ids(read_path)
    figures = result.as_json()
    posting_figures = under_reads.as_json()
    recorded = {k: v for k, v in after["posted"].items() if k not in before["posted"]}
    recorded_quantity = sum(recorded.values())
    received_delta = after["received"] - before["received"]
    missing = [i for i in acknowledged_ids if i not in recorded]
    acknowledged_in_db = sum(recorded.get(i, 0) for i in acknowledged_ids)
    log("    exchange-ledger totals check")
    check_passed, check_output = totals_check(built.url)
    phases = (figures, posting_figures)
    verification = {
        "acknowledged_2xx": sum(phase.get("acknowledged", 0) for phase in phases),
        "acknowledged_quantity": sum(phase.get("acknowledged_quantity", 0) for phase in phases),
        "failed": sum(phase.get("failed", 0) for phase in phases),
        "recorded_updates": len(recorded),
        "recorded_quantity": recorded_quantity,
        "idempotency_records_added": after["idempotency_records"] - before["idempotency_records"],
        "in_flight_when_load_stopped": len(recorded) - len(acknowledged_ids),
        "acknowledged_missing_from_database": len(missing),
        "totals_received_delta": received_delta,
        "totals_check_passed": check_passed,
        "totals_check_output": check_output,
    }
    verification["exact"] = (
        check_passed
        and not missing
        and received_delta == recorded_quantity
        and acknowledged_in_db == verification["acknowledged_quantity"]
        and verification["idempotency_records_added"] == len(recorded)
        and len(acknowledged_ids) == verification["acknowledged_2xx"]
    )
    if not acknowledged_ids:
        verification["note"] = "no POST was answered within the run; only updates recorded after it were checked"
    for phase in phases:
        if not phase.get("failed"):
            phase.pop("last_failure", None)
    figures["requests_per_second"] = _acknowledged_per_second(figures, result.seconds)
    posting_figures["requests_per_second"] = _acknowledged_per_second(posting_figures, under_reads.seconds)
    if not verification["exact"]:
        raise BenchFailure(
            f"ingest on {built.url.split(':')[0]}: totals disagree with what was acknowledged: {verification}"
        )
    for phase in phases:
        if phase.get("failed"):
            raise BenchFailure(f"ingest: {phase['failed']} requests were refused: {phase.get('last_failure')}")
    read_figures = read_result.as_json()
    if read_result.requests == 0 or any(read_result.errors[kind] for kind in ("status", "connect", "timeout")):
        raise BenchFailure(f"status reads while posting: {read_result.requests} answers, errors {read_result.errors}")
    return {
        **figures,
        "peak_rss_mb": round(peak, 1),
        "connections": connections,
        "verification": verification,
        "status_while_posting": {
            **read_figures,
            "connections": READERS_WHILE_POSTING,
            "path": "/api/v1/agreements/{busiest}/status",
            "posts_meanwhile": {
                key: posting_figures[key] for key in ("requests_per_second", "p50_ms", "p99_ms", "acknowledged")
            },
        },
    }


def _high_water_kb(pid: int) -> int:
    """A running process's most resident memory so far (VmHWM), in KiB; 0 once it has gone."""
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return 0
    for line in status.splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1])
    return 0


def import_scenario(size: Size, rows: int, work: Path) -> dict[str, Any]:
    """`exchange-ledger import` of a CSV of `rows` update lines into the agreements of `size`, on SQLite."""
    probe = subprocess.run(
        [sys.executable, "-m", "app.cli", "import", "--help"], capture_output=True, text=True, check=False, timeout=60
    )
    if probe.returncode != 0:
        return {"status": "missing", "detail": "`exchange-ledger import` does not exist in this version."}
    log(f"  bulk import of {rows:,} rows (SQLite)")
    path = work / "import.db"
    url = f"sqlite:///{path}"
    build(url, size, with_updates=False, log=log)
    csv_path = work / "import.csv"
    written = write_import_file(csv_path, size, rows=rows)
    started = time.perf_counter()
    process = subprocess.Popen(  # noqa: S603 (our own interpreter and module)
        pinned(SERVER_CPU, [sys.executable, "-m", "app.cli", "import", str(csv_path)]),
        env={**os.environ, "DATABASE_URL": url},
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    # The import's own high-water mark, read from /proc while it runs: the rusage of a child forked from this
    # process counts this process's memory too (Linux keeps the larger of the two across exec), and after
    # building a million updates that is gigabytes that were never the import's.
    output_parts: list[bytes] = []
    reader = ThreadPoolExecutor(max_workers=1).submit(
        lambda: output_parts.append(process.stdout.read() if process.stdout else b"")
    )
    peak_kb = 0
    while process.poll() is None:
        peak_kb = max(peak_kb, _high_water_kb(process.pid))
        time.sleep(0.05)
    reader.result()
    output = b"".join(output_parts).decode(errors="replace")
    seconds = time.perf_counter() - started
    if process.returncode != 0:
        raise BenchFailure(f"import failed ({process.returncode}): {output[-1000:]}")
    check_passed, check_output = totals_check(url)
    engine = create_engine(url)
    with engine.connect() as connection:
        lines = connection.execute(select(func.count()).select_from(metadata.tables["update_line"])).scalar_one()
    engine.dispose()
    csv_bytes = csv_path.stat().st_size
    for leftover in [csv_path, *work.glob("import.db*")]:
        leftover.unlink(missing_ok=True)
    if lines != written or not check_passed:
        raise BenchFailure(f"import recorded {lines} lines of {written}; totals check: {check_output}")
    return {
        "status": "measured",
        "rows": written,
        "file_mb": round(csv_bytes / 2**20, 1),
        "seconds": round(seconds, 1),
        "rows_per_second": round(written / seconds),
        "peak_rss_mb": round(peak_kb / 1024, 1),
        "totals_check_passed": check_passed,
        "detail": output.strip().splitlines()[-1] if output.strip() else "",
    }


# ---- the run ---------------------------------------------------------------------------------


def reference_ceiling(options: Options) -> dict[str, Any]:
    """The bare FastAPI endpoint."""
    log("  ceiling: bare FastAPI endpoint")
    with serving(ceiling_spec()) as server:
        return load(server, "/", options, check=expect(200))


def reference_peer(sqlite_path: Path, built: Built, options: Options, work: Path) -> dict[str, Any]:
    """Datasette answering the status question with a canned query."""
    log("  peer: Datasette, canned status query")
    metadata_path = peer.write_metadata(work / "datasette-metadata.json")
    with serving(peer_spec(sqlite_path, metadata_path)) as server:
        figures = load(
            server,
            peer.query_path(built.busiest_agreement_id),
            options,
            check=expect(200, json_check=lambda rows: len(rows) > 0),
        )
    figures["path"] = peer.query_path("{busiest}")
    return figures


def reference_naive_ingest(built: Built, database: str, options: Options, work: Path) -> dict[str, Any]:
    """The naive insert-and-count endpoint under the service's POST load, on a database of its own of this kind."""
    log(f"  naive insert-and-count endpoint on {database}, POST at {POST_CONNECTIONS} connections")
    ids_path = work / f"naive-acknowledged-{uuid.uuid4().hex[:8]}.txt"
    lua = post_script(built, ids_path)
    with naive_database(database, work) as url, serving(naive_ingest_spec(url)) as server:
        result = run_wrk(
            server.base + "/", lua, connections=POST_CONNECTIONS, seconds=options.seconds, timeout_seconds=30
        )
        peak = server.peak_rss_mb()
        tally = httpx.get(server.base + "/tally", timeout=30).json()
    acknowledged_ids = _acknowledged_ids(ids_path)
    figures = result.as_json()
    if not figures.get("failed"):
        figures.pop("last_failure", None)
    figures["requests_per_second"] = _acknowledged_per_second(figures, result.seconds)
    # It must really have written what it acknowledged, or its speed means nothing.
    exact = (
        tally["received"] == tally["rows_received"]
        and tally["updates"] >= len(acknowledged_ids) == figures.get("acknowledged", 0) == len(set(acknowledged_ids))
        and tally["received"] >= figures.get("acknowledged_quantity", 0)
    )
    if not exact or figures.get("failed") or not acknowledged_ids:
        raise BenchFailure(f"naive insert-and-count on {database}: {figures}, tally {tally}")
    return {**figures, "peak_rss_mb": round(peak, 1), "connections": POST_CONNECTIONS, "tally": tally}


@contextmanager
def naive_database(database: str, work: Path) -> Iterator[str]:
    """An empty database of this kind for the naive writer: a SQLite file, or a PostgreSQL database dropped after."""
    if database == "sqlite":
        path = work / f"naive-{uuid.uuid4().hex[:8]}.db"
        try:
            yield f"sqlite:///{path}"
        finally:
            for leftover in work.glob(path.name + "*"):
                leftover.unlink()
        return
    with postgres_database("naive") as url:
        yield url.replace("postgresql+psycopg://", "postgresql://", 1)


def run(options: Options) -> dict[str, Any]:
    """Measure every scenario for every size and database asked, with the references, in one run."""
    started = datetime.now(UTC)
    work = Path(tempfile.mkdtemp(prefix="exchange-ledger-bench-"))
    result: dict[str, Any] = {
        "started_at": started.isoformat(timespec="seconds"),
        "command": "python -m bench " + " ".join(sys.argv[1:]),
        "revision": git_revision(),
        "machine": machine(),
        "load_average_at_start": load_average(),
        "seconds_per_scenario": options.seconds,
        "warmup_seconds": options.warmup_seconds,
        "connections": options.connections,
        "references": {"ceiling": [], "datasette": {}, "naive_ingest": {}},
        "runs": [],
    }
    try:
        result["references"]["ceiling"].append(reference_ceiling(options))
        for size in options.sizes:
            log(f"size {size.name}: {size.updates:,} updates over {size.agreements:,} agreements")
            sqlite_path = work / f"{size.name}.db"
            # Built on SQLite whatever the database measured: the peer serves a copy of it.
            log("  building on SQLite")
            sqlite_built = build(f"sqlite:///{sqlite_path}", size, log=log)
            datasette_copy = sqlite_copy(sqlite_path, work / f"{peer.DATABASE_NAME}.db")
            result["references"]["datasette"][size.name] = reference_peer(datasette_copy, sqlite_built, options, work)
            datasette_copy.unlink()
            for database in options.databases:
                if database not in result["references"]["naive_ingest"]:
                    naive = reference_naive_ingest(sqlite_built, database, options, work)
                    result["references"]["naive_ingest"][database] = naive
                if database == "sqlite":
                    result["runs"].append(measure_database(sqlite_built, "sqlite", options, work))
                else:
                    with postgres_database(size.name) as url:
                        log("  building on PostgreSQL")
                        result["runs"].append(measure_database(build(url, size, log=log), "postgresql", options, work))
            if not options.keep_data:
                for leftover in work.glob(f"{size.name}.db*"):
                    leftover.unlink()
        if options.import_rows:
            result["import"] = import_scenario(max(options.sizes, key=lambda s: s.updates), options.import_rows, work)
        else:
            result["import"] = {"status": "not run", "detail": "skipped with --import-rows 0."}
        result["references"]["ceiling"].append(reference_ceiling(options))
    finally:
        if not options.keep_data:
            shutil.rmtree(work, ignore_errors=True)
    result["load_average_at_end"] = load_average()
    result["finished_at"] = datetime.now(UTC).isoformat(timespec="seconds")
    return result


def measure_database(built: Built, database: str, options: Options, work: Path) -> dict[str, Any]:
    """Every service scenario on one data set."""
    log(f"  measuring the service on {database}")
    started = time.perf_counter()
    scenarios = read_scenarios(built, options)
    scenarios["ingest"] = ingest_scenario(built, options, work)
    scenarios["status_while_posting"] = {
        **scenarios["ingest"].pop("status_while_posting"),
        "peak_rss_mb": scenarios["ingest"]["peak_rss_mb"],
    }
    return {
        "database": database,
        "size": built.size.name,
        "dataset": {
            "updates": built.size.updates,
            "agreements": built.size.agreements,
            "rows": built.rows,
            "seconds_to_write_rows": round(built.seconds_to_build, 1),
            "seconds_to_rebuild_totals": round(built.seconds_to_repair, 1),
        },
        "scenarios": scenarios,
        "seconds": round(time.perf_counter() - started, 1),
    }
