"""Junk reasons kept as codes, as lost reasons are, not in the manager's words.

Before, a request closed as junk kept its reason in the language of the manager who
closed it ("Спам", "Spam", "Duplicate of request #12"), and every reader, the author
told of it included, saw it in that language. Requests closed that way now keep the
reason's code ("spam"), or "duplicate:" and the request typed, and their moves get it as
``junk_kept``, as new moves have it. Only the texts the list ever had are mapped; a typed
reason is left as it was typed.

Revision ID: 0017_junk_reason_codes
Revises: 0016_escalations_when_due
Create Date: 2026-12-10 08:00:00.000000
"""

import re
from collections.abc import Sequence
from typing import Any

import sqlalchemy as sa
from alembic import op

revision: str = "0017_junk_reason_codes"
down_revision: str | None = "0016_escalations_when_due"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

NAMES = {
    "spam": ("Спам", "Spam"),
    "not_profile": ("Не наш профиль", "Not our profile"),
    "withdrew": ("Клиент отказался", "The client withdrew"),
}
"""Each listed code and its Russian and English names, as ``stages-junk-*`` had them.

Frozen here: the locales may word them differently later, the stored texts will not.
"""
CODES = {name: code for code, names in NAMES.items() for name in names}
DUPLICATE = re.compile(r"^(?:Дубль заявки|Duplicate of request) (.+)$", re.DOTALL)
"""``stages-junk-duplicate-of`` in both languages, the typed request after it."""
DUPLICATE_OF = "duplicate:"
RUSSIAN_DUPLICATE = "Дубль заявки "

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


def kept(words: str) -> str | None:
    """The code a junk reason in someone's words is kept as; ``None`` if typed."""
    if words in CODES:
        return CODES[words]
    duplicate = DUPLICATE.match(words)
    return f"{DUPLICATE_OF}{duplicate.group(1)}" if duplicate else None


def upgrade() -> None:
    connection = op.get_bind()
    closed = connection.execute(
        sa.select(_requests.c.id, _requests.c.lost_reason).where(
            _requests.c.stage == "junk", _requests.c.lost_reason.is_not(None)
        )
    )
    for request_id, words in closed.all():
        code = kept(words)
        if code is not None:
            connection.execute(
                sa.update(_requests)
                .where(_requests.c.id == request_id)
                .values(lost_reason=code)
            )
    moves = connection.execute(
        sa.select(_events.c.id, _events.c.data).where(
            _events.c.kind == "request.stage_changed",
            _events.c.data["to"].as_string() == "junk",
        )
    )
    for event_id, data in moves.all():
        code = kept(str(data.get("reason", "")))
        if code is not None and "junk_kept" not in data:
            _set_data(event_id, {**data, "junk_kept": code})


def _set_data(event_id: int, data: dict[str, Any]) -> None:
    op.get_bind().execute(sa.update(_events).where(_events.c.id == event_id).values(data=data))


def downgrade() -> None:
    """Codes back to the Russian words, the default language's, for code that shows the
    stored text as it is; the moves keep their ``junk_kept``, which it does not read."""
    connection = op.get_bind()
    for code, (russian, _) in NAMES.items():
        connection.execute(
            sa.update(_requests)
            .where(_requests.c.stage == "junk", _requests.c.lost_reason == code)
            .values(lost_reason=russian)
        )
    duplicates = connection.execute(
        sa.select(_requests.c.id, _requests.c.lost_reason).where(
            _requests.c.stage == "junk", _requests.c.lost_reason.startswith(DUPLICATE_OF)
        )
    )
    for request_id, stored in duplicates.all():
        connection.execute(
            sa.update(_requests)
            .where(_requests.c.id == request_id)
            .values(lost_reason=RUSSIAN_DUPLICATE + stored.removeprefix(DUPLICATE_OF))
        )
