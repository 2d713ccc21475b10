"""reports.language: the language a report was read in ("en", "ja", "ko").

Revision ID: 0008
Revises: 0007
Created: 2026-01-20

Reports stored before this revision were all read with the English rules, but their text may
be in any language: the column stays empty for them rather than guessing.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("reports") as reports:
        reports.add_column(sa.Column("language", sa.String(8), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("reports") as reports:
        reports.drop_column("language")
