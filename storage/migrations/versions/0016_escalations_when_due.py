"""Escalations still waiting are decided when due, as the bot now plans them.

Before, an overdue step, an unconfirmed recap and a missed estimate deadline were planned
as one reminder per manager named on the day the step, the recap or the estimate was
saved. The bot now plans one deciding reminder (recipient 0) that names the managers when
it falls due. Each group of the old reminders about one thing and one deadline that is
still wholly pending becomes such a reminder; a group of which something already went out
is left as it was, so that nobody is told twice.

Revision ID: 0016_escalations_when_due
Revises: 0015_estimate_cancelled
Create Date: 2026-12-09 08:00:00.000000
"""

from collections import defaultdict
from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Any

import sqlalchemy as sa
from alembic import op

revision: str = "0016_escalations_when_due"
down_revision: str | None = "0015_estimate_cancelled"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

NOBODY = 0
OLD_TO_NEW = {
    "step_escalated": "step_escalation",
    "recap_escalated": "recap_escalation",
    "estimate.due": "estimate.missed",
}
"""Frozen here: each old per-manager kind and the deciding kind that replaces it."""

_reminders = sa.table(
    "reminders",
    sa.column("id", sa.BigInteger()),
    sa.column("kind", sa.String()),
    sa.column("due_at", sa.DateTime(timezone=True)),
    sa.column("recipient_id", sa.BigInteger()),
    sa.column("request_id", sa.Integer()),
    sa.column("payload", sa.JSON()),
    sa.column("urgent", sa.Boolean()),
    sa.column("status", sa.String()),
    sa.column("late", sa.Boolean()),
    sa.column("dedup_key", sa.String()),
    sa.column("outcome", sa.String()),
    sa.column("created_at", sa.DateTime(timezone=True)),
)


def _about(kind: str, payload: dict[str, Any]) -> tuple[str, dict[str, Any], str] | None:
    """What a reminder is about: its group, the deciding reminder's payload and key."""
    if kind == "step_escalated" and "step" in payload:
        step = int(payload["step"])
        kept = {"step": step, "due": payload.get("due")}
        return f"step:{step}:{payload.get('due')}", kept, f"step:{step}:esc"
    if kind == "recap_escalated" and "meeting" in payload:
        meeting = int(payload["meeting"])
        kept = {"meeting": meeting, "round": 1, "days": payload.get("days")}
        return f"meeting:{meeting}", kept, f"meeting:{meeting}:recap-esc"
    if kind == "estimate.due" and "estimate" in payload:
        estimate, due = int(payload["estimate"]), payload.get("due")
        kept = {"estimate": estimate, "due": due}
        return f"estimate:{estimate}:{due}", kept, f"estimate:{estimate}:{due}:missed"
    return None


def upgrade() -> None:
    bind = op.get_bind()
    rows = bind.execute(
        sa.select(
            _reminders.c.id,
            _reminders.c.kind,
            _reminders.c.due_at,
            _reminders.c.request_id,
            _reminders.c.payload,
            _reminders.c.status,
        ).where(_reminders.c.kind.in_(list(OLD_TO_NEW)))
    ).all()
    groups: dict[tuple[str, str], list[Any]] = defaultdict(list)
    plans: dict[tuple[str, str], tuple[dict[str, Any], str]] = {}
    for row in rows:
        about = _about(row.kind, dict(row.payload or {}))
        if about is None:
            continue
        group, payload, key = about
        groups[row.kind, group].append(row)
        plans[row.kind, group] = (payload, key)
    now = datetime.now(UTC)
    if bind.dialect.name == "sqlite":  # naive UTC there, as the models store it
        now = now.replace(tzinfo=None)
    for (kind, group), members in groups.items():
        if any(member.status != "pending" for member in members):
            continue
        payload, key = plans[kind, group]
        bind.execute(
            sa.delete(_reminders).where(_reminders.c.id.in_([m.id for m in members]))
        )
        bind.execute(
            sa.insert(_reminders).values(
                kind=OLD_TO_NEW[kind],
                due_at=min(member.due_at for member in members),
                recipient_id=NOBODY,
                request_id=members[0].request_id,
                payload=payload,
                urgent=True,
                status="pending",
                late=False,
                dedup_key=key,
                created_at=now,
            )
        )


def downgrade() -> None:
    """Deciding reminders still pending are dropped: the older code cannot render them,
    and would not know whom to tell."""
    op.get_bind().execute(
        sa.update(_reminders)
        .where(
            _reminders.c.kind.in_(list(OLD_TO_NEW.values())),
            _reminders.c.status == "pending",
        )
        .values(status="dropped", outcome="downgraded")
    )
