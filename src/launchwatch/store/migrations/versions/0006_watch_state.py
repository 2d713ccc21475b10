"""watch_sources, watch_items, watch_marks: what ``launchwatch watch`` has seen, so that a
restart resumes (a feed's validators and entries, a folder's files, a JSONL file's offset,
and the moment up to which changed events reached the alerts).

Revision ID: 0006
Revises: 0005
Created: 2025-12-06
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Written out rather than imported from store.tables: a migration is the schema as it was
    # when it was written.
    op.create_table(
        "watch_sources",
        sa.Column("source", sa.Text(), nullable=False),
        sa.Column("etag", sa.Text(), nullable=True),
        sa.Column("last_modified", sa.Text(), nullable=True),
        sa.Column("offset", sa.Integer(), nullable=False),
        sa.Column("line", sa.Integer(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("source", name="pk_watch_sources"),
    )
    op.create_table(
        "watch_items",
        sa.Column("source", sa.Text(), nullable=False),
        sa.Column("item", sa.Text(), nullable=False),
        sa.Column("fingerprint", sa.String(128), nullable=False),
        sa.PrimaryKeyConstraint("source", "item", name="pk_watch_items"),
        sa.ForeignKeyConstraint(["source"], ["watch_sources.source"], ondelete="CASCADE",
                                name="fk_watch_items_source_watch_sources"),
    )
    op.create_table(
        "watch_marks",
        sa.Column("name", sa.String(32), nullable=False),
        sa.Column("moment", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("name", name="pk_watch_marks"),
    )


def downgrade() -> None:
    op.drop_table("watch_marks")
    op.drop_table("watch_items")
    op.drop_table("watch_sources")
