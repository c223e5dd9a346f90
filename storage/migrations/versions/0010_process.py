"""Estimates, the closer's calls and intake invites.

Revision ID: 0010_process
Revises: 0009_report_indexes
Create Date: 2026-11-30 06:59:00.761168
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op


revision: str = "0010_process"
down_revision: str | None = "0009_report_indexes"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "invites",
        sa.Column("code", sa.String(length=32), nullable=False),
        sa.Column("created_by", sa.BigInteger(), nullable=False),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("uses_left", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["created_by"], ["users.id"], name=op.f("fk_invites_created_by_users")
        ),
        sa.PrimaryKeyConstraint("code", name=op.f("pk_invites")),
    )
    op.create_table(
        "closer_calls",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("request_id", sa.Integer(), nullable=False),
        sa.Column("closer_id", sa.BigInteger(), nullable=False),
        sa.Column("called_by", sa.BigInteger(), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("proposed_time", sa.String(length=200), nullable=True),
        sa.Column("answered_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint(
            "status IN ('called', 'joined', 'declined')", name=op.f("ck_closer_calls_status_known")
        ),
        sa.ForeignKeyConstraint(
            ["called_by"], ["users.id"], name=op.f("fk_closer_calls_called_by_users")
        ),
        sa.ForeignKeyConstraint(
            ["closer_id"], ["users.id"], name=op.f("fk_closer_calls_closer_id_users")
        ),
        sa.ForeignKeyConstraint(
            ["request_id"],
            ["requests.id"],
            name=op.f("fk_closer_calls_request_id_requests"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_closer_calls")),
    )
    with op.batch_alter_table("closer_calls", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_closer_calls_request_id"), ["request_id"], unique=False
        )

    op.create_table(
        "estimates",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("request_id", sa.Integer(), nullable=False),
        sa.Column("estimator_id", sa.BigInteger(), nullable=False),
        sa.Column("requested_by", sa.BigInteger(), nullable=False),
        sa.Column("scope", sa.Text(), nullable=False),
        sa.Column("due_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("reason", sa.Text(), nullable=True),
        sa.Column("summary", sa.String(length=500), nullable=True),
        sa.Column("attachment_id", sa.Integer(), nullable=True),
        sa.Column("delivered_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("on_time", sa.Boolean(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint(
            "status IN ('requested', 'accepted', 'declined', 'delivered', 'rework')",
            name=op.f("ck_estimates_status_known"),
        ),
        sa.ForeignKeyConstraint(
            ["attachment_id"],
            ["request_attachments.id"],
            name=op.f("fk_estimates_attachment_id_request_attachments"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["estimator_id"], ["users.id"], name=op.f("fk_estimates_estimator_id_users")
        ),
        sa.ForeignKeyConstraint(
            ["request_id"],
            ["requests.id"],
            name=op.f("fk_estimates_request_id_requests"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["requested_by"], ["users.id"], name=op.f("fk_estimates_requested_by_users")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_estimates")),
    )
    with op.batch_alter_table("estimates", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_estimates_estimator_id_status"),
            ["estimator_id", "status"],
            unique=False,
        )
        batch_op.create_index(batch_op.f("ix_estimates_request_id"), ["request_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("estimates", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_estimates_request_id"))
        batch_op.drop_index(batch_op.f("ix_estimates_estimator_id_status"))

    op.drop_table("estimates")
    with op.batch_alter_table("closer_calls", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_closer_calls_request_id"))

    op.drop_table("closer_calls")
    op.drop_table("invites")
