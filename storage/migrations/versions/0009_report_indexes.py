"""Indexes for reports: requests by submission time, events by when they happened.

Revision ID: 0009_report_indexes
Revises: 0008_estimator_closer
Create Date: 2026-11-30 07:00:00.000000
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0009_report_indexes"
down_revision: str | None = "0008_estimator_closer"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_index(op.f("ix_requests_created_at"), "requests", ["created_at"], unique=False)
    op.create_index(op.f("ix_events_at"), "events", ["at"], unique=False)


def downgrade() -> None:
    op.drop_index(op.f("ix_events_at"), table_name="events")
    op.drop_index(op.f("ix_requests_created_at"), table_name="requests")
