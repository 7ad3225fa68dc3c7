"""Keep an agreement's progress for each status basis, so list filters agree with either.

Revision ID: 0004_progress_per_basis
Revises: 0003_webhooks
Create Date: 2026-12-02 08:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0004_progress_per_basis"
down_revision: str | None = "0003_webhooks"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("agreement", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("verified_progress_state", sa.String(length=20), server_default="not_started", nullable=False)
        )
        batch_op.add_column(sa.Column("verified_open_due_on", sa.Date(), nullable=True))
    # Until `exchange-ledger totals check --repair` rewrites them, the verified columns start as the only ones kept.
    op.execute("UPDATE agreement SET verified_progress_state = progress_state, verified_open_due_on = open_due_on")


def downgrade() -> None:
    with op.batch_alter_table("agreement", schema=None) as batch_op:
        batch_op.drop_column("verified_open_due_on")
        batch_op.drop_column("verified_progress_state")
