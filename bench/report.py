"""Ratios to the references, the issue's targets, and the table in bench/README.md."""

from __future__ import annotations

from pathlib import Path
from typing import Any

README = Path(__file__).resolve().parent / "README.md"
START = "<!-- results:start (written by `python -m bench run`) -->"
END = "<!-- results:end -->"

SCENARIO_NAMES = {
    "status": "status of one agreement",
    "status_304": "status, If-None-Match → 304",
    "agreement_list": "agreement list, filter + cursor",
    "search": "agreement search, a new question each time",
    "ingest": "POST update, Idempotency-Key",
    "status_while_posting": "status, 8 readers while 32 monitors post",
}


def _ratio(value: float, reference: float | None) -> float | None:
    return round(value / reference, 2) if reference else None


def ceiling_rps(result: dict[str, Any]) -> float | None:
    """The ceiling's throughput: the mean of its measurements at the start and the end of the run."""
    figures = [c["requests_per_second"] for c in result["references"]["ceiling"]]
    return sum(figures) / len(figures) if figures else None


def evaluate(result: dict[str, Any]) -> list[dict[str, Any]]:
    """Put each figure beside the references and check the issue's targets; returns the targets."""
    ceiling = ceiling_rps(result)
    peers = result["references"]["datasette"]
    for figures in peers.values():
        figures["vs_ceiling"] = _ratio(figures["requests_per_second"], ceiling)
    naive = result["references"].get("naive_ingest", {})
    for figures in naive.values():
        figures["vs_ceiling"] = _ratio(figures["requests_per_second"], ceiling)
    targets: list[dict[str, Any]] = []

    def target(text: str, where: str, measured: Any, met: bool) -> None:
        targets.append({"target": text, "where": where, "measured": measured, "met": met})

    status_by_db: dict[str, dict[str, float]] = {}
    list_by_db: dict[str, dict[str, float]] = {}
    for entry in result["runs"]:
        where = f"{entry['database']}, {entry['size']}"
        peer = peers.get(entry["size"], {}).get("requests_per_second")
        for scenario in entry["scenarios"].values():
            scenario["vs_ceiling"] = _ratio(scenario["requests_per_second"], ceiling)
            scenario["vs_datasette"] = _ratio(scenario["requests_per_second"], peer)
        status = entry["scenarios"]["status"]
        status_by_db.setdefault(entry["database"], {})[entry["size"]] = status["requests_per_second"]
        if entry["database"] == "sqlite":
            target("status ≥ 0.5 x ceiling", where, status["vs_ceiling"], (status["vs_ceiling"] or 0) >= 0.5)
            target("status ≥ 3 x Datasette", where, status["vs_datasette"], (status["vs_datasette"] or 0) >= 3)
            target("status p99 < 20 ms at 32 connections", where, status["p99_ms"], status["p99_ms"] < 20)
        else:
            target("status ≥ 0.8 x ceiling", where, status["vs_ceiling"], (status["vs_ceiling"] or 0) >= 0.8)
        listed = entry["scenarios"]["agreement_list"]
        list_by_db.setdefault(entry["database"], {})[entry["size"]] = listed["requests_per_second"]
        target("list ≥ 0.3 x ceiling", where, listed["vs_ceiling"], (listed["vs_ceiling"] or 0) >= 0.3)
        target("list ≥ 2 x Datasette", where, listed["vs_datasette"], (listed["vs_datasette"] or 0) >= 2)
        searched = entry["scenarios"].get("search")
        if searched is not None:
            target("search p99 < 100 ms at 32 connections", where, searched["p99_ms"], searched["p99_ms"] < 100)
        not_modified = entry["scenarios"]["status_304"]
        target("304 ≥ 0.8 x ceiling", where, not_modified["vs_ceiling"], (not_modified["vs_ceiling"] or 0) >= 0.8)
        ingest = entry["scenarios"]["ingest"]
        # Service POST updates/s over what a naive insert-and-count endpoint answers on the same database.
        ingest["vs_naive_ingest"] = _ratio(
            ingest["requests_per_second"], naive.get(entry["database"], {}).get("requests_per_second")
        )
        target(
            "POST ≥ 1,000 updates/s at 32 connections",
            where,
            ingest["requests_per_second"],
            ingest["requests_per_second"] >= 1000,
        )
        target(
            "POST ≥ 1.0 x the naive insert-and-count",
            where,
            ingest["vs_naive_ingest"],
            (ingest["vs_naive_ingest"] or 0) >= 1.0,
        )
        target("POST p99 < 50 ms", where, ingest["p99_ms"], ingest["p99_ms"] < 50)
        while_posting = entry["scenarios"].get("status_while_posting")
        if while_posting is not None:
            target(
                "status p99 < 20 ms while 32 monitors post",
                where,
                while_posting["p99_ms"],
                while_posting["p99_ms"] < 20,
            )
        target(
            "totals equal the acknowledged quantities",
            where,
            ingest["verification"]["exact"],
            ingest["verification"]["exact"],
        )
        peak = max(s["peak_rss_mb"] for s in entry["scenarios"].values())
        target("server memory < 150 MB per worker", where, peak, peak < 150)
    for database, by_size in status_by_db.items():
        if "small" in by_size and "large" in by_size:
            flat = round(by_size["large"] / by_size["small"], 2)
            target("status at 1,000,000 ≥ 0.9 x at 1,000", database, flat, flat >= 0.9)
    for database, by_size in list_by_db.items():
        if "small" in by_size and "large" in by_size:
            flat = round(by_size["large"] / by_size["small"], 2)
            target("list at 1,000,000 ≥ 0.9 x at 1,000", database, flat, flat >= 0.9)
    imported = result.get("import", {})
    if imported.get("status") == "measured" and imported["rows"] >= 1_000_000:
        target("import 1,000,000 rows < 30 s (SQLite)", "sqlite", imported["seconds"], imported["seconds"] < 30)
        target("import peak memory < 300 MB", "sqlite", imported["peak_rss_mb"], imported["peak_rss_mb"] < 300)
    elif imported.get("status") != "measured":
        target("import 1,000,000 rows < 30 s, < 300 MB (SQLite)", "sqlite", imported.get("status", "not run"), False)
    return targets


