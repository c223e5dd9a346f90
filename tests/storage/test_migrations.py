"""Migrations build exactly the schema the models describe, on both backends."""

from __future__ import annotations

from typing import Any

from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import inspect, update
from sqlalchemy.engine import Connection

from storage.db import create_engine, create_session_factory
from storage.migrate import alembic_config, check_database, head_revisions, upgrade_database
from storage.models import Base, EstimateStatus, Reminder, Stage
from storage.repositories import Repositories
from tests.storage.fixtures import AT, AUTHOR, add_author, add_request, downgrade_to, upgrade_to


def _schema_drift(connection: Connection) -> list[Any]:
    context = MigrationContext.configure(connection, opts={"compare_type": True})
    return list(compare_metadata(context, Base.metadata))


async def test_migrating_an_empty_database_gives_exactly_the_models_schema(
    empty_database_url: str,
) -> None:
    await upgrade_database(empty_database_url)

    engine = create_engine(empty_database_url)
    try:
        async with engine.connect() as connection:
            drift = await connection.run_sync(_schema_drift)
    finally:
        await engine.dispose()
    assert drift == []


async def test_check_reports_an_unmigrated_database_until_it_is_migrated(
    empty_database_url: str,
) -> None:
    problem = await check_database(empty_database_url)
    assert problem is not None
    assert "migrate" in problem

    await upgrade_database(empty_database_url)
    await upgrade_database(empty_database_url)  # a second start changes nothing

    assert await check_database(empty_database_url) is None
    assert len(head_revisions()) == 1  # one line of history, no forks


async def test_check_reports_an_unreachable_server() -> None:
    problem = await check_database("postgresql+asyncpg://postgres@127.0.0.1:1/nowhere")
    assert problem is not None
    assert problem.startswith("database unreachable")


def _downgrade_to_base(connection: Connection) -> list[str]:
    config = alembic_config()
    config.attributes["connection"] = connection
    command.downgrade(config, "base")
    return sorted(inspect(connection).get_table_names())


async def test_downgrade_removes_everything_and_upgrade_brings_it_back(
    empty_database_url: str,
) -> None:
    await upgrade_database(empty_database_url)
    engine = create_engine(empty_database_url)
    try:
        async with engine.begin() as connection:
            left = await connection.run_sync(_downgrade_to_base)
    finally:
        await engine.dispose()
    assert left == ["alembic_version"]

    await upgrade_database(empty_database_url)
    assert await check_database(empty_database_url) is None


async def _estimate(repo: Repositories, stage: Stage, status: EstimateStatus) -> int:
    """An estimate in ``status`` on a request in ``stage``, as the bot left them before
    estimates could be cancelled."""
    request = await add_request(repo)
    await repo.requests.set_stage(request.id, stage, AT)
    estimate = await repo.process.add_estimate(
        request_id=request.id, estimator_id=AUTHOR, requested_by=AUTHOR, scope="ERP", due_at=AT
    )
    await repo.process.change_estimate(estimate.id, from_=list(EstimateStatus), status=status)
    return estimate.id


async def _statuses(url: str, ids: list[int]) -> list[str]:
    engine = create_engine(url)
    try:
        async with create_session_factory(engine)() as session:
            repo = Repositories(session)
            found = [await repo.process.estimate(estimate_id) for estimate_id in ids]
    finally:
        await engine.dispose()
    return [estimate.status if estimate else "missing" for estimate in found]


async def test_estimates_in_hand_on_closed_requests_become_cancelled_and_back_declined(
    empty_database_url: str,
) -> None:
    engine = create_engine(empty_database_url)
    sessions = create_session_factory(engine)
    cases = [
        (Stage.LOST, EstimateStatus.ACCEPTED, "cancelled"),
        (Stage.WON, EstimateStatus.REQUESTED, "cancelled"),
        (Stage.JUNK, EstimateStatus.REWORK, "cancelled"),
        (Stage.LOST, EstimateStatus.DELIVERED, "delivered"),
        (Stage.TAKEN, EstimateStatus.ACCEPTED, "accepted"),
    ]
    try:
        async with engine.begin() as connection:
            await connection.run_sync(upgrade_to, "0014_lost_reason_codes")
        async with sessions() as session:
            repo = Repositories(session)
            await add_author(repo)
            ids = [await _estimate(repo, stage, status) for stage, status, _ in cases]
            await session.commit()
    finally:
        await engine.dispose()

    await upgrade_database(empty_database_url)
    assert await _statuses(empty_database_url, ids) == [after for _, _, after in cases]

    engine = create_engine(empty_database_url)
    try:
        async with engine.begin() as connection:
            await connection.run_sync(downgrade_to, "0014_lost_reason_codes")
    finally:
        await engine.dispose()
    downgraded = ["declined", "declined", "declined", "delivered", "accepted"]
    assert await _statuses(empty_database_url, ids) == downgraded


