"""alerts, alert_rules: the alert messages sent (one Alert per event and rule, then Updates
and a Cancel) and the alert rules added through the API.

Revision ID: 0007
Revises: 0006
Created: 2025-12-07
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None

# Written out rather than imported from store.alert_tables: a migration is the schema as it
# was when it was written, whatever the tables say later.
JSON_DOCUMENT = sa.JSON().with_variant(postgresql.JSONB(), "postgresql")


def upgrade() -> None:
    op.create_table(
        "alerts",
        sa.Column("id", sa.String(200), nullable=False),
        sa.Column("event_id", sa.String(64), nullable=False),
        sa.Column("rule", sa.String(64), nullable=False),
        sa.Column("sequence", sa.Integer(), nullable=False),
        sa.Column("msg_type", sa.String(8), nullable=False),
        sa.Column("status", sa.String(8), nullable=False),
        sa.Column("sent", sa.DateTime(), nullable=False),
        sa.Column("data", JSON_DOCUMENT, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_alerts"),
        sa.UniqueConstraint("event_id", "rule", "sequence",
                            name="uq_alerts_event_id_rule_sequence"),
    )
    op.create_index("ix_alerts_event_id", "alerts", ["event_id"])
    op.create_index("ix_alerts_status", "alerts", ["status"])
    op.create_index("ix_alerts_sent", "alerts", ["sent"])
    op.create_table(
        "alert_rules",
        sa.Column("name", sa.String(64), nullable=False),
        sa.Column("data", JSON_DOCUMENT, nullable=False),
        sa.Column("stored_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("name", name="pk_alert_rules"),
    )


def downgrade() -> None:
    op.drop_table("alert_rules")
    op.drop_index("ix_alerts_sent", table_name="alerts")
    op.drop_index("ix_alerts_status", table_name="alerts")
    op.drop_index("ix_alerts_event_id", table_name="alerts")
    op.drop_table("alerts")
