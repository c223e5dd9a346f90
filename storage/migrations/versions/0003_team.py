"""The team group: forum topics per scenario and the claim clock of each request.

Revision ID: 0003_team
Revises: 0002_drafts
Create Date: 2026-11-24 08:10:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0003_team"
down_revision: str | None = "0002_drafts"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "team_topics",
        sa.Column("chat_id", sa.BigInteger(), autoincrement=False, nullable=False),
        sa.Column("key", sa.String(length=64), nullable=False),
        sa.Column("thread_id", sa.BigInteger(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("chat_id", "key", name=op.f("pk_team_topics")),
    )
    op.create_table(
        "request_tracking",
        sa.Column("request_id", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("waiting_since", sa.DateTime(timezone=True), nullable=True),
        sa.Column("escalation_level", sa.Integer(), nullable=False),
        sa.Column("escalated_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("thread_id", sa.BigInteger(), nullable=True),
        sa.Column("thread_name", sa.String(length=128), nullable=True),
        sa.ForeignKeyConstraint(
            ["request_id"],
            ["requests.id"],
            name=op.f("fk_request_tracking_request_id_requests"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("request_id", name=op.f("pk_request_tracking")),
    )


def downgrade() -> None:
    op.drop_table("request_tracking")
    op.drop_table("team_topics")
