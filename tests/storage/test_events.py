"""The audit log keeps what happened, per request and by kind."""

from __future__ import annotations

from datetime import UTC, datetime

from storage.repositories import NewAnswer, Repositories
from tests.storage.fixtures import SessionFactory

AT = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


async def test_events_are_listed_per_request_and_newest_first(
    session_factory: SessionFactory,
) -> None:
    async with session_factory() as session:
        repo = Repositories(session)
        await repo.users.upsert_from_telegram(
            user_id=5, first_name="Lea", last_name=None, username=None, language_code=None
        )
        request = await repo.requests.create(
            scenario_id="lead",
            scenario_version=1,
            author_id=5,
            answers=[NewAnswer("company", "Acme", "Acme")],
        )
        await repo.events.add(kind="user.language_changed", actor_id=5, data={"to": "en"}, at=AT)
        await repo.events.add(kind="request.submitted", actor_id=5, request_id=request.id, at=AT)
        await repo.events.add(kind="request.taken", actor_id=6, request_id=request.id, at=AT)
        await session.commit()

    async with session_factory() as session:
        repo = Repositories(session)
        kinds = [e.kind for e in await repo.events.for_request(request.id)]
        assert kinds == ["request.submitted", "request.taken"]
        recent = await repo.events.recent(limit=2)
        assert [e.kind for e in recent] == ["request.taken", "request.submitted"]
        (changed,) = await repo.events.recent(kind="user.language_changed")
        assert (changed.actor_id, changed.data, changed.at) == (5, {"to": "en"}, AT)
