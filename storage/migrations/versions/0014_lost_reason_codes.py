"""Lost reasons from the list kept as their codes, not as the owner's words for them.

Before, a reason chosen from the list was stored in the owner's language ("Нет бюджета",
"No budget"), so readers saw it in someone else's language and reports counted one reason
twice. Requests lost that way get the reason's code back, and the moves that lost them get
it as ``lost_reason`` beside the words they were told with, as new moves have it. Only the
texts the list ever had are mapped; a typed reason is left as it was typed.

Revision ID: 0014_lost_reason_codes
Revises: 0013_search
Create Date: 2026-12-07 08:00:00.000000
"""

from collections.abc import Sequence
from typing import Any

import sqlalchemy as sa
from alembic import op

revision: str = "0014_lost_reason_codes"
down_revision: str | None = "0013_search"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

NAMES = {
    "budget": ("Нет бюджета", "No budget"),
    "competitor": ("Выбрали конкурента", "Chose a competitor"),
    "silent": ("Клиент пропал", "Client went silent"),
    "timing": ("Не те сроки", "Wrong timing"),
    "profile": ("Не наш профиль", "Not our profile"),
}
"""Each code of the list and its Russian and English names, as ``claims-lost-*`` had them.

Frozen here: the locales may word them differently later, the stored texts will not.
"""
CODES = {name: code for code, names in NAMES.items() for name in names}

_requests = sa.table(
    "requests",
    sa.column("id", sa.Integer()),
    sa.column("stage", sa.String()),
    sa.column("lost_reason", sa.Text()),
)
_events = sa.table(
    "events",
    sa.column("id", sa.BigInteger()),
    sa.column("kind", sa.String()),
    sa.column("data", sa.JSON()),
)


def upgrade() -> None:
    connection = op.get_bind()
    for name, code in CODES.items():
        connection.execute(
            sa.update(_requests)
            .where(_requests.c.stage == "lost", _requests.c.lost_reason == name)
            .values(lost_reason=code)
        )
    moves = connection.execute(
        sa.select(_events.c.id, _events.c.data).where(
            _events.c.kind == "request.stage_changed",
            _events.c.data["to"].as_string() == "lost",
            _events.c.data["reason"].as_string().in_(list(CODES)),
        )
    )
    for event_id, data in moves.all():
        _set_data(event_id, {**data, "lost_reason": CODES[data["reason"]]})


def _set_data(event_id: int, data: dict[str, Any]) -> None:
    op.get_bind().execute(sa.update(_events).where(_events.c.id == event_id).values(data=data))


def downgrade() -> None:
    """Codes back to words for code that shows the stored text as it is: the Russian ones,
    the default language's; the moves keep their ``lost_reason``, which it does not read."""
    connection = op.get_bind()
    for code, (russian, _) in NAMES.items():
        connection.execute(
            sa.update(_requests)
            .where(_requests.c.stage == "lost", _requests.c.lost_reason == code)
            .values(lost_reason=russian)
        )
