"""bulk_shards: the shards of an archive a bulk ingest finished, so that a run killed and
started again with the same command skips them.

Revision ID: 0009
Revises: 0008
Created: 2026-02-02
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Written out rather than imported from store.shard_tables: a migration is the schema as
    # it was when it was written.
    op.create_table(
        "bulk_shards",
        sa.Column("key", sa.Text(), nullable=False),
        sa.Column("fingerprint", sa.String(128), nullable=False),
        sa.Column("pages", sa.Integer(), nullable=False),
        sa.Column("launch_reports", sa.Integer(), nullable=False),
        sa.Column("finished_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("key", name="pk_bulk_shards"),
    )


def downgrade() -> None:
    op.drop_table("bulk_shards")
