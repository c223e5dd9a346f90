"""A request's history: its way from the card to an outcome, told with who and when, paged."""

from __future__ import annotations

from storage.models import Role
from tests.e2e.followups.test_meetings import plan_meeting
from tests.e2e.team.conftest import AUTHOR_ID
from tests.e2e.workspace.conftest import Presses, Team, ask, labels, next_to, take

OWNER, MEMBER, MANAGER = 10, 11, 20


async def test_the_history_tells_the_way_from_the_card_to_lost_with_who_and_when(
    team: Team,
) -> None:
    await team.expert(OWNER, "Пётр")
    await team.expert(MEMBER, "Ольга")
    await team.person(MANAGER, "Босс", roles=[Role.MANAGER])
    number = await team.request()
    panel = await take(team, OWNER, number)
    taps = Presses(team, OWNER)
    await taps.press(panel, "Следующий шаг")
    await taps.press(await taps.next("Какой следующий шаг"), "Позвонить клиенту")
    await taps.press(await taps.next(), "Завтра 16:00")
    await plan_meeting(team, OWNER, with_colleague="Ольга", number=number, brief=panel)
    await taps.press(panel, "Автору")
    await taps.next("для автора")
    await taps.type("КП у вас в почте")
    await taps.press(panel, "Проиграна")
    await taps.press(await taps.next("Почему"), "конкурента")

    await taps.press(panel, "История")
    history = await taps.next("История заявки")
    lines = history.text.replace("\u202f", " ").splitlines()  # dates use a narrow space
    assert "страница 1 из 1" in lines[0]
    assert lines[1:] == [
        "• 2 мар. 2026 г., 09:00 · бот — заявка опубликована в командной группе",
        "• 2 мар. 2026 г., 09:00 · Пётр — взял(а) заявку",
        "• 2 мар. 2026 г., 09:00 · Пётр — следующий шаг: 📞 Позвонить клиенту, "
        "до 3 мар. 2026 г., 16:00",
        "• 2 мар. 2026 г., 09:00 · Пётр — встреча назначена на 3 мар. 2026 г., 10:00",
        "• 2 мар. 2026 г., 09:00 · Пётр — этап: взята → встреча назначена",
        "• 2 мар. 2026 г., 09:00 · Пётр — добавил(а) заметку «КП у вас в почте»",
        "• 2 мар. 2026 г., 09:00 · Пётр — этап: встреча назначена → проиграна: Выбрали конкурента",
        "• 2 мар. 2026 г., 09:00 · Пётр — отменил(а) встречу",
        "• 2 мар. 2026 г., 09:00 · Пётр — отменены открытые шаги: 1",
    ]
    member = await ask(team, MEMBER, f"/r {number}", "этап")
    assert "🕓 История" in labels(member)  # the team reads it
    author = await ask(team, AUTHOR_ID, f"/r {number}", "этап")
    assert "🕓 История" not in labels(author)  # the author does not


async def test_a_long_history_is_paged_in_place_under_a_page_counter(team: Team) -> None:
    await team.expert(OWNER, "Пётр")
    number = await team.request()
    panel = await take(team, OWNER, number)
    async with team.repo() as repo:
        for index in range(20):
            note = await repo.workspace.add_note(
                request_id=number, author_id=OWNER, text=f"заметка {index}", for_author=False
            )
            await repo.events.add(
                kind="request.note_added",
                actor_id=OWNER,
                request_id=number,
                data={"note_id": note.id, "for_author": False},
            )
        await repo.events.add(kind="request.something_new", actor_id=None, request_id=number)
    taps = Presses(team, OWNER)
    await taps.press(panel, "История")
    history = await next_to(team, OWNER, "История заявки")
    assert "страница 1 из 2" in history.text
    assert "заметка 12" in history.text
    assert labels(history) == ["1 / 2", "Позже ➡️"]
    assert history.button("1 / 2").disabled
    await taps.press(history, "Позже")
    assert "страница 2 из 2" in history.text
    assert "заметка 19" in history.text
    assert "request.something_new" in history.text  # a kind with no words yet still shows
    assert labels(history) == ["⬅️ Раньше", "2 / 2"]
    assert history.button("2 / 2").disabled


async def test_a_page_of_long_steps_and_reasons_is_still_sent_with_the_texts_cut(
    team: Team,
) -> None:
    await team.expert(OWNER, "Пётр")
    number = await team.request()
    panel = await take(team, OWNER, number)
    async with team.repo() as repo:
        for index in range(10):
            step = await repo.followups.add_step(
                request_id=number,
                text=f"шаг {index}: " + "подготовить расчёт по объектам & сметам " * 12,
                due_at=team.clock.now(),
                assignee_id=OWNER,
                created_by=OWNER,
            )
            await repo.events.add(
                kind="request.step_added",
                actor_id=OWNER,
                request_id=number,
                data={"step": step.id, "due": team.clock.now().isoformat()},
            )
            await repo.events.add(
                kind="request.meeting_cancelled",
                actor_id=OWNER,
                request_id=number,
                data={"meeting": index, "reason": "клиент <занят> " * 30},
            )
    taps = Presses(team, OWNER)
    await taps.press(panel, "История")
    history = await next_to(team, OWNER, "История заявки")
    assert "страница 1 из 2" in history.text
    assert "шаг 0: подготовить" in history.text
    assert "клиент <занят>" in history.text
    assert "…" in history.text


async def test_meeting_changes_and_postponed_returns_are_told_in_words(team: Team) -> None:
    await team.expert(OWNER, "Пётр")
    await team.expert(MEMBER, "Ольга")
    await team.person(MANAGER, "Босс", roles=[Role.MANAGER])
    number = await team.request()
    panel = await take(team, OWNER, number)
    meeting = {"meeting": 1}
    async with team.repo() as repo:
        for actor, kind, data in (
            (
                OWNER,
                "request.meeting_rescheduled",
                {"from": "2026-03-03T07:00:00+00:00", "to": "2026-03-04T11:30:00+00:00"},
            ),
            (OWNER, "request.meeting_edited", {"fields": ["place"]}),
            (OWNER, "request.meeting_participants_changed", {"added": [MEMBER], "removed": []}),
            (OWNER, "request.meeting_moderator_changed", {"from": OWNER, "to": MEMBER}),
            (MEMBER, "request.meeting_cant_attend", {"user": MEMBER}),
            (OWNER, "request.meeting_cancelled", {"reason": "клиент заболел"}),
            (None, "request.postponed_due", {"owner": OWNER}),
            (None, "request.postponed_overdue", {"owner": OWNER, "manager": MANAGER}),
        ):
            await repo.events.add(
                kind=kind, actor_id=actor, request_id=number, data={**meeting, **data}
            )

    taps = Presses(team, OWNER)
    await taps.press(panel, "История")
    history = await taps.next("История заявки")
    lines = history.text.replace("\u202f", " ").splitlines()
    assert [line.split(" · ", 1)[1] for line in lines[-8:]] == [
        "Пётр — перенес(ла) встречу: 3 мар. 2026 г., 10:00 → 4 мар. 2026 г., 14:30",
        "Пётр — изменил(а) место или цели встречи",
        "Пётр — изменил(а) участников встречи: добавлены Ольга; убраны —",
        "Пётр — ведущий встречи: Пётр → Ольга",
        "Ольга — не сможет прийти на встречу",
        "Пётр — отменил(а) встречу: клиент заболел",
        "бот — отложенная заявка вернулась: Пётр получил(а) напоминание",
        "бот — отложенную заявку не вернули в работу вовремя; Босс уведомлен(а)",
    ]
