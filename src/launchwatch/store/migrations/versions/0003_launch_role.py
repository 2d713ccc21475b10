"""launches.role: the launch a report is about ('reported') or one it recalls ('background').

Revision ID: 0003
Revises: 0002
Created: 2025-11-25
"""

from __future__ import annotations

import json

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("launches") as launches:
        launches.add_column(sa.Column("role", sa.String(16), nullable=False,
                                      server_default="reported"))
        launches.create_index("ix_launches_role", ["role"])
    # Launches stored before this revision keep their role in the JSON record; JSON functions
    # differ between SQLite and PostgreSQL, so read it here rather than in SQL.
    connection = op.get_bind()
    table = sa.table("launches", sa.column("id", sa.Integer()), sa.column("data", sa.JSON()),
                     sa.column("role", sa.String()))
    background = [row.id for row in connection.execute(sa.select(table.c.id, table.c.data))
                  if _role(row.data) == "background"]
    if background:
        connection.execute(sa.update(table).where(table.c.id.in_(background))
                           .values(role="background"))


def downgrade() -> None:
    with op.batch_alter_table("launches") as launches:
        launches.drop_index("ix_launches_role")
        launches.drop_column("role")


def _role(data: object) -> object:
    if isinstance(data, str):  # a JSON column read without its type on some drivers
        data = json.loads(data)
    return data.get("role") if isinstance(data, dict) else None
