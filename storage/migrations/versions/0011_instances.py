"""Several instances: the chat of each inbox update, and leases on shared work.

Revision ID: 0011_instances
Revises: 0010_process
Create Date: 2026-11-30 07:00:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0011_instances"
down_revision: str | None = "0010_process"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("inbox") as batch:
        batch.add_column(sa.Column("chat_key", sa.BigInteger(), nullable=True))
    op.create_index(
        op.f("ix_inbox_status_chat_key_update_id"),
        "inbox",
        ["status", "chat_key", "update_id"],
        unique=False,
    )
    op.create_table(
        "leases",
        sa.Column("name", sa.String(length=128), nullable=False),
        sa.Column("owner", sa.String(length=64), nullable=False),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("name", name=op.f("pk_leases")),
    )


def downgrade() -> None:
    op.drop_table("leases")
    op.drop_index(op.f("ix_inbox_status_chat_key_update_id"), table_name="inbox")
    with op.batch_alter_table("inbox") as batch:
        batch.drop_column("chat_key")
