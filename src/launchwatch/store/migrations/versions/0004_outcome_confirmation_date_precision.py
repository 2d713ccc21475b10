"""launches and events: date_precision, outcome and confirmation (three new launch fields).

``date_precision`` says how much of ``date_local`` the source gave ("day", "month", "year"):
rows stored before this revision came from sources that gave the day (a month-only date was
refused then), so they get "day".  ``outcome`` and ``confirmation`` were not stored before;
their rows stay NULL (no source said) until the reports are read again.

Revision ID: 0004
Revises: 0003
Created: 2025-12-02
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

_TABLES = ("launches", "events")
_COLUMNS = (("date_precision", 8), ("outcome", 16), ("confirmation", 16))


def upgrade() -> None:
    for name in _TABLES:
        with op.batch_alter_table(name) as table:
            for column, length in _COLUMNS:
                table.add_column(sa.Column(column, sa.String(length), nullable=True))
        rows = sa.table(name, sa.column("date_precision", sa.String()))
        op.get_bind().execute(sa.update(rows).values(date_precision="day"))


def downgrade() -> None:
    for name in _TABLES:
        with op.batch_alter_table(name) as table:
            for column, _ in reversed(_COLUMNS):
                table.drop_column(column)
