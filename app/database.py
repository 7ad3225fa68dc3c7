"""The database as the application opens it: the engines of `app.core.db`, with every session audited."""

from app.audit.service import install as install_audit
from app.core.db import UNGUARDED, Database, SessionGuards, make_database


def open_database(url: str, *, pool_size: int = 10, guards: SessionGuards = UNGUARDED) -> Database:
    """Open the engines for a database URL; every write on them leaves an entry in the audit chain."""
    install_audit()
    return make_database(url, pool_size=pool_size, guards=guards)