def _number(value: float | None, digits: int = 0) -> str:
    if value is None:
        return "-"
    return f"{value:,.{digits}f}"


def table(result: dict[str, Any]) -> list[str]:
    """The results as Markdown tables."""
    machine = result["machine"]
    ceiling = result["references"]["ceiling"]
    lines = [
        f"Run of {result['started_at']} on revision `{result['revision']}`: `{result['command']}`.",
        "",
        f"Machine: {machine['cores']} cores, {machine['cpu_model']}, {_number(machine['memory_mb'])} MB RAM, "
        f"Python {machine['python']}, Linux {machine['kernel']}; {machine['load_generator']}, "
        f"{machine['pinned']}. Load average {result['load_average_at_start']} at the start, "
        f"{result['load_average_at_end']} at the end. {result['seconds_per_scenario']} s per scenario after "
        f"{result['warmup_seconds']} s of warm-up (reads), {result['connections']} connections.",
        "",
        "| size | database | scenario | req/s | x ceiling | x Datasette | x naive insert | p50 ms | p99 ms "
        "| peak RSS MB |",
        "| --- | --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for index, figures in enumerate(ceiling):
        when = "start" if index == 0 else "end"
        lines.append(
            f"| - | - | **ceiling**: bare FastAPI, run {when} | {_number(figures['requests_per_second'])} | 1.00 | - | "
            f"- | {_number(figures['p50_ms'], 2)} | {_number(figures['p99_ms'], 2)} | "
            f"{_number(figures['peak_rss_mb'])} |"
        )
    for size, figures in result["references"]["datasette"].items():
        lines.append(
            f"| {size} | SQLite copy | **Datasette**: canned status query | "
            f"{_number(figures['requests_per_second'])} | "
            f"{_number(figures.get('vs_ceiling'), 2)} | 1.00 | - | {_number(figures['p50_ms'], 2)} | "
            f"{_number(figures['p99_ms'], 2)} | {_number(figures['peak_rss_mb'])} |"
        )
    for database, figures in result["references"].get("naive_ingest", {}).items():
        lines.append(
            f"| - | {database} | **naive insert-and-count**: FastAPI, one row and a counter per transaction | "
            f"{_number(figures['requests_per_second'])} | {_number(figures.get('vs_ceiling'), 2)} | - | 1.00 | "
            f"{_number(figures['p50_ms'], 2)} | {_number(figures['p99_ms'], 2)} | {_number(figures['peak_rss_mb'])} |"
        )
    for entry in result["runs"]:
        for key, figures in entry["scenarios"].items():
            lines.append(
                f"| {entry['size']} | {entry['database']} | {SCENARIO_NAMES.get(key, key)} | "
                f"{_number(figures['requests_per_second'])} | {_number(figures.get('vs_ceiling'), 2)} | "
                f"{_number(figures.get('vs_datasette'), 2)} | {_number(figures.get('vs_naive_ingest'), 2)} | "
                f"{_number(figures['p50_ms'], 2)} | {_number(figures['p99_ms'], 2)} | "
                f"{_number(figures['peak_rss_mb'])} |"
            )
    imported = result.get("import", {})
    if imported.get("status") == "measured":
        imported = {
            **imported,
            "detail": f"{imported['rows']:,} rows ({imported['file_mb']} MB of CSV) in {imported['seconds']} s, "
            f"{imported['rows_per_second']:,} rows/s, peak RSS {imported['peak_rss_mb']} MB; totals check passed.",
        }
    lines += [
        "",
        f"Bulk import (`exchange-ledger import`, SQLite): **{imported.get('status', 'not run')}**. "
        f"{imported.get('detail', '')}",
    ]
    lines += ["", "| target | where | measured | met |", "| --- | --- | ---: | :---: |"]
    for item in result.get("targets", []):
        lines.append(
            f"| {item['target']} | {item['where']} | {item['measured']} | {'yes' if item['met'] else '**no**'} |"
        )
    lines += ["", "Data sets (rows written with SQLAlchemy Core, then totals rebuilt by the service's repair):", ""]
    lines += [
        "| size | database | updates | lines | write s | rebuild s |",
        "| --- | --- | ---: | ---: | ---: | ---: |",
    ]
    for entry in result["runs"]:
        data = entry["dataset"]
        lines.append(
            f"| {entry['size']} | {entry['database']} | {_number(data['rows']['fulfilment_update'])} | "
            f"{_number(data['rows']['update_line'])} | {data['seconds_to_write_rows']} | "
            f"{data['seconds_to_rebuild_totals']} |"
        )
    return lines


def summary_lines(result: dict[str, Any]) -> list[str]:
    """What the command prints at the end."""
    return table(result)


def write_readme(result: dict[str, Any], json_path: Path | None) -> None:
    """Replace the results section of bench/README.md with this run's tables."""
    text = README.read_text()
    if START not in text or END not in text:
        raise RuntimeError(f"{README} has no results markers")
    before, rest = text.split(START, 1)
    after = rest.split(END, 1)[1]
    source = f"JSON: [`results/{json_path.name}`](results/{json_path.name})." if json_path is not None else ""
    body = "\n".join([START, "", *table(result), "", source, "", END])
    README.write_text(before + body + after)
