"""PostgreSQL tells every server when a ready status document changes, so a server may answer a status poll from
what it rendered without asking the database each time (SQLite: nothing to do, its reads cost no round trip).

Revision ID: 0011_status_notifications
Revises: 0010_merkle_log
Create Date: 2026-12-03 12:00:00
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0011_status_notifications"
down_revision: str | None = "0010_merkle_log"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# The channel app.status.reader listens on; the payload is the agreement id.
CHANNEL = "status_changed"


def upgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    op.execute(
        f"""
        CREATE FUNCTION notify_status_changed() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            IF TG_OP = 'DELETE' THEN
                PERFORM pg_notify('{CHANNEL}', OLD.agreement_id);
            ELSE
                PERFORM pg_notify('{CHANNEL}', NEW.agreement_id);
            END IF;
            RETURN NULL;
        END
        $$
        """
    )
    op.execute(
        """
        CREATE TRIGGER status_snapshot_changed AFTER INSERT OR UPDATE OR DELETE ON status_snapshot
        FOR EACH ROW EXECUTE FUNCTION notify_status_changed()
        """
    )


def downgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    op.execute("DROP TRIGGER IF EXISTS status_snapshot_changed ON status_snapshot")
    op.execute("DROP FUNCTION IF EXISTS notify_status_changed()")
