"""Lost and junk reasons stored in people's words become the codes of the list when migrated."""

from __future__ import annotations

from typing import Any

from bot.i18n import I18n
from bot.services.card_text import LISTED_LOST_REASONS
from storage.db import create_engine, create_session_factory
from storage.migrate import upgrade_database
from storage.models import Stage
from storage.repositories import Repositories
from tests.storage.fixtures import AT, AUTHOR, add_author, add_request, downgrade_to, upgrade_to


async def _closed(repo: Repositories, stage: Stage, reason: str) -> int:
    """A request closed with ``reason``, as the bot stored it before reasons had codes."""
    request = await add_request(repo)
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
            await connection.run_sync(upgrade_to, "0013_search")
        async with sessions() as session:
            repo = Repositories(session)
            await add_author(repo)
            listed = {await _closed(repo, Stage.LOST, text): code for text, code in words}
            typed = await _closed(repo, Stage.LOST, "Заморозили проект")
            junk = await _closed(repo, Stage.JUNK, "Не наш профиль")
            await session.commit()

        async with engine.begin() as connection:
            await connection.run_sync(upgrade_to, "0014_lost_reason_codes")

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
            await connection.run_sync(upgrade_to, "0016_escalations_when_due")
        async with sessions() as session:
            repo = Repositories(session)
            await add_author(repo)
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
            await connection.run_sync(downgrade_to, "0016_escalations_when_due")
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
