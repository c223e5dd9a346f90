"""Reminders and the morning digest open the request they are about in one tap.

Every one of them reaches Telegram through the outbox, so a button seen here was stored
with the message and sent with it.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from bot.services.digest import DIGEST_BUTTONS
from emulator import EmMessage
from storage.models import Role
from tests.e2e.followups.conftest import move_to
from tests.e2e.followups.test_meetings import TUESDAY_10_MOSCOW, plan_meeting
from tests.e2e.followups.test_next_steps import TUESDAY_16_MOSCOW, plan_call_tomorrow
from tests.e2e.team.conftest import MONDAY_9AM
from tests.e2e.workspace.conftest import Team, labels, next_to

OWNER, MEMBER, MANAGER = 10, 11, 20
TUESDAY_9AM = MONDAY_9AM + timedelta(days=1)


async def open_from(team: Team, user_id: int, message: EmMessage, label: str) -> EmMessage:
    """Press ``label`` under ``message`` as ``user_id``: the view that arrives (its brief)."""
    await team.tg.press(user_id, message, message.callback_data_of(label))
    return await next_to(team, user_id, "Строительство")


async def test_a_next_step_reminder_opens_the_brief_with_the_panel_for_its_owner(
    team: Team,
) -> None:
    await team.expert(OWNER, "Пётр")
    number, taps = await plan_call_tomorrow(team, OWNER)
    await move_to(team, TUESDAY_16_MOSCOW)
    reminder = await taps.next("Пора")
    assert labels(reminder)[-1] == f"📄 Открыть заявку #{number}"
    assert "✅ Сделано" in labels(reminder)  # the step's own buttons stay

    view = await open_from(team, OWNER, reminder, "Открыть заявку")
    assert f"#{number}" in view.text
    assert "➡️ Следующий шаг: 📞 Позвонить клиенту — Пётр" in view.text
    assert "📅 Встреча назначена" in labels(view)


async def test_a_meeting_reminder_opens_the_view_for_the_owner_and_the_participant(
    team: Team,
) -> None:
    await team.expert(OWNER, "Пётр")
    await team.expert(MEMBER, "Ольга")
    number, _meeting = await plan_meeting(team, OWNER, with_colleague="Ольга")
    await move_to(team, TUESDAY_10_MOSCOW - timedelta(days=1))

    owners = await next_to(team, OWNER, "Завтра встреча")
    assert f"📄 Открыть заявку #{number}" in labels(owners)
    view = await open_from(team, OWNER, owners, "Открыть заявку")
    assert "🗓 Встреча:" in view.text
    assert "🗓 Изменить встречу" in labels(view)

    participants = await next_to(team, MEMBER, "Завтра встреча")
    assert f"📄 Открыть заявку #{number}" in labels(participants)
    seen = await open_from(team, MEMBER, participants, "Открыть заявку")
    assert "🗓 Встреча:" in seen.text
    assert labels(seen) == ["📎 Файл или заметка", "✉️ Автору", "🕓 История"]


async def test_an_overdue_step_escalated_to_a_manager_opens_the_managers_view(
    team: Team,
) -> None:
    await team.expert(OWNER, "Пётр")
    await team.person(MANAGER, "Босс", roles=[Role.MANAGER])
    number, _taps = await plan_call_tomorrow(team, OWNER)
    # Four working hours after 16:00 on Tuesday: 18:00, then two more on Wednesday.
    await move_to(team, datetime(2026, 3, 4, 8, 0, tzinfo=UTC))
    escalated = await next_to(team, MANAGER, "давно просрочен")
    assert labels(escalated) == [f"📄 Открыть заявку #{number}"]

    view = await open_from(team, MANAGER, escalated, "Открыть заявку")
    assert "➡️ Следующий шаг: 📞 Позвонить клиенту — Пётр" in view.text
    assert "🔁 Переназначить" in labels(view)


async def test_a_claim_limit_told_to_a_manager_opens_the_waiting_request(team: Team) -> None:
    await team.expert(OWNER, "Пётр")
    await team.person(MANAGER, "Boss", roles=[Role.MANAGER], language_code="en")
    number = await team.request()
    # Two working hours without a taker: the first limit of a normal request.
    team.clock.set(MONDAY_9AM + timedelta(hours=2))
    await team.bot.app.claim_watch.check_claim_deadlines()
    told = await next_to(team, MANAGER, f"#{number}")
    assert labels(told) == [f"📄 Open request #{number}"]

    await team.tg.press(MANAGER, told, told.callback_data_of("Open request"))
    view = await next_to(team, MANAGER, "Строительство")  # the answers: the whole brief
    assert "Waiting for an expert" in view.text
    assert "🗑 Close as junk" in labels(view)  # a manager's panel


async def test_the_morning_digest_opens_each_listed_request_for_the_expert(team: Team) -> None:
    await team.expert(OWNER, "Пётр")
    number, _taps = await plan_call_tomorrow(team, OWNER)
    await team.bot.app.pipeline_watch.check()  # plans Tuesday's digest
    await move_to(team, TUESDAY_9AM)
    digest = await next_to(team, OWNER, "Ваш день")
    assert "Шаги на сегодня (1)" in digest.text
    assert labels(digest) == [f"📄 #{number}"]

    view = await open_from(team, OWNER, digest, f"#{number}")
    assert "➡️ Следующий шаг: 📞 Позвонить клиенту — Пётр" in view.text
    assert "📅 Встреча назначена" in labels(view)


async def test_a_long_digest_has_buttons_for_the_first_requests_and_names_the_rest(
    team: Team,
) -> None:
    await team.person(MANAGER, "Босс", roles=[Role.MANAGER])
    waiting = [await team.request() for _ in range(DIGEST_BUTTONS + 3)]
    await team.bot.app.pipeline_watch.check()
    await move_to(team, TUESDAY_9AM)
    digest = await next_to(team, MANAGER, "Ваш день")
    assert f"Ждут эксперта ({len(waiting)})" in digest.text
    assert labels(digest) == [f"📄 #{number}" for number in waiting[:DIGEST_BUTTONS]]
    assert max(len(row) for row in digest.buttons) == 4
    assert f"Кнопки — для первых {DIGEST_BUTTONS}; ещё 3 — в /work" in digest.text

    view = await open_from(team, MANAGER, digest, f"#{waiting[-4]}")
    assert f"#{waiting[-4]}" in view.text
    assert "Ждёт эксперта" in view.text
