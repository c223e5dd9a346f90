"""Report queries: the weekly trend counted by the database matches the domain's count."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from domain.metrics.history import EventFact
from domain.metrics.trend import weekly_trend
from storage.repositories import NewAnswer, Repositories
from storage.repositories.report_filters import Filters
from storage.repositories.trend import TrendQueries
from tests.storage.fixtures import SessionFactory

MONDAY = datetime(2026, 3, 2, 0, 0, tzinfo=UTC)
WEEKS = [MONDAY - timedelta(weeks=1), MONDAY]
SOURCES = Filters(source_fields={"lead": "source"})


async def test_the_trend_counts_submissions_first_takes_and_wins_per_week_per_form_and_source(
    session_factory: SessionFactory,
) -> None:
    async with session_factory() as session:
        repo = Repositories(session)
        await repo.users.upsert_from_telegram(
            user_id=5, first_name="Lea", last_name=None, username=None, language_code=None
        )
        facts: list[EventFact] = []

        async def request(
            form: str, source: str, events: list[tuple[str, float, dict[str, str]]]
        ) -> None:
            created = await repo.requests.create(
                scenario_id=form,
                scenario_version=1,
                author_id=5,
                answers=[NewAnswer("source", source, source)],
            )
            for kind, days, data in events:
                at = MONDAY + timedelta(days=days)
                await repo.events.add(
                    kind=kind, actor_id=5, request_id=created.id, data=data, at=at
                )
                if form == "lead" and source == "web":
                    facts.append(EventFact(at, kind, created.id, 5, data))

        won = {"from": "taken", "to": "won"}
        # Submitted last week, taken last week and again this week, won this week.
        await request(
            "lead",
            "web",
            [
                ("request.submitted", -3, {}),
                ("request.taken", -2, {}),
                ("request.released", -1, {}),
                ("request.taken", 1, {}),
                ("request.stage_changed", 2, won),
            ],
        )
        # Submitted and taken this week, lost.
        await request(
            "lead",
            "web",
            [
                ("request.submitted", 0, {}),
                ("request.assigned", 1, {}),
                ("request.stage_changed", 2, {"from": "taken", "to": "lost"}),
            ],
        )
        # Another source, and another form: counted only without those filters.
        await request("lead", "fair", [("request.submitted", 0, {}), ("request.taken", 0.5, {})])
        await request(
            "other",
            "web",
            [
                ("request.submitted", -6, {}),
                ("request.auto_assigned", 3, {}),
                ("request.stage_changed", 4, won),
            ],
        )
        # Taken before the window: its take is not counted in it.
        await request("lead", "web", [("request.submitted", -20, {}), ("request.taken", -10, {})])
        await session.commit()

    async with session_factory() as session:
        queries = TrendQueries(session, repo.clock)
        everything = await queries.trend(WEEKS, Filters())
        assert [(w.submitted, w.taken, w.won) for w in everything] == [(2, 1, 0), (2, 3, 2)]
        lead = await queries.trend(WEEKS, Filters(form="lead"))
        assert [(w.submitted, w.taken, w.won) for w in lead] == [(1, 1, 0), (2, 2, 1)]
        web = await queries.trend(
            WEEKS, Filters(form="lead", source="web", source_fields={"lead": "source"})
        )
        assert [(w.submitted, w.taken, w.won) for w in web] == [(1, 1, 0), (1, 1, 1)]
        # The database's count and the domain's agree on the same events.
        assert web == weekly_trend(facts, WEEKS)
