"""Events fused from launches, their claims and revisions, and their assessments.

Revision ID: 0002
Revises: 0001
Created: 2025-11-25
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

# Written out rather than imported from store.event_tables: a migration is the schema as it
# was when it was written, whatever the tables say later.
JSON_DOCUMENT = sa.JSON().with_variant(postgresql.JSONB(), "postgresql")
EVENT_ID = sa.String(40)


def upgrade() -> None:
    op.create_table(
        "events",
        sa.Column("id", EVENT_ID, nullable=False),
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
        sa.Column("report_count", sa.Integer(), nullable=False),
        sa.Column("conflicts", JSON_DOCUMENT, nullable=False),
        sa.Column("first_published", sa.DateTime(), nullable=True),
        sa.Column("last_published", sa.DateTime(), nullable=True),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("fingerprint", sa.String(64), nullable=False),
        sa.Column("inputs_hash", sa.String(64), nullable=False),
        sa.Column("data", JSON_DOCUMENT, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_events"),
    )
    op.create_index("ix_events_country", "events", ["country", "date_local"])
    op.create_index("ix_events_date_local", "events", ["date_local"])
    op.create_index("ix_events_missile_class", "events", ["missile_class"])

    op.create_table(
        "event_launches",
        sa.Column("launch_id", sa.Integer(), nullable=False),
        sa.Column("event_id", EVENT_ID, nullable=True),
        sa.PrimaryKeyConstraint("launch_id", name="pk_event_launches"),
        sa.ForeignKeyConstraint(["launch_id"], ["launches.id"], ondelete="CASCADE",
                                name="fk_event_launches_launch_id_launches"),
        sa.ForeignKeyConstraint(["event_id"], ["events.id"], ondelete="SET NULL",
                                name="fk_event_launches_event_id_events"),
    )
    op.create_index("ix_event_launches_event_id", "event_launches", ["event_id"])

    op.create_table(
        "event_claims",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("event_id", EVENT_ID, nullable=False),
        sa.Column("field", sa.String(32), nullable=False),
        sa.Column("value", JSON_DOCUMENT, nullable=False),
        sa.Column("number", sa.Float(), nullable=True),
        sa.Column("unit", sa.String(16), nullable=True),
        sa.Column("qualifier", sa.String(16), nullable=True),
        sa.Column("authority", sa.Text(), nullable=True),
        sa.Column("tier", sa.Integer(), nullable=False),
        sa.Column("chosen", sa.Boolean(), nullable=False),
        sa.Column("alternative", sa.Boolean(), nullable=False),
        sa.Column("report_hash", sa.String(64), nullable=False),
        sa.Column("ordinal", sa.Integer(), nullable=False),
        sa.Column("published", sa.DateTime(), nullable=True),
        sa.Column("evidence", JSON_DOCUMENT, nullable=True),
        sa.PrimaryKeyConstraint("id", name="pk_event_claims"),
        sa.ForeignKeyConstraint(["event_id"], ["events.id"], ondelete="CASCADE",
                                name="fk_event_claims_event_id_events"),
        sa.ForeignKeyConstraint(["report_hash"], ["reports.content_hash"], ondelete="CASCADE",
                                name="fk_event_claims_report_hash_reports"),
    )
    op.create_index("ix_event_claims_event_id", "event_claims", ["event_id"])
    op.create_index("ix_event_claims_field", "event_claims", ["field"])
    op.create_index("ix_event_claims_report_hash", "event_claims", ["report_hash"])

    op.create_table(
        "event_revisions",
        sa.Column("event_id", EVENT_ID, nullable=False),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("report_hash", sa.String(64), nullable=False),
        sa.Column("published", sa.DateTime(), nullable=True),
        sa.Column("changes", JSON_DOCUMENT, nullable=False),
        sa.PrimaryKeyConstraint("event_id", "number", name="pk_event_revisions"),
        sa.ForeignKeyConstraint(["event_id"], ["events.id"], ondelete="CASCADE",
                                name="fk_event_revisions_event_id_events"),
    )

    op.create_table(
        "assessments",
        sa.Column("event_id", EVENT_ID, nullable=False),
        sa.Column("inputs_hash", sa.String(64), nullable=False),
        sa.Column("method", sa.String(64), nullable=False),
        sa.Column("computed_at", sa.DateTime(), nullable=False),
        sa.Column("data", JSON_DOCUMENT, nullable=False),
        sa.PrimaryKeyConstraint("event_id", name="pk_assessments"),
        sa.ForeignKeyConstraint(["event_id"], ["events.id"], ondelete="CASCADE",
                                name="fk_assessments_event_id_events"),
    )


def downgrade() -> None:
    op.drop_table("assessments")
    op.drop_table("event_revisions")
    op.drop_table("event_claims")
    op.drop_table("event_launches")
    op.drop_table("events")
