"""Alerts: each stall or overdue of a term or an agreement that a sweep announced, and when it ended.

Revision ID: 0007_alerts
Revises: 0006_changes_since
Create Date: 2026-12-02 18:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0007_alerts"
down_revision: str | None = "0006_changes_since"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "alert",
        sa.Column("id", sa.String(length=40), nullable=False),
        sa.Column("agreement_id", sa.String(length=40), nullable=False),
        sa.Column("commitment_id", sa.String(length=40), nullable=True),
        sa.Column("state", sa.String(length=20), nullable=False),
        sa.Column("since", sa.Date(), nullable=False),
        sa.Column("raised_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("ended_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("event_id", sa.String(length=40), nullable=False),
        sa.ForeignKeyConstraint(["agreement_id"], ["agreement.id"], name=op.f("fk_alert_agreement_id_agreement")),
        sa.ForeignKeyConstraint(["commitment_id"], ["commitment.id"], name=op.f("fk_alert_commitment_id_commitment")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_alert")),
    )
    op.create_index("ix_alert_ended_at", "alert", ["ended_at"], unique=False)
    op.create_index("ix_alert_raised_at_id", "alert", ["raised_at", "id"], unique=False)
    op.create_index("ix_alert_agreement_id_raised_at", "alert", ["agreement_id", "raised_at"], unique=False)


def downgrade() -> None:
    op.drop_index("ix_alert_agreement_id_raised_at", table_name="alert")
    op.drop_index("ix_alert_raised_at_id", table_name="alert")
    op.drop_index("ix_alert_ended_at", table_name="alert")
    op.drop_table("alert")
