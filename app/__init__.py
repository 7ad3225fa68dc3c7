"""exchange-ledger: humanitarian exchange agreements and how far each has come, for each side."""

import app.core.db  # noqa: F401 - sets the constraint naming convention before any table is declared
