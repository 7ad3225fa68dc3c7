"""The Merkle tree over the audit entries (RFC 9162): one row per complete subtree, built for the entries so far.

Revision ID: 0010_merkle_log
Revises: 0009_names_in_languages
Create Date: 2026-12-02 20:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.orm import Session

# The tree as the service appends it, so entries chained before and after this revision sit in one tree.
from app.audit import tree

revision: str = "0010_merkle_log"
down_revision: str | None = "0009_names_in_languages"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "audit_tree_node",
        sa.Column("level", sa.SmallInteger(), autoincrement=False, nullable=False),
        sa.Column(
            "position", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), autoincrement=False, nullable=False
        ),
        sa.Column("hash", sa.LargeBinary(length=32), nullable=False),
        sa.PrimaryKeyConstraint("level", "position", name=op.f("pk_audit_tree_node")),
    )
    connection = op.get_bind()
    hashes = [h for (h,) in connection.execute(sa.text("SELECT hash FROM audit_entry ORDER BY seq"))]
    if hashes:
        tree.rebuild(Session(bind=connection), hashes)


def downgrade() -> None:
    op.drop_table("audit_tree_node")
