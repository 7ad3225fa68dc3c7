"""The kind of an agreement row: an agreement, or the record of handovers between parties outside any agreement.

Revision ID: 0008_outside_agreements
Revises: 0007_alerts
Create Date: 2026-12-02 18:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0008_outside_agreements"
down_revision: str | None = "0007_alerts"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("agreement") as batch:
        batch.add_column(sa.Column("kind", sa.String(length=20), server_default="agreement", nullable=False))


def downgrade() -> None:
    with op.batch_alter_table("agreement") as batch:
        batch.drop_column("kind")
