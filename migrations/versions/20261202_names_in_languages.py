"""Parties' names in several languages and aliases, every name a party goes by kept unique; agreements' titles
in languages other than English.

Revision ID: 0009_names_in_languages
Revises: 0008_outside_agreements
Create Date: 2026-12-02 18:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

# The rule and the names as the service keeps them, so parties recorded before and after agree.
from app.parties.countries import country_names, names_of_country
from app.parties.service import is_the_country

revision: str = "0009_names_in_languages"
down_revision: str | None = "0008_outside_agreements"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("party") as batch:
        batch.add_column(sa.Column("names", sa.JSON(), nullable=False, server_default="{}"))
        batch.add_column(sa.Column("aliases", sa.JSON(), nullable=False, server_default="[]"))
    op.create_table(
        "party_name_key",
        sa.Column("name_key", sa.String(length=200), nullable=False),
        sa.Column("party_id", sa.String(length=40), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.ForeignKeyConstraint(["party_id"], ["party.id"], name=op.f("fk_party_name_key_party_id_party")),
        sa.PrimaryKeyConstraint("name_key", name=op.f("pk_party_name_key")),
    )
    op.create_index(op.f("ix_party_name_key_party_id"), "party_name_key", ["party_id"], unique=False)
    # Every party recorded so far goes by its one name, already unique by the same key.
    op.execute("UPDATE party SET names = '{}' WHERE names IS NULL")
    op.execute("INSERT INTO party_name_key (name_key, party_id, name) SELECT name_key, id, name FROM party")
    _add_country_names()
    op.create_table(
        "agreement_title",
        sa.Column("agreement_id", sa.String(length=40), nullable=False),
        sa.Column("language", sa.String(length=35), nullable=False),
        sa.Column("title", sa.String(length=500), nullable=False),
        sa.ForeignKeyConstraint(
            ["agreement_id"], ["agreement.id"], name=op.f("fk_agreement_title_agreement_id_agreement")
        ),
        sa.PrimaryKeyConstraint("agreement_id", "language", name=op.f("pk_agreement_title")),
    )


def _add_country_names() -> None:
    """A country's names in every language become its party's too, as for a party recorded from now on; a name
    already another party's (a country recorded twice before this revision) stays that party's alone."""
    connection = op.get_bind()
    keys = sa.table("party_name_key", sa.column("name_key"), sa.column("party_id"), sa.column("name"))
    taken = {key for (key,) in connection.execute(sa.text("SELECT name_key FROM party_name_key"))}
    parties = connection.execute(
        sa.text("SELECT id, name, kind, country_code FROM party WHERE country_code IS NOT NULL ORDER BY id")
    ).all()
    for party_id, name, kind, country_code in parties:
        if not is_the_country(english_name=name, kind=kind, country_code=country_code):
            continue
        for label in _names_of(country_code):
            key = " ".join(label.casefold().split())
            if key not in taken:
                taken.add(key)
                connection.execute(sa.insert(keys).values(name_key=key, party_id=party_id, name=label))


def _names_of(country_code: str) -> list[str]:
    return [*names_of_country(country_code), *country_names(country_code).values()]


def downgrade() -> None:
    op.drop_table("agreement_title")
    op.drop_index(op.f("ix_party_name_key_party_id"), table_name="party_name_key")
    op.drop_table("party_name_key")
    with op.batch_alter_table("party") as batch:
        batch.drop_column("aliases")
        batch.drop_column("names")