async def _planned(
    repo: Repositories, request_id: int, kind: str, key: str, payload: dict[str, Any]
) -> int:
    """A reminder the way the bot planned an escalation for one manager before: the
    manager's id ends its key."""
    reminder = await repo.reminders.add(
        kind=kind,
        due_at=AT,
        recipient_id=int(key.rsplit(":", 1)[-1]),
        payload=payload,
        request_id=request_id,
        dedup_key=key,
        now=AT,
    )
    assert reminder is not None
    return reminder.id


async def _reminders(url: str) -> list[tuple[str, int, str, bool, str | None, dict[str, Any]]]:
    engine = create_engine(url)
    try:
        async with create_session_factory(engine)() as session:
            found = await Repositories(session).reminders.find()
    finally:
        await engine.dispose()
    return sorted(
        (r.kind, r.recipient_id, r.status, r.urgent, r.dedup_key, r.payload) for r in found
    )


async def test_escalations_still_waiting_are_decided_when_due_and_dropped_on_the_way_back(
    empty_database_url: str,
) -> None:
    engine = create_engine(empty_database_url)
    sessions = create_session_factory(engine)
    due = int(AT.timestamp())
    step = {"step": 5, "due": AT.isoformat()}
    estimate = {"estimate": 8, "due": due}
    try:
        async with engine.begin() as connection:
            await connection.run_sync(upgrade_to, "0015_estimate_cancelled")
        async with sessions() as session:
            repo = Repositories(session)
            await add_author(repo)
            request = await add_request(repo)
            number = request.id
            for manager in (20, 21):
                await _planned(repo, number, "step_escalated", f"step:5:esc:{manager}", step)
            told = await _planned(
                repo, number, "step_escalated", "step:6:esc:20", {"step": 6, "due": "x"}
            )
            await _planned(
                repo, number, "step_escalated", "step:6:esc:21", {"step": 6, "due": "x"}
            )
            recap = {"meeting": 7, "round": 1, "days": 2}
            await _planned(repo, number, "recap_escalated", "meeting:7:recap-esc:20", recap)
            owners = {**estimate, "owner": True}
            await _planned(repo, number, "estimate.due", f"estimate:8:{due}:due:10", owners)
            await _planned(repo, number, "estimate.due", f"estimate:8:{due}:due:20", estimate)
            sent = update(Reminder).where(Reminder.id == told).values(status="sent")
            await session.execute(sent)
            await session.commit()
    finally:
        await engine.dispose()

    await upgrade_database(empty_database_url)
    assert await _reminders(empty_database_url) == sorted(
        [
            ("step_escalation", 0, "pending", True, "step:5:esc", step),
            ("step_escalated", 20, "sent", False, "step:6:esc:20", {"step": 6, "due": "x"}),
            ("step_escalated", 21, "pending", False, "step:6:esc:21", {"step": 6, "due": "x"}),
            ("recap_escalation", 0, "pending", True, "meeting:7:recap-esc", recap),
            ("estimate.missed", 0, "pending", True, f"estimate:8:{due}:missed", estimate),
        ]
    )

    engine = create_engine(empty_database_url)
    try:
        async with engine.begin() as connection:
            await connection.run_sync(downgrade_to, "0015_estimate_cancelled")
    finally:
        await engine.dispose()
    statuses = {key: status for _, _, status, _, key, _ in await _reminders(empty_database_url)}
    assert statuses == {
        "step:5:esc": "dropped",
        "step:6:esc:20": "sent",
        "step:6:esc:21": "pending",
        "meeting:7:recap-esc": "dropped",
        f"estimate:8:{due}:missed": "dropped",
    }
