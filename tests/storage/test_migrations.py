"""Migrations build exactly the schema the models describe, on both backends."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import inspect, update
from sqlalchemy.engine import Connection

from bot.i18n import I18n
from bot.services.card_text import LISTED_LOST_REASONS
from storage.db import create_engine, create_session_factory
from storage.migrate import alembic_config, check_database, head_revisions, upgrade_database
from storage.models import Base, EstimateStatus, Reminder, Request, Stage
from storage.repositories import NewAnswer, Repositories


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


def _upgrade_to(connection: Connection, revision: str) -> None:
    config = alembic_config()
    config.attributes["connection"] = connection
    command.upgrade(config, revision)


def _downgrade_to(connection: Connection, revision: str) -> None:
    config = alembic_config()
    config.attributes["connection"] = connection
    command.downgrade(config, revision)


AT = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
AUTHOR = 100


async def _author(repo: Repositories) -> None:
    """The author every request of these tests is written by."""
    await repo.users.upsert_from_telegram(
        user_id=AUTHOR, first_name="Anna", last_name=None, username=None, language_code=None
    )


async def _request(repo: Repositories) -> Request:
    """A request of the author's, on the IT/ERP form."""
    return await repo.requests.create(
        scenario_id="it_erp",
        scenario_version=1,
        author_id=AUTHOR,
        answers=[NewAnswer("company_name", "Acme", "Acme")],
    )


async def _closed(repo: Repositories, stage: Stage, reason: str) -> int:
    """A request closed with ``reason``, as the bot stored it before reasons had codes."""
    request = await _request(repo)
    await repo.requests.set_stage(request.id, stage, AT, lost_reason=reason)
    data = {"from": "taken", "to": stage.value, "reason": reason}
    await repo.events.add(
        kind="request.stage_changed", actor_id=AUTHOR, request_id=request.id, data=data, at=AT
    )
    return request.id


async def _reason_and_move(repo: Repositories, number: int) -> tuple[str | None, dict[str, Any]]:
    """The request's stored reason and the data of its last move."""
    request = await repo.requests.get(number)
    assert request is not None
    return request.lost_reason, (await repo.events.for_request(number))[-1].data


async def test_lost_reasons_stored_in_the_owners_words_become_the_codes_of_the_list(
    empty_database_url: str,
) -> None:
    engine = create_engine(empty_database_url)
    sessions = create_session_factory(engine)
    words = [
        (I18n().get(locale)(f"claims-lost-{code}"), code)
        for locale in ("ru", "en")
        for code in sorted(LISTED_LOST_REASONS)
    ]
    try:
        async with engine.begin() as connection:
            await connection.run_sync(_upgrade_to, "0013_search")
        async with sessions() as session:
            repo = Repositories(session)
            await _author(repo)
            listed = {await _closed(repo, Stage.LOST, text): code for text, code in words}
            typed = await _closed(repo, Stage.LOST, "Заморозили проект")
            junk = await _closed(repo, Stage.JUNK, "Не наш профиль")
            await session.commit()

        async with engine.begin() as connection:
            await connection.run_sync(_upgrade_to, "0014_lost_reason_codes")

        async with sessions() as session:
            repo = Repositories(session)
            after = {n: await _reason_and_move(repo, n) for n in [*listed, typed, junk]}
    finally:
        await engine.dispose()
    assert {n: after[n][0] for n in listed} == listed
    assert {n: after[n][1]["lost_reason"] for n in listed} == listed
    said = {n: after[n][1]["reason"] for n in listed}
    assert said == {n: text for n, (text, _) in zip(listed, words, strict=True)}
    assert (after[typed][0], after[junk][0]) == ("Заморозили проект", "Не наш профиль")
    assert "lost_reason" not in after[typed][1]
    assert "lost_reason" not in after[junk][1]


async def _estimate(repo: Repositories, stage: Stage, status: EstimateStatus) -> int:
    """An estimate in ``status`` on a request in ``stage``, as the bot left them before
    estimates could be cancelled."""
    request = await _request(repo)
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
            await connection.run_sync(_upgrade_to, "0014_lost_reason_codes")
        async with sessions() as session:
            repo = Repositories(session)
            await _author(repo)
            ids = [await _estimate(repo, stage, status) for stage, status, _ in cases]
            await session.commit()
    finally:
        await engine.dispose()

    await upgrade_database(empty_database_url)
    assert await _statuses(empty_database_url, ids) == [after for _, _, after in cases]

    engine = create_engine(empty_database_url)
    try:
        async with engine.begin() as connection:
            await connection.run_sync(_downgrade_to, "0014_lost_reason_codes")
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
            await connection.run_sync(_upgrade_to, "0015_estimate_cancelled")
        async with sessions() as session:
            repo = Repositories(session)
            await _author(repo)
            request = await _request(repo)
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
            await connection.run_sync(_downgrade_to, "0015_estimate_cancelled")
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


async def _junk_reasons(url: str, ids: list[int]) -> list[tuple[str | None, str | None]]:
    """Each request's stored reason and its last move's ``junk_kept``."""
    engine = create_engine(url)
    try:
        async with create_session_factory(engine)() as session:
            repo = Repositories(session)
            found = [await _reason_and_move(repo, number) for number in ids]
    finally:
        await engine.dispose()
    return [(reason, move.get("junk_kept")) for reason, move in found]


async def test_junk_reasons_in_the_managers_words_become_codes_and_back_russian(
    empty_database_url: str,
) -> None:
    engine = create_engine(empty_database_url)
    sessions = create_session_factory(engine)
    words = ["Спам", "Not our profile", "Клиент отказался", "Дубль заявки #12"]
    words += ["Duplicate of request #7", "Тестовая заявка"]
    try:
        async with engine.begin() as connection:
            await connection.run_sync(_upgrade_to, "0016_escalations_when_due")
        async with sessions() as session:
            repo = Repositories(session)
            await _author(repo)
            ids = [await _closed(repo, Stage.JUNK, text) for text in words]
            lost = await _closed(repo, Stage.LOST, "Спам")
            await session.commit()
    finally:
        await engine.dispose()

    await upgrade_database(empty_database_url)
    codes = ["spam", "not_profile", "withdrew", "duplicate:#12", "duplicate:#7"]
    assert await _junk_reasons(empty_database_url, [*ids, lost]) == [
        *((code, code) for code in codes),
        ("Тестовая заявка", None),
        ("Спам", None),
    ]

    engine = create_engine(empty_database_url)
    try:
        async with engine.begin() as connection:
            await connection.run_sync(_downgrade_to, "0016_escalations_when_due")
    finally:
        await engine.dispose()
    reasons = [reason for reason, _ in await _junk_reasons(empty_database_url, ids)]
    assert reasons == [
        "Спам",
        "Не наш профиль",
        "Клиент отказался",
        "Дубль заявки #12",
        "Дубль заявки #7",
        "Тестовая заявка",
    ]
