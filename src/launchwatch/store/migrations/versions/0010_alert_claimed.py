"""alerts.claimed: when a dispatcher last claimed a message for sending, so that a message
left ``pending`` by a dispatcher that died while sending it is sent by a later one.

Revision ID: 0010
Revises: 0009
Created: 2026-12-07

Messages stored before this revision have no claim time: their ``sent`` time, which is when
they were first claimed, stands for it.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("alerts") as alerts:
        alerts.add_column(sa.Column("claimed", sa.DateTime(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("alerts") as alerts:
        alerts.drop_column("claimed")
