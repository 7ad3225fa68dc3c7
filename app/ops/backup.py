"""Online backups of a SQLite database, consistent while the service keeps writing.

PostgreSQL is backed up with its own tools (pg_dump / pg_restore), described in deploy/README.md.
"""

import sqlite3
from pathlib import Path

from sqlalchemy.engine import make_url


class BackupRefused(Exception):
    """The backup cannot be made (wrong engine, destination already there, source missing)."""


def sqlite_path(database_url: str) -> Path:
    """The file a sqlite:/// URL names, or BackupRefused for another engine or an in-memory database."""
    url = make_url(database_url)
    if url.get_backend_name() != "sqlite":
        raise BackupRefused(
            f"`backup` copies SQLite files; this database is {url.get_backend_name()}. "
            "Use pg_dump --format=custom (see deploy/README.md)."
        )
    if not url.database or url.database == ":memory:":
        raise BackupRefused("An in-memory database has nothing to back up.")
    return Path(url.database)


def backup_sqlite(database_url: str, destination: Path, *, pages_per_step: int = 1024) -> int:
    """Copy the database to `destination` with SQLite's online backup API; returns the bytes written.

    Writers are not blocked for the whole copy: the copy proceeds a few pages at a time and
    restarts on its own when a writer changes a page already copied, so what lands in the file
    is one committed state of the ledger, never half a transaction.
    """
    source_path = sqlite_path(database_url)
    if not source_path.exists():
        raise BackupRefused(f"There is no database file at {source_path}.")
    if destination.exists():
        raise BackupRefused(f"{destination} already exists; a backup never overwrites a file.")
    destination.parent.mkdir(parents=True, exist_ok=True)
    partial = destination.with_name(destination.name + ".partial")
    partial.unlink(missing_ok=True)
    source = sqlite3.connect(f"file:{source_path}?mode=ro", uri=True, timeout=30)
    try:
        target = sqlite3.connect(partial)
        try:
            source.backup(target, pages=pages_per_step)
            check = target.execute("PRAGMA integrity_check").fetchone()
            if check != ("ok",):
                raise BackupRefused(f"The copy failed its integrity check: {check}")
        finally:
            target.close()
    finally:
        source.close()
    partial.rename(destination)  # a file at `destination` is always a whole backup
    return destination.stat().st_size
