"""What /find looks through, one short row per request; requests found by their topic.

Revision ID: 0013_search
Revises: 0012_crm_links
Create Date: 2026-11-30 08:00:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from domain.search import search_text

revision: str = "0013_search"
down_revision: str | None = "0012_crm_links"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_requests = sa.table(
    "requests",
    sa.column("id", sa.Integer()),
    sa.column("client_name", sa.String()),
    sa.column("email", sa.String()),
    sa.column("phone", sa.String()),
)
_answers = sa.table(
    "request_answers", sa.column("request_id", sa.Integer()), sa.column("display", sa.Text())
)


def upgrade() -> None:
    search = op.create_table(
        "request_search",
        sa.Column("request_id", sa.Integer(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["request_id"],
            ["requests.id"],
            name=op.f("fk_request_search_request_id_requests"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("request_id", name=op.f("pk_request_search")),
    )
    op.create_index(
        op.f("ix_request_tracking_thread_id"), "request_tracking", ["thread_id"], unique=False
    )
    _fill(search)


def _fill(search: sa.Table) -> None:
    """Requests submitted before: their search text from the answers they were sent with."""
    connection = op.get_bind()
    answers: dict[int, list[str]] = {}
    for request_id, display in connection.execute(
        sa.select(_answers.c.request_id, _answers.c.display)
    ):
        answers.setdefault(request_id, []).append(display)
    rows = [
        {
            "request_id": request_id,
            "text": search_text([client, email, *answers.get(request_id, [])], phone=phone),
        }
        for request_id, client, email, phone in connection.execute(
            sa.select(_requests.c.id, _requests.c.client_name, _requests.c.email, _requests.c.phone)
        )
    ]
    if rows:
        op.bulk_insert(search, rows)


def downgrade() -> None:
    op.drop_index(op.f("ix_request_tracking_thread_id"), table_name="request_tracking")
    op.drop_table("request_search")
