"""context_events: the context a report ties to a launch and the user's own calendars.

The calendar shipped with launchwatch is read from the package, not stored: a new release's
calendar then needs no migration.  Rows from a report (``origin`` "report") go with the report
(``report_hash``, deleted with it); a user's rows (``origin`` "user") have no report.

Revision ID: 0005
Revises: 0004
Created: 2025-12-05
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None

# Written out rather than imported from store.context_tables: a migration is the schema as it
# was when it was written, whatever the tables say later.
JSON_DOCUMENT = sa.JSON().with_variant(postgresql.JSONB(), "postgresql")


def upgrade() -> None:
    op.create_table(
        "context_events",
        sa.Column("id", sa.String(200), nullable=False),
        sa.Column("origin", sa.String(16), nullable=False),
        sa.Column("kind", sa.String(32), nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("start", sa.Date(), nullable=False),
        sa.Column("end", sa.Date(), nullable=True),
        sa.Column("zone", sa.String(64), nullable=False),
        sa.Column("place", sa.Text(), nullable=True),
        sa.Column("source", sa.Text(), nullable=True),
        sa.Column("report_hash", sa.String(64), nullable=True),
        sa.Column("data", JSON_DOCUMENT, nullable=False),
        sa.Column("stored_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_context_events"),
        sa.ForeignKeyConstraint(["report_hash"], ["reports.content_hash"], ondelete="CASCADE",
                                name="fk_context_events_report_hash_reports"),
    )
    op.create_index("ix_context_events_kind", "context_events", ["kind"])
    op.create_index("ix_context_events_origin", "context_events", ["origin"])
    op.create_index("ix_context_events_start", "context_events", ["start"])
    op.create_index("ix_context_events_report_hash", "context_events", ["report_hash"])


def downgrade() -> None:
    op.drop_index("ix_context_events_report_hash", table_name="context_events")
    op.drop_index("ix_context_events_start", table_name="context_events")
    op.drop_index("ix_context_events_origin", table_name="context_events")
    op.drop_index("ix_context_events_kind", table_name="context_events")
    op.drop_table("context_events")
