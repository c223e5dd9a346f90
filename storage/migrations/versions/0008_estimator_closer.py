"""Two more roles: the estimator who prices a request and the closer who joins to close it.

Revision ID: 0008_estimator_closer
Revises: 0007_workspace
Create Date: 2026-11-30 07:00:00.000000
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0008_estimator_closer"
down_revision: str | None = "0007_workspace"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_BEFORE = "role IN ('admin', 'manager', 'expert', 'lead_generator')"
_AFTER = "role IN ('admin', 'manager', 'expert', 'lead_generator', 'estimator', 'closer')"


def _allow(condition: str) -> None:
    with op.batch_alter_table("user_roles", recreate="always") as batch:
        batch.drop_constraint(op.f("ck_user_roles_role_known"), type_="check")
        batch.create_check_constraint(op.f("ck_user_roles_role_known"), condition)


def upgrade() -> None:
    _allow(_AFTER)


def downgrade() -> None:
    op.execute("DELETE FROM user_roles WHERE role IN ('estimator', 'closer')")
    _allow(_BEFORE)
