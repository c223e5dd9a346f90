"""Open intake drafts, for the one reminder about an abandoned request.

Revision ID: 0002_drafts
Revises: 0001
Create Date: 2026-11-24 08:05:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0002_drafts"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "drafts",
        sa.Column("user_id", sa.BigInteger(), autoincrement=False, nullable=False),
        sa.Column("scenario_id", sa.String(length=64), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("reminded_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["user_id"],
            ["users.id"],
            name=op.f("fk_drafts_user_id_users"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("user_id", name=op.f("pk_drafts")),
    )
    op.create_index(
        op.f("ix_drafts_reminded_at_updated_at"),
        "drafts",
        ["reminded_at", "updated_at"],
        unique=False,
    )


def downgrade() -> None:
    op.drop_index(op.f("ix_drafts_reminded_at_updated_at"), table_name="drafts")
    op.drop_table("drafts")
