"""Initial schema: users and roles, the update inbox, the audit log, FSM states,
requests with their answers and attachments.

Revision ID: 0001
Revises:
Create Date: 2026-11-24 07:49:35.540214
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0001"
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "fsm_states",
        sa.Column("key", sa.String(length=255), nullable=False),
        sa.Column("state", sa.String(length=255), nullable=True),
        sa.Column("data", sa.JSON(), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("key", name=op.f("pk_fsm_states")),
    )
    op.create_table(
        "inbox",
        sa.Column("update_id", sa.BigInteger(), autoincrement=False, nullable=False),
        sa.Column("payload", sa.Text(), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("error", sa.Text(), nullable=True),
        sa.Column("received_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("handled_at", sa.DateTime(timezone=True), nullable=True),
        sa.CheckConstraint(
            "status IN ('pending', 'done', 'failed')", name=op.f("ck_inbox_status_known")
        ),
        sa.PrimaryKeyConstraint("update_id", name=op.f("pk_inbox")),
    )
    op.create_index(op.f("ix_inbox_received_at"), "inbox", ["received_at"], unique=False)
    op.create_index(
        op.f("ix_inbox_status_update_id"), "inbox", ["status", "update_id"], unique=False
    )
    op.create_table(
        "users",
        sa.Column("id", sa.BigInteger(), autoincrement=False, nullable=False),
        sa.Column("first_name", sa.String(length=256), nullable=False),
        sa.Column("last_name", sa.String(length=256), nullable=True),
        sa.Column("username", sa.String(length=64), nullable=True),
        sa.Column("language", sa.String(length=16), nullable=True),
        sa.Column("telegram_language", sa.String(length=16), nullable=True),
        sa.Column("time_zone", sa.String(length=64), nullable=True),
        sa.Column("tags", sa.JSON(), nullable=False),
        sa.Column("supervisor_id", sa.BigInteger(), nullable=True),
        sa.Column("is_blocked", sa.Boolean(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["supervisor_id"],
            ["users.id"],
            name=op.f("fk_users_supervisor_id_users"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_users")),
    )
    op.create_table(
        "requests",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("scenario_id", sa.String(length=64), nullable=False),
        sa.Column("scenario_version", sa.Integer(), nullable=False),
        sa.Column("author_id", sa.BigInteger(), nullable=False),
        sa.Column("title", sa.String(length=512), nullable=True),
        sa.Column("client_name", sa.String(length=512), nullable=True),
        sa.Column("company_key", sa.String(length=256), nullable=True),
        sa.Column("phone", sa.String(length=32), nullable=True),
        sa.Column("email", sa.String(length=320), nullable=True),
        sa.Column("priority", sa.String(length=16), nullable=False),
        sa.Column("stage", sa.String(length=32), nullable=False),
        sa.Column("owner_id", sa.BigInteger(), nullable=True),
        sa.Column("taken_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("stage_changed_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("team_chat_id", sa.BigInteger(), nullable=True),
        sa.Column("team_message_id", sa.BigInteger(), nullable=True),
        sa.Column("topic_thread_id", sa.BigInteger(), nullable=True),
        sa.Column("lost_reason", sa.Text(), nullable=True),
        sa.Column("postponed_until", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["author_id"], ["users.id"], name=op.f("fk_requests_author_id_users")
        ),
        sa.ForeignKeyConstraint(
            ["owner_id"], ["users.id"], name=op.f("fk_requests_owner_id_users")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_requests")),
        sqlite_autoincrement=True,
    )
    op.create_index(
        op.f("ix_requests_author_id_id"), "requests", ["author_id", "id"], unique=False
    )
    op.create_index(op.f("ix_requests_company_key"), "requests", ["company_key"], unique=False)
    op.create_index(op.f("ix_requests_email"), "requests", ["email"], unique=False)
    op.create_index(op.f("ix_requests_owner_id_id"), "requests", ["owner_id", "id"], unique=False)
    op.create_index(op.f("ix_requests_phone"), "requests", ["phone"], unique=False)
    op.create_index(
        op.f("ix_requests_stage_stage_changed_at"),
        "requests",
        ["stage", "stage_changed_at"],
        unique=False,
    )
    op.create_table(
        "user_roles",
        sa.Column("user_id", sa.BigInteger(), nullable=False),
        sa.Column("role", sa.String(length=32), nullable=False),
        sa.CheckConstraint(
            "role IN ('admin', 'manager', 'expert', 'lead_generator')",
            name=op.f("ck_user_roles_role_known"),
        ),
        sa.ForeignKeyConstraint(
            ["user_id"], ["users.id"], name=op.f("fk_user_roles_user_id_users"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("user_id", "role", name=op.f("pk_user_roles")),
    )
    op.create_index(
        op.f("ix_user_roles_role_user_id"), "user_roles", ["role", "user_id"], unique=False
    )
    op.create_table(
        "events",
        sa.Column("id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("actor_id", sa.BigInteger(), nullable=True),
        sa.Column("kind", sa.String(length=64), nullable=False),
        sa.Column("request_id", sa.Integer(), nullable=True),
        sa.Column("data", sa.JSON(), nullable=False),
        sa.ForeignKeyConstraint(
            ["request_id"], ["requests.id"], name=op.f("fk_events_request_id_requests")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_events")),
    )
    op.create_index(op.f("ix_events_kind_id"), "events", ["kind", "id"], unique=False)
    op.create_index(op.f("ix_events_request_id_id"), "events", ["request_id", "id"], unique=False)
    op.create_table(
        "request_answers",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("request_id", sa.Integer(), nullable=False),
        sa.Column("field_id", sa.String(length=64), nullable=False),
        sa.Column("value", sa.JSON(), nullable=False),
        sa.Column("display", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["request_id"],
            ["requests.id"],
            name=op.f("fk_request_answers_request_id_requests"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_request_answers")),
    )
    op.create_index(
        op.f("ix_request_answers_request_id_field_id"),
        "request_answers",
        ["request_id", "field_id"],
        unique=True,
    )
    op.create_table(
        "request_attachments",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("request_id", sa.Integer(), nullable=False),
        sa.Column("field_id", sa.String(length=64), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("file_id", sa.String(length=256), nullable=False),
        sa.Column("file_unique_id", sa.String(length=128), nullable=False),
        sa.Column("file_name", sa.String(length=256), nullable=True),
        sa.ForeignKeyConstraint(
            ["request_id"],
            ["requests.id"],
            name=op.f("fk_request_attachments_request_id_requests"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_request_attachments")),
    )
    op.create_index(
        op.f("ix_request_attachments_request_id"),
        "request_attachments",
        ["request_id"],
        unique=False,
    )


def downgrade() -> None:
    op.drop_index(op.f("ix_request_attachments_request_id"), table_name="request_attachments")
    op.drop_table("request_attachments")
    op.drop_index(op.f("ix_request_answers_request_id_field_id"), table_name="request_answers")
    op.drop_table("request_answers")
    op.drop_index(op.f("ix_events_request_id_id"), table_name="events")
    op.drop_index(op.f("ix_events_kind_id"), table_name="events")
    op.drop_table("events")
    op.drop_index(op.f("ix_user_roles_role_user_id"), table_name="user_roles")
    op.drop_table("user_roles")
    op.drop_index(op.f("ix_requests_stage_stage_changed_at"), table_name="requests")
    op.drop_index(op.f("ix_requests_phone"), table_name="requests")
    op.drop_index(op.f("ix_requests_owner_id_id"), table_name="requests")
    op.drop_index(op.f("ix_requests_email"), table_name="requests")
    op.drop_index(op.f("ix_requests_company_key"), table_name="requests")
    op.drop_index(op.f("ix_requests_author_id_id"), table_name="requests")
    op.drop_table("requests")
    op.drop_table("users")
    op.drop_index(op.f("ix_inbox_status_update_id"), table_name="inbox")
    op.drop_index(op.f("ix_inbox_received_at"), table_name="inbox")
    op.drop_table("inbox")
    op.drop_table("fsm_states")
