"""Initial schema: parties, agreements, commitments, updates, running totals, keys.

Revision ID: 0001
Revises:
Create Date: 2026-11-25 10:06:05.033714
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0001"
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:

    op.create_table(
        "agreement",
        sa.Column("id", sa.String(length=40), nullable=False),
        sa.Column("title", sa.String(length=500), nullable=False),
        sa.Column("concluded_on", sa.Date(), nullable=False),
        sa.Column("venue", sa.String(length=500), nullable=True),
        sa.Column("negotiation_round", sa.String(length=500), nullable=True),
        sa.Column("notes", sa.String(length=5000), nullable=True),
        sa.Column("sources", sa.JSON(), nullable=False),
        sa.Column("revision", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("created_by", sa.String(length=40), nullable=True),
        sa.Column("progress_state", sa.String(length=20), nullable=False),
        sa.Column("last_update_on", sa.Date(), nullable=True),
        sa.Column("open_due_on", sa.Date(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_agreement")),
    )
    with op.batch_alter_table("agreement", schema=None) as batch_op:
        batch_op.create_index("ix_agreement_concluded_on", ["concluded_on"], unique=False)

    op.create_table(
        "api_key",
        sa.Column("id", sa.String(length=40), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("role", sa.String(length=20), nullable=False),
        sa.Column("secret_hash", sa.String(length=64), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("revoked_at", sa.DateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_api_key")),
    )
    op.create_table(
        "idempotency_record",
        sa.Column("key_owner", sa.String(length=40), nullable=False),
        sa.Column("idempotency_key", sa.String(length=200), nullable=False),
        sa.Column("request_hash", sa.String(length=64), nullable=False),
        sa.Column("status_code", sa.Integer(), nullable=False),
        sa.Column("response_body", sa.Text(), nullable=False),
        sa.Column("resource_id", sa.String(length=40), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("key_owner", "idempotency_key", name=op.f("pk_idempotency_record")),
    )
    op.create_table(
        "party",
        sa.Column("id", sa.String(length=40), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("name_key", sa.String(length=200), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("country_code", sa.String(length=2), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_party")),
        sa.UniqueConstraint("name_key", name=op.f("uq_party_name_key")),
    )
    op.create_table(
        "agreement_party",
        sa.Column("agreement_id", sa.String(length=40), nullable=False),
        sa.Column("party_id", sa.String(length=40), nullable=False),
        sa.Column("role", sa.String(length=20), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["agreement_id"], ["agreement.id"], name=op.f("fk_agreement_party_agreement_id_agreement")
        ),
        sa.ForeignKeyConstraint(["party_id"], ["party.id"], name=op.f("fk_agreement_party_party_id_party")),
        sa.PrimaryKeyConstraint("agreement_id", "party_id", name=op.f("pk_agreement_party")),
    )
    with op.batch_alter_table("agreement_party", schema=None) as batch_op:
        batch_op.create_index("ix_agreement_party_party_id", ["party_id"], unique=False)

    op.create_table(
        "commitment",
        sa.Column("id", sa.String(length=40), nullable=False),
        sa.Column("agreement_id", sa.String(length=40), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("category", sa.String(length=30), nullable=False),
        sa.Column("measure", sa.String(length=20), nullable=False),
        sa.Column("description", sa.String(length=5000), nullable=True),
        sa.Column("age_min", sa.Integer(), nullable=True),
        sa.Column("age_max", sa.Integer(), nullable=True),
        sa.Column("condition", sa.String(length=500), nullable=True),
        sa.Column("due_on", sa.Date(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["agreement_id"], ["agreement.id"], name=op.f("fk_commitment_agreement_id_agreement")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_commitment")),
    )
    with op.batch_alter_table("commitment", schema=None) as batch_op:
        batch_op.create_index("ix_commitment_agreement_id", ["agreement_id"], unique=False)

    op.create_table(
        "fulfilment_update",
        sa.Column("id", sa.String(length=40), nullable=False),
        sa.Column("agreement_id", sa.String(length=40), nullable=False),
        sa.Column("occurred_on", sa.Date(), nullable=False),
        sa.Column("stage", sa.String(length=200), nullable=True),
        sa.Column("location", sa.String(length=500), nullable=True),
        sa.Column("note", sa.Text(), nullable=True),
        sa.Column("source_url", sa.String(length=2000), nullable=True),
        sa.Column("source_title", sa.String(length=500), nullable=True),
        sa.Column("source_publisher", sa.String(length=500), nullable=True),
        sa.Column("source_published_on", sa.Date(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("created_by", sa.String(length=40), nullable=True),
        sa.ForeignKeyConstraint(
            ["agreement_id"], ["agreement.id"], name=op.f("fk_fulfilment_update_agreement_id_agreement")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_fulfilment_update")),
    )
    with op.batch_alter_table("fulfilment_update", schema=None) as batch_op:
        batch_op.create_index("ix_fulfilment_update_agreement_id_id", ["agreement_id", "id"], unique=False)

    op.create_table(
        "running_total",
        sa.Column("agreement_id", sa.String(length=40), nullable=False),
        sa.Column("bucket", sa.String(length=40), nullable=False),
        sa.Column("recipient_id", sa.String(length=40), nullable=False),
        sa.Column("received", sa.Integer(), nullable=False),
        sa.Column("handovers", sa.Integer(), nullable=False),
        sa.Column("withheld", sa.Integer(), nullable=False),
        sa.Column("approximate", sa.Integer(), nullable=False),
        sa.Column("at_least", sa.Integer(), nullable=False),
        sa.Column("last_update_on", sa.Date(), nullable=True),
        sa.ForeignKeyConstraint(
            ["agreement_id"], ["agreement.id"], name=op.f("fk_running_total_agreement_id_agreement")
        ),
        sa.ForeignKeyConstraint(["recipient_id"], ["party.id"], name=op.f("fk_running_total_recipient_id_party")),
        sa.PrimaryKeyConstraint("agreement_id", "bucket", "recipient_id", name=op.f("pk_running_total")),
    )
    op.create_table(
        "status_snapshot",
        sa.Column("agreement_id", sa.String(length=40), nullable=False),
        sa.Column("revision", sa.Integer(), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["agreement_id"], ["agreement.id"], name=op.f("fk_status_snapshot_agreement_id_agreement")
        ),
        sa.PrimaryKeyConstraint("agreement_id", name=op.f("pk_status_snapshot")),
    )
    op.create_table(
        "commitment_target",
        sa.Column("commitment_id", sa.String(length=40), nullable=False),
        sa.Column("recipient_id", sa.String(length=40), nullable=False),
        sa.Column("quantity", sa.Integer(), nullable=False),
        sa.Column("qualifier", sa.String(length=20), nullable=False),
        sa.ForeignKeyConstraint(
            ["commitment_id"], ["commitment.id"], name=op.f("fk_commitment_target_commitment_id_commitment")
        ),
        sa.ForeignKeyConstraint(["recipient_id"], ["party.id"], name=op.f("fk_commitment_target_recipient_id_party")),
        sa.PrimaryKeyConstraint("commitment_id", "recipient_id", name=op.f("pk_commitment_target")),
    )
    op.create_table(
        "update_line",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("update_id", sa.String(length=40), nullable=False),
        sa.Column("commitment_id", sa.String(length=40), nullable=True),
        sa.Column("recipient_id", sa.String(length=40), nullable=False),
        sa.Column("quantity", sa.Integer(), nullable=True),
        sa.Column("qualifier", sa.String(length=20), nullable=False),
        sa.ForeignKeyConstraint(
            ["commitment_id"], ["commitment.id"], name=op.f("fk_update_line_commitment_id_commitment")
        ),
        sa.ForeignKeyConstraint(["recipient_id"], ["party.id"], name=op.f("fk_update_line_recipient_id_party")),
        sa.ForeignKeyConstraint(
            ["update_id"], ["fulfilment_update.id"], name=op.f("fk_update_line_update_id_fulfilment_update")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_update_line")),
    )
    with op.batch_alter_table("update_line", schema=None) as batch_op:
        batch_op.create_index("ix_update_line_update_id", ["update_id"], unique=False)


def downgrade() -> None:

    with op.batch_alter_table("update_line", schema=None) as batch_op:
        batch_op.drop_index("ix_update_line_update_id")

    op.drop_table("update_line")
    op.drop_table("commitment_target")
    op.drop_table("status_snapshot")
    op.drop_table("running_total")
    with op.batch_alter_table("fulfilment_update", schema=None) as batch_op:
        batch_op.drop_index("ix_fulfilment_update_agreement_id_id")

    op.drop_table("fulfilment_update")
    with op.batch_alter_table("commitment", schema=None) as batch_op:
        batch_op.drop_index("ix_commitment_agreement_id")

    op.drop_table("commitment")
    with op.batch_alter_table("agreement_party", schema=None) as batch_op:
        batch_op.drop_index("ix_agreement_party_party_id")

    op.drop_table("agreement_party")
    op.drop_table("party")
    op.drop_table("idempotency_record")
    op.drop_table("api_key")
    with op.batch_alter_table("agreement", schema=None) as batch_op:
        batch_op.drop_index("ix_agreement_concluded_on")

    op.drop_table("agreement")
