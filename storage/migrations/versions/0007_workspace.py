"""The request as a workspace: where each person last saw it, notes, files added later.

Revision ID: 0007_workspace
Revises: 0006_deliveries
Create Date: 2026-11-30 07:00:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0007_workspace"
down_revision: str | None = "0006_deliveries"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "request_views",
        sa.Column("request_id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.BigInteger(), nullable=False),
        sa.Column("chat_id", sa.BigInteger(), nullable=False),
        sa.Column("message_id", sa.BigInteger(), nullable=False),
        sa.Column("seen_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["request_id"],
            ["requests.id"],
            name=op.f("fk_request_views_request_id_requests"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("request_id", "user_id", name=op.f("pk_request_views")),
    )
    op.create_index(
        op.f("ix_request_views_user_id_seen_at"), "request_views", ["user_id", "seen_at"]
    )
    op.create_table(
        "request_notes",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("request_id", sa.Integer(), nullable=False),
        sa.Column("author_id", sa.BigInteger(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("for_author", sa.Boolean(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["request_id"],
            ["requests.id"],
            name=op.f("fk_request_notes_request_id_requests"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_request_notes")),
    )
    op.create_index(op.f("ix_request_notes_request_id_id"), "request_notes", ["request_id", "id"])
    with op.batch_alter_table("request_attachments") as batch:
        batch.add_column(sa.Column("added_by", sa.BigInteger(), nullable=True))
        batch.add_column(sa.Column("added_at", sa.DateTime(timezone=True), nullable=True))
        batch.add_column(
            sa.Column("for_author", sa.Boolean(), nullable=False, server_default=sa.false())
        )
    op.create_index(op.f("ix_events_actor_id_id"), "events", ["actor_id", "id"])


def downgrade() -> None:
    op.drop_index(op.f("ix_events_actor_id_id"), table_name="events")
    with op.batch_alter_table("request_attachments") as batch:
        batch.drop_column("for_author")
        batch.drop_column("added_at")
        batch.drop_column("added_by")
    op.drop_index(op.f("ix_request_notes_request_id_id"), table_name="request_notes")
    op.drop_table("request_notes")
    op.drop_index(op.f("ix_request_views_user_id_seen_at"), table_name="request_views")
    op.drop_table("request_views")
