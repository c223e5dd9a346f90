"""Estimates may be cancelled: a request that closes ends the estimates still in hand.

Before, an estimate outlived its request: accepted after the request was lost, reminded
about, reported overdue, and counted in its estimator's load for good. The status check
gains ``cancelled``, and estimates still in hand on requests already closed (won, lost or
junk) become cancelled, as the bot now does when a request closes.

Revision ID: 0015_estimate_cancelled
Revises: 0014_lost_reason_codes
Create Date: 2026-12-08 08:00:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0015_estimate_cancelled"
down_revision: str | None = "0014_lost_reason_codes"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_BEFORE = "status IN ('requested', 'accepted', 'declined', 'delivered', 'rework')"
_AFTER = "status IN ('requested', 'accepted', 'declined', 'delivered', 'rework', 'cancelled')"
IN_HAND = ("requested", "accepted", "rework")
"""Frozen here: the statuses that counted as in hand when this migration was written."""
CLOSED = ("won", "lost", "junk")

_estimates = sa.table(
    "estimates",
    sa.column("request_id", sa.Integer()),
    sa.column("status", sa.String()),
)
_requests = sa.table("requests", sa.column("id", sa.Integer()), sa.column("stage", sa.String()))


def _allow(condition: str) -> None:
    with op.batch_alter_table("estimates", recreate="always") as batch:
        batch.drop_constraint(op.f("ck_estimates_status_known"), type_="check")
        batch.create_check_constraint(op.f("ck_estimates_status_known"), condition)


def upgrade() -> None:
    _allow(_AFTER)
    closed = sa.select(_requests.c.id).where(_requests.c.stage.in_(CLOSED))
    op.get_bind().execute(
        sa.update(_estimates)
        .where(_estimates.c.status.in_(IN_HAND), _estimates.c.request_id.in_(closed))
        .values(status="cancelled")
    )


def downgrade() -> None:
    """Cancelled estimates become declined, the one older status that means "not in hand
    and never delivered"; their rows stay, so reports keep the ask."""
    op.get_bind().execute(
        sa.update(_estimates)
        .where(_estimates.c.status == "cancelled")
        .values(status="declined")
    )
    _allow(_BEFORE)
