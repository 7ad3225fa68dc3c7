"""`exchange-ledger import FILE`: the bulk import on the command line, with a progress bar."""

from pathlib import Path
from typing import Annotated

import typer
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

from app.core.config import get_settings
from app.core.errors import AppError
from app.database import open_database
from app.imports.service import CLI_OWNER, ImportFormat, ImportSource, import_updates
from app.status.policy import StatusPolicy

SHOW_PROGRESS_FROM_BYTES = 1_000_000


def _format_of(path: Path, given: ImportFormat | None) -> ImportFormat:
    if given is not None:
        return given
    suffix = path.suffix.lower()
    if suffix in (".ndjson", ".jsonl"):
        return ImportFormat.ndjson
    return ImportFormat.json if suffix == ".json" else ImportFormat.csv


def import_file(
    path: Annotated[
        Path,
        typer.Argument(
            exists=True,
            dir_okay=False,
            readable=True,
            metavar="FILE",
            help='CSV, NDJSON or JSON ({"rows": [...]}) in the updates export\'s columns.',
        ),
    ],
    file_format: Annotated[
        ImportFormat | None,
        typer.Option(
            "--format",
            help="csv, ndjson or json; by default from the file's extension (.ndjson, .jsonl: ndjson; .json: json).",
        ),
    ] = None,
) -> None:
    """Import many updates: every row is checked first; one bad row refuses the whole file (exit 1)."""
    source = ImportSource(open=lambda: path.open("rb"), kind=_format_of(path, file_format), size=path.stat().st_size)
    settings = get_settings()
    database = open_database(settings.database_url)
    progress = Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeRemainingColumn(),
        disable=source.size < SHOW_PROGRESS_FROM_BYTES,
        transient=True,
    )
    try:
        with progress:
            checking = progress.add_task("Checking rows", total=source.size)
            writing = progress.add_task("Writing updates", total=None, start=False)

            def checked(size: int) -> None:
                progress.advance(checking, size)

            def written(done: int, total: int) -> None:
                if not progress.tasks[writing].started:
                    progress.start_task(writing)
                progress.update(writing, completed=done, total=total)

            result = import_updates(
                database,
                source=source,
                owner=CLI_OWNER,
                caller=None,
                key_id=None,
                policy=StatusPolicy.from_settings(settings),
                checking=checked,
                writing=written,
            )
    except AppError as refused:  # ImportRefused names each bad row; MalformedJson, what it could not read
        for error in refused.errors or []:
            location = error["location"]
            where = f"row {location[1]}" if location[0] == "row" else "header"
            column = f" ({location[-1]})" if len(location) > (2 if location[0] == "row" else 1) else ""
            typer.echo(f"{path.name}: {where}{column}: {error['message']}", err=True)
        typer.echo(refused.detail, err=True)
        raise typer.Exit(code=1) from None
    finally:
        database.dispose()
    typer.echo(
        f"Imported {result.updates} update(s), {result.lines} line(s), into {len(result.agreement_ids)} agreement(s)."
    )
