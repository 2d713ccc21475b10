"""Reports keyed by content hash, and the launches each states.

Revision ID: 0001
Revises:
Created: 2025-11-25
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

# Written out rather than imported from store.tables: a migration is the schema as it was
# when it was written, whatever the tables say later.
JSON_DOCUMENT = sa.JSON().with_variant(postgresql.JSONB(), "postgresql")


def upgrade() -> None:
    op.create_table(
        "reports",
        sa.Column("content_hash", sa.String(64), nullable=False),
        sa.Column("source", sa.Text(), nullable=False),
        sa.Column("url", sa.Text(), nullable=True),
        sa.Column("publisher", sa.Text(), nullable=True),
        sa.Column("title", sa.Text(), nullable=True),
        sa.Column("published", sa.DateTime(), nullable=True),
        sa.Column("published_utc_offset_min", sa.Integer(), nullable=True),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("is_launch_report", sa.Boolean(), nullable=False),
        sa.Column("context", JSON_DOCUMENT, nullable=False),
        sa.Column("ingested_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("content_hash", name="pk_reports"),
    )
    op.create_index("ix_reports_published", "reports", ["published"])

    op.create_table(
        "launches",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("report_hash", sa.String(64), nullable=False),
        sa.Column("ordinal", sa.Integer(), nullable=False),
        sa.Column("country", sa.Text(), nullable=True),
        sa.Column("date_local", sa.Date(), nullable=True),
        sa.Column("time_local", sa.Time(), nullable=True),
        sa.Column("missile_class", sa.String(16), nullable=True),
        sa.Column("missile_name", sa.Text(), nullable=True),
        sa.Column("count", sa.Integer(), nullable=True),
        sa.Column("distance_km", sa.Float(), nullable=True),
        sa.Column("apogee_km", sa.Float(), nullable=True),
        sa.Column("flight_time_s", sa.Float(), nullable=True),
        sa.Column("max_speed_mach", sa.Float(), nullable=True),
        sa.Column("launch_site", sa.Text(), nullable=True),
        sa.Column("launch_lat", sa.Float(), nullable=True),
        sa.Column("launch_lon", sa.Float(), nullable=True),
        sa.Column("landing_area", sa.Text(), nullable=True),
        sa.Column("inside_japan_eez", sa.Boolean(), nullable=True),
        sa.Column("direction", sa.Text(), nullable=True),
        sa.Column("data", JSON_DOCUMENT, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_launches"),
        sa.ForeignKeyConstraint(["report_hash"], ["reports.content_hash"], ondelete="CASCADE",
                                name="fk_launches_report_hash_reports"),
        sa.UniqueConstraint("report_hash", "ordinal", name="uq_launches_report_hash_ordinal"),
    )
    op.create_index("ix_launches_date_local", "launches", ["date_local"])
    op.create_index("ix_launches_country", "launches", ["country"])


def downgrade() -> None:
    op.drop_table("launches")
    op.drop_table("reports")
