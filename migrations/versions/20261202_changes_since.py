"""When each update and agreement last changed, indexed, for pull sync (changed_since) and an honest feed.

Revision ID: 0006_changes_since
Revises: 0005_updates_in_recorded_order
Create Date: 2026-12-02 13:30:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0006_changes_since"
down_revision: str | None = "0005_updates_in_recorded_order"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("fulfilment_update") as batch:
        batch.add_column(sa.Column("changed_at", sa.DateTime(timezone=True), nullable=True))
    with op.batch_alter_table("agreement") as batch:
        batch.add_column(sa.Column("changed_at", sa.DateTime(timezone=True), nullable=True))
    # The last of: recorded, reviewed, superseded (the correction's recording); for an agreement, the last
    # change of its own or of one of its updates.
    op.execute("UPDATE fulfilment_update SET changed_at = created_at")
    op.execute(
        "UPDATE fulfilment_update SET changed_at = reviewed_at "
        "WHERE reviewed_at IS NOT NULL AND reviewed_at > changed_at"
    )
    op.execute(
        "UPDATE fulfilment_update SET changed_at = (SELECT c.created_at FROM fulfilment_update c "
        "WHERE c.id = fulfilment_update.superseded_by) "
        "WHERE superseded_by IS NOT NULL AND (SELECT c.created_at FROM fulfilment_update c "
        "WHERE c.id = fulfilment_update.superseded_by) > changed_at"
    )
    op.execute("UPDATE agreement SET changed_at = updated_at")
    op.execute(
        "UPDATE agreement SET changed_at = (SELECT max(u.changed_at) FROM fulfilment_update u "
        "WHERE u.agreement_id = agreement.id) "
        "WHERE (SELECT max(u.changed_at) FROM fulfilment_update u WHERE u.agreement_id = agreement.id) > changed_at"
    )
    with op.batch_alter_table("fulfilment_update") as batch:
        batch.alter_column("changed_at", existing_type=sa.DateTime(timezone=True), nullable=False)
    with op.batch_alter_table("agreement") as batch:
        batch.alter_column("changed_at", existing_type=sa.DateTime(timezone=True), nullable=False)
    op.create_index("ix_fulfilment_update_changed_at_id", "fulfilment_update", ["changed_at", "id"], unique=False)
    op.create_index("ix_agreement_changed_at_id", "agreement", ["changed_at", "id"], unique=False)


def downgrade() -> None:
    op.drop_index("ix_agreement_changed_at_id", table_name="agreement")
    op.drop_index("ix_fulfilment_update_changed_at_id", table_name="fulfilment_update")
    with op.batch_alter_table("agreement") as batch:
        batch.drop_column("changed_at")
    with op.batch_alter_table("fulfilment_update") as batch:
        batch.drop_column("changed_at")
