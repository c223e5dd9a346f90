"""The memory of periodic jobs, kept in the database so a lease's next holder has it.

Revision ID: 0018_job_states
Revises: 0017_junk_reason_codes
Create Date: 2026-12-11 08:00:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0018_job_states"
down_revision: str | None = "0017_junk_reason_codes"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "job_states",
        sa.Column("name", sa.String(length=128), nullable=False),
        sa.Column("state", sa.JSON(), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("name", name=op.f("pk_job_states")),
    )


def downgrade() -> None:
    op.drop_table("job_states")
