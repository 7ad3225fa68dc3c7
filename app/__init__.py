"""exchange-ledger: humanitarian exchange agreements and how far each has come, for each side."""

from importlib.metadata import PackageNotFoundError, version

import app.core.db  # noqa: F401 - sets the constraint naming convention before any table is declared

try:
    __version__ = version("exchange-ledger")
except PackageNotFoundError:  # run from a checkout that was never installed
    __version__ = "0.0.0"
