"""Index updates by recorded time, the order lists, the review queue and feeds now follow.

Revision ID: 0005_updates_in_recorded_order
Revises: 0004_progress_per_basis
Create Date: 2026-12-02 12:00:00
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0005_updates_in_recorded_order"
down_revision: str | None = "0004_progress_per_basis"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_index("ix_fulfilment_update_created_at_id", "fulfilment_update", ["created_at", "id"], unique=False)


def downgrade() -> None:
    op.drop_index("ix_fulfilment_update_created_at_id", table_name="fulfilment_update")
