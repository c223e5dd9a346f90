"""CRM links (the id a CRM gave each request's lead) and deliveries kept in order.

Revision ID: 0012_crm_links
Revises: 0011_instances
Create Date: 2026-11-30 07:30:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0012_crm_links"
down_revision: str | None = "0011_instances"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "crm_links",
        sa.Column("request_id", sa.Integer(), nullable=False),
        sa.Column("crm", sa.String(length=16), nullable=False),
        sa.Column("entity", sa.String(length=16), nullable=False),
        sa.Column("crm_id", sa.String(length=64), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["request_id"],
            ["requests.id"],
            name=op.f("fk_crm_links_request_id_requests"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("request_id", "crm", name=op.f("pk_crm_links")),
    )
    with op.batch_alter_table("deliveries") as batch:
        batch.add_column(
            sa.Column("in_order", sa.Boolean(), server_default=sa.false(), nullable=False)
        )


def downgrade() -> None:
    with op.batch_alter_table("deliveries") as batch:
        batch.drop_column("in_order")
    op.drop_table("crm_links")
