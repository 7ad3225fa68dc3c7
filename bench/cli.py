"""The benchmark command line: `python -m bench run --size small --db sqlite`."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from bench.dataset import SIZES
from bench.load import wrk_available
from bench.report import evaluate, summary_lines, write_readme
from bench.run import BenchFailure, Options, run

RESULTS = Path(__file__).resolve().parent / "results"


def _sizes(value: str) -> list[str]:
    names = ["small", "medium", "large"] if value == "all" else [v.strip() for v in value.split(",")]
    for name in names:
        if name not in SIZES:
            raise argparse.ArgumentTypeError(f"unknown size {name!r}; choose from {', '.join(SIZES)} or all")
    return names


def main(argv: list[str] | None = None) -> None:
    """Parse the command line and run the benchmark."""
    parser = argparse.ArgumentParser(prog="python -m bench", description="Benchmarks of exchange-ledger.")
    commands = parser.add_subparsers(dest="command", required=True)
    run_parser = commands.add_parser("run", help="Build data sets, measure every scenario and both references.")
    run_parser.add_argument(
        "--size",
        type=_sizes,
        default=["small"],
        help="smoke, small, medium, large, a comma list, or all (default small)",
    )
    run_parser.add_argument("--db", choices=["sqlite", "postgresql", "both"], default="sqlite")
    run_parser.add_argument(
        "--duration", type=int, default=10, choices=range(1, 11), metavar="1..10", help="seconds per scenario"
    )
    run_parser.add_argument("--warmup", type=int, default=None, help="seconds of warm-up before each read scenario")
    run_parser.add_argument("--connections", type=int, default=32)
    run_parser.add_argument(
        "--import-rows",
        type=int,
        default=None,
        help="rows of the bulk import file (default: the largest size's update count; 0 skips the import)",
    )
    run_parser.add_argument(
        "--output", type=Path, default=None, help="results JSON (default: bench/results/, not for smoke)"
    )
    run_parser.add_argument("--no-readme", action="store_true", help="do not rewrite the table in bench/README.md")
    run_parser.add_argument(
        "--keep-data", action="store_true", help="keep the generated databases in the temp directory"
    )
    args = parser.parse_args(argv)

    if not wrk_available():
        parser.error("wrk is not installed (Debian: apt-get install -y wrk)")
    sizes = [SIZES[name] for name in args.size]
    smoke = all(size.name == "smoke" for size in sizes)
    options = Options(
        sizes=sizes,
        databases=["sqlite", "postgresql"] if args.db == "both" else [args.db],
        seconds=args.duration,
        # The smoke size checks that everything answers rightly; warming up would only make it slower.
        warmup_seconds=args.warmup if args.warmup is not None else 0 if smoke else min(2, args.duration),
        connections=args.connections,
        keep_data=args.keep_data,
        import_rows=args.import_rows if args.import_rows is not None else max(size.updates for size in sizes),
    )
    try:
        result = run(options)
    except BenchFailure as failure:
        print(f"benchmark failed: {failure}", file=sys.stderr)
        raise SystemExit(1) from failure
    result["targets"] = evaluate(result)
    output = args.output
    if output is None and not smoke:
        stamp = result["started_at"][:10]
        output = RESULTS / f"{stamp}-{'-'.join(args.size)}-{args.db}.json"
    if output is not None:
        output.parent.mkdir(parents=True, exist_ok=True)
        output.write_text(json.dumps(result, indent=2) + "\n")
        print(f"results: {output}")
    if not smoke and not args.no_readme:
        write_readme(result, output)
    print("\n".join(summary_lines(result)))
