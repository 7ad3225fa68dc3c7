"""Claims, review, corrections, announced totals, attribution disputes and the audit chain.

Revision ID: 0002_verification
Revises: 0001
Create Date: 2026-11-25 10:16:45.551213
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0002_verification"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "audit_entry",
        sa.Column("seq", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), autoincrement=False, nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("actor_key_id", sa.String(length=40), nullable=True),
        sa.Column("actor_role", sa.String(length=20), nullable=True),
        sa.Column("action", sa.String(length=20), nullable=False),
        sa.Column("entity_type", sa.String(length=60), nullable=False),
        sa.Column("entity_id", sa.String(length=200), nullable=False),
        sa.Column("before", sa.JSON(), nullable=True),
        sa.Column("after", sa.JSON(), nullable=True),
        sa.Column("prev_hash", sa.String(length=64), nullable=False),
        sa.Column("hash", sa.String(length=64), nullable=False),
        sa.PrimaryKeyConstraint("seq", name=op.f("pk_audit_entry")),
    )
    with op.batch_alter_table("audit_entry", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_audit_entry_entity_id"), ["entity_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_audit_entry_entity_type"), ["entity_type"], unique=False)

    op.create_table(
        "audit_head",
        sa.Column("id", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("seq", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False),
        sa.Column("hash", sa.String(length=64), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_audit_head")),
    )
    op.create_table(
        "announced_total",
        sa.Column("id", sa.String(length=40), nullable=False),
        sa.Column("agreement_id", sa.String(length=40), nullable=False),
        sa.Column("claimant", sa.String(length=500), nullable=False),
        sa.Column("stated_on", sa.Date(), nullable=False),
        sa.Column("source_url", sa.String(length=2000), nullable=True),
        sa.Column("source_title", sa.String(length=500), nullable=True),
        sa.Column("source_publisher", sa.String(length=500), nullable=True),
        sa.Column("source_published_on", sa.Date(), nullable=True),
        sa.Column("note", sa.Text(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("created_by", sa.String(length=40), nullable=True),
        sa.ForeignKeyConstraint(
            ["agreement_id"], ["agreement.id"], name=op.f("fk_announced_total_agreement_id_agreement")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_announced_total")),
    )
    with op.batch_alter_table("announced_total", schema=None) as batch_op:
        batch_op.create_index("ix_announced_total_agreement_id", ["agreement_id"], unique=False)

    op.create_table(
        "handover_figure",
        sa.Column("handover_id", sa.String(length=40), nullable=False),
        sa.Column("bucket", sa.String(length=40), nullable=False),
        sa.Column("recipient_id", sa.String(length=40), nullable=False),
        sa.Column("agreement_id", sa.String(length=40), nullable=False),
        sa.Column("occurred_on", sa.Date(), nullable=False),
        sa.Column("quantity", sa.Integer(), nullable=True),
        sa.Column("qualifier", sa.String(length=20), nullable=False),
        sa.Column("standing_update_id", sa.String(length=40), nullable=False),
        sa.Column("verified", sa.Boolean(), nullable=False),
        sa.Column("verified_quantity", sa.Integer(), nullable=True),
        sa.Column("verified_qualifier", sa.String(length=20), nullable=True),
        sa.Column("discrepancy", sa.Boolean(), nullable=False),
        sa.Column("attribution_disputed", sa.Boolean(), nullable=False),
        sa.Column("claims", sa.JSON(), nullable=False),
        sa.ForeignKeyConstraint(
            ["agreement_id"], ["agreement.id"], name=op.f("fk_handover_figure_agreement_id_agreement")
        ),
        sa.ForeignKeyConstraint(["recipient_id"], ["party.id"], name=op.f("fk_handover_figure_recipient_id_party")),
        sa.PrimaryKeyConstraint("handover_id", "bucket", "recipient_id", name=op.f("pk_handover_figure")),
    )
    with op.batch_alter_table("handover_figure", schema=None) as batch_op:
        batch_op.create_index(
            "ix_handover_figure_agreement_id_bucket_recipient_id",
            ["agreement_id", "bucket", "recipient_id"],
            unique=False,
        )
        batch_op.create_index(
            "ix_handover_figure_agreement_id_occurred_on", ["agreement_id", "occurred_on"], unique=False
        )

    op.create_table(
        "announced_figure",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("announcement_id", sa.String(length=40), nullable=False),
        sa.Column("commitment_id", sa.String(length=40), nullable=True),
        sa.Column("recipient_id", sa.String(length=40), nullable=False),
        sa.Column("quantity", sa.Integer(), nullable=True),
        sa.Column("qualifier", sa.String(length=20), nullable=False),
        sa.ForeignKeyConstraint(
            ["announcement_id"],
            ["announced_total.id"],
            name=op.f("fk_announced_figure_announcement_id_announced_total"),
        ),
        sa.ForeignKeyConstraint(
            ["commitment_id"], ["commitment.id"], name=op.f("fk_announced_figure_commitment_id_commitment")
        ),
        sa.ForeignKeyConstraint(["recipient_id"], ["party.id"], name=op.f("fk_announced_figure_recipient_id_party")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_announced_figure")),
    )
    with op.batch_alter_table("announced_figure", schema=None) as batch_op:
        batch_op.create_index("ix_announced_figure_announcement_id", ["announcement_id"], unique=False)

    op.create_table(
        "attribution_dispute",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("handover_id", sa.String(length=40), nullable=False),
        sa.Column("update_id", sa.String(length=40), nullable=False),
        sa.Column("party_id", sa.String(length=40), nullable=False),
        sa.Column("position", sa.String(length=20), nullable=False),
        sa.Column("statement", sa.Text(), nullable=False),
        sa.Column("source_url", sa.String(length=2000), nullable=True),
        sa.Column("source_title", sa.String(length=500), nullable=True),
        sa.Column("source_publisher", sa.String(length=500), nullable=True),
        sa.Column("recorded_by", sa.String(length=40), nullable=True),
        sa.Column("recorded_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["party_id"], ["party.id"], name=op.f("fk_attribution_dispute_party_id_party")),
        sa.ForeignKeyConstraint(
            ["update_id"], ["fulfilment_update.id"], name=op.f("fk_attribution_dispute_update_id_fulfilment_update")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_attribution_dispute")),
    )
    with op.batch_alter_table("attribution_dispute", schema=None) as batch_op:
        batch_op.create_index("ix_attribution_dispute_handover_id", ["handover_id"], unique=False)

    op.create_table(
        "commitment_declaration",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("commitment_id", sa.String(length=40), nullable=False),
        sa.Column("action", sa.String(length=20), nullable=False),
        sa.Column("effective_on", sa.Date(), nullable=True),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("source_url", sa.String(length=2000), nullable=True),
        sa.Column("source_title", sa.String(length=500), nullable=True),
        sa.Column("source_publisher", sa.String(length=500), nullable=True),
        sa.Column("declared_by", sa.String(length=40), nullable=True),
        sa.Column("declared_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["commitment_id"], ["commitment.id"], name=op.f("fk_commitment_declaration_commitment_id_commitment")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_commitment_declaration")),
    )
    with op.batch_alter_table("commitment_declaration", schema=None) as batch_op:
        batch_op.create_index("ix_commitment_declaration_commitment_id", ["commitment_id"], unique=False)

    op.create_table(
        "update_review",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("update_id", sa.String(length=40), nullable=False),
        sa.Column("from_state", sa.String(length=20), nullable=False),
        sa.Column("to_state", sa.String(length=20), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("reviewed_by", sa.String(length=40), nullable=True),
        sa.Column("reviewed_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["update_id"], ["fulfilment_update.id"], name=op.f("fk_update_review_update_id_fulfilment_update")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_update_review")),
    )
    with op.batch_alter_table("update_review", schema=None) as batch_op:
        batch_op.create_index("ix_update_review_update_id", ["update_id"], unique=False)

    with op.batch_alter_table("commitment", schema=None) as batch_op:
        batch_op.add_column(sa.Column("completed_on", sa.Date(), nullable=True))

    with op.batch_alter_table("fulfilment_update", schema=None) as batch_op:
        batch_op.add_column(sa.Column("handover_id", sa.String(length=40), nullable=True))
        batch_op.add_column(sa.Column("claim_of", sa.String(length=40), nullable=True))
        batch_op.add_column(sa.Column("supersedes", sa.String(length=40), nullable=True))
        batch_op.add_column(sa.Column("superseded_by", sa.String(length=40), nullable=True))
        batch_op.add_column(sa.Column("correction_reason", sa.Text(), nullable=True))
        batch_op.add_column(sa.Column("review_state", sa.String(length=20), server_default="reported", nullable=False))
        batch_op.add_column(sa.Column("reviewed_at", sa.DateTime(timezone=True), nullable=True))
        batch_op.create_index(batch_op.f("ix_fulfilment_update_handover_id"), ["handover_id"], unique=False)
        batch_op.create_foreign_key(
            batch_op.f("fk_fulfilment_update_supersedes_fulfilment_update"), "fulfilment_update", ["supersedes"], ["id"]
        )
        batch_op.create_foreign_key(
            batch_op.f("fk_fulfilment_update_claim_of_fulfilment_update"), "fulfilment_update", ["claim_of"], ["id"]
        )

    with op.batch_alter_table("running_total", schema=None) as batch_op:
        batch_op.add_column(sa.Column("verified_received", sa.Integer(), server_default="0", nullable=False))
        batch_op.add_column(sa.Column("verified_handovers", sa.Integer(), server_default="0", nullable=False))
        batch_op.add_column(sa.Column("verified_withheld", sa.Integer(), server_default="0", nullable=False))
        batch_op.add_column(sa.Column("verified_approximate", sa.Integer(), server_default="0", nullable=False))
        batch_op.add_column(sa.Column("verified_at_least", sa.Integer(), server_default="0", nullable=False))
        batch_op.add_column(sa.Column("disputed_received", sa.Integer(), server_default="0", nullable=False))
        batch_op.add_column(sa.Column("disputed_handovers", sa.Integer(), server_default="0", nullable=False))
        batch_op.add_column(sa.Column("discrepancies", sa.Integer(), server_default="0", nullable=False))

    # Updates recorded before claims existed are each the first report of their own handover.
    op.execute("UPDATE fulfilment_update SET handover_id = id")
    with op.batch_alter_table("fulfilment_update", schema=None) as batch_op:
        batch_op.alter_column("handover_id", existing_type=sa.String(length=40), nullable=False)
    op.get_bind().execute(
        sa.text(
            "INSERT INTO handover_figure (handover_id, bucket, recipient_id, agreement_id, occurred_on, quantity,"
            " qualifier, standing_update_id, verified, discrepancy, attribution_disputed, claims)"
            " SELECT u.id, COALESCE(l.commitment_id, 'unattributed'), l.recipient_id, u.agreement_id, u.occurred_on,"
            " l.quantity, l.qualifier, u.id, :no, :no, :no, '[]' FROM update_line l"
            " JOIN fulfilment_update u ON u.id = l.update_id"
        ),
        {"no": False},
    )
    op.get_bind().execute(
        sa.text("INSERT INTO audit_head (id, seq, hash) VALUES (1, 0, :genesis)"), {"genesis": "0" * 64}
    )


def downgrade() -> None:
    with op.batch_alter_table("running_total", schema=None) as batch_op:
        batch_op.drop_column("discrepancies")
        batch_op.drop_column("disputed_handovers")
        batch_op.drop_column("disputed_received")
        batch_op.drop_column("verified_at_least")
        batch_op.drop_column("verified_approximate")
        batch_op.drop_column("verified_withheld")
        batch_op.drop_column("verified_handovers")
        batch_op.drop_column("verified_received")

    with op.batch_alter_table("fulfilment_update", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("fk_fulfilment_update_claim_of_fulfilment_update"), type_="foreignkey")
        batch_op.drop_constraint(batch_op.f("fk_fulfilment_update_supersedes_fulfilment_update"), type_="foreignkey")
        batch_op.drop_index(batch_op.f("ix_fulfilment_update_handover_id"))
        batch_op.drop_column("reviewed_at")
        batch_op.drop_column("review_state")
        batch_op.drop_column("correction_reason")
        batch_op.drop_column("superseded_by")
        batch_op.drop_column("supersedes")
        batch_op.drop_column("claim_of")
        batch_op.drop_column("handover_id")

    with op.batch_alter_table("commitment", schema=None) as batch_op:
        batch_op.drop_column("completed_on")

    with op.batch_alter_table("update_review", schema=None) as batch_op:
        batch_op.drop_index("ix_update_review_update_id")

    op.drop_table("update_review")
    with op.batch_alter_table("commitment_declaration", schema=None) as batch_op:
        batch_op.drop_index("ix_commitment_declaration_commitment_id")

    op.drop_table("commitment_declaration")
    with op.batch_alter_table("attribution_dispute", schema=None) as batch_op:
        batch_op.drop_index("ix_attribution_dispute_handover_id")

    op.drop_table("attribution_dispute")
    with op.batch_alter_table("announced_figure", schema=None) as batch_op:
        batch_op.drop_index("ix_announced_figure_announcement_id")

    op.drop_table("announced_figure")
    with op.batch_alter_table("handover_figure", schema=None) as batch_op:
        batch_op.drop_index("ix_handover_figure_agreement_id_occurred_on")
        batch_op.drop_index("ix_handover_figure_agreement_id_bucket_recipient_id")

    op.drop_table("handover_figure")
    with op.batch_alter_table("announced_total", schema=None) as batch_op:
        batch_op.drop_index("ix_announced_total_agreement_id")

    op.drop_table("announced_total")
    op.drop_table("audit_head")
    with op.batch_alter_table("audit_entry", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_audit_entry_entity_type"))
        batch_op.drop_index(batch_op.f("ix_audit_entry_entity_id"))

    op.drop_table("audit_entry")
