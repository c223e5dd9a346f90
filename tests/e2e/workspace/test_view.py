"""Opening a request from anywhere, each person seeing what fits them, and the live panel."""

from __future__ import annotations

from storage.models import Role, Stage
from tests.e2e.followups.test_meetings import plan_meeting
from tests.e2e.team.conftest import AUTHOR_ID
from tests.e2e.workspace.conftest import Presses, Team, ask, labels, next_to, take

OWNER, MEMBER, MANAGER, STRANGER = 10, 11, 20, 40


async def crew(team: Team) -> None:
    await team.expert(OWNER, "Пётр")
    await team.expert(MEMBER, "Ольга", username="olga")
    await team.person(MANAGER, "Босс", roles=[Role.MANAGER])
    await team.person(STRANGER, "Прохожий", member=False)


async def test_by_number_each_person_sees_what_fits_them(team: Team) -> None:
    await crew(team)
    number = await team.request()
    await take(team, OWNER, number)

    author = await ask(team, AUTHOR_ID, f"/r {number}", "этап")
    assert f"#{number}" in author.text
    assert "Пётр" in author.text
    assert "взята" in author.text
    assert "Строительство" not in author.text  # the author gets the status, not the brief

    owner = await ask(team, OWNER, f"/r #{number}")
    assert "Строительство &lt;b&gt;жилья&lt;/b&gt;" in (owner.html or "")
    assert "Следующий шаг не назначен" in owner.text
    assert "📅 Встреча назначена" in labels(owner)
    assert "↩️ Вернуть в очередь" in labels(owner)

    manager = await ask(team, MANAGER, f"/request {number}")
    assert "Строительство" in manager.text
    assert labels(manager) == [
        "🤝 Позвать закрывающего",
        "📎 Файл или заметка",
        "✉️ Автору",
        "🕓 История",
        "🔁 Переназначить",
        "🗑 Закрыть как мусор",
        "🔀 Сменить этап за владельца",
    ]

    member = await ask(team, MEMBER, f"/r {number}")
    assert "ООО «Ромашка» & Co" in member.text
    assert "Пётр" in member.text
    assert labels(member) == ["🕓 История"]

    stranger = await ask(team, STRANGER, f"/r {number}")
    assert "недоступна" in stranger.text
    assert "Ромашка" not in stranger.text

    assert "нет" in (await ask(team, OWNER, "/r 999")).text
    assert "/r 123" in (await ask(team, OWNER, "/r abc")).text


async def test_every_list_and_the_link_open_the_request(team: Team) -> None:
    await crew(team)
    taken, waiting = await team.request(), await team.request()
    await take(team, OWNER, taken)

    mine = await ask(team, AUTHOR_ID, "/my", "Мои заявки")
    await team.tg.press(AUTHOR_ID, mine, mine.callback_data_of(f"#{taken}"))
    assert "Пётр" in (await next_to(team, AUTHOR_ID, f"#{taken}")).text

    owned = await ask(team, OWNER, "/mine")
    await team.tg.press(OWNER, owned, owned.callback_data_of(f"#{taken}"))
    panel = await next_to(team, OWNER, f"#{taken}")
    assert "📅 Встреча назначена" in labels(panel)

    queue = await ask(team, MANAGER, "/queue")
    assert labels(queue) == [f"#{waiting} · Ромашка"]
    await team.tg.press(MANAGER, queue, queue.callback_data_of(f"#{waiting}"))
    view = await next_to(team, MANAGER, f"#{waiting}")
    assert "Ждёт эксперта" in view.text

    linked = await ask(team, MEMBER, f"/start r{taken}")
    assert "ООО «Ромашка» & Co" in linked.text
    refused = await ask(team, STRANGER, f"/start r{taken}")
    assert "недоступна" in refused.text

    last = await ask(team, OWNER, "/r")
    assert f"#{taken}" in last.text
    assert "📅 Встреча назначена" in labels(last)
    assert "/r 123" in (await ask(team, STRANGER, "/r")).text


async def test_an_old_panel_works_while_its_move_applies_and_offers_the_fresh_one_after(
    team: Team,
) -> None:
    await crew(team)
    number = await team.request()
    old = await take(team, OWNER, number)
    fresh = await ask(team, OWNER, f"/r {number}")  # now the live one; ``old`` is left behind
    taps = Presses(team, OWNER)
    await taps.press(fresh, "КП отправлено")
    assert "🏆 Выиграна" in labels(fresh)  # the live panel was edited in place
    assert "📨 КП отправлено" in labels(old)

    refused = await taps.press(old, "КП отправлено")
    assert "уже на этапе «КП отправлено»" in refused
    assert "🏆 Выиграна" in labels(old)  # the old message now offers what applies

    await ask(team, OWNER, f"/r {number}")  # a newer panel again
    await taps.press(old, "Выиграна")  # still allowed from the old message: works
    async with team.repo() as repo:
        request = await repo.requests.get(number)
    assert request is not None
    assert request.stage == Stage.WON
    assert "выиграна" in old.text  # the pressed panel is the live one now


async def test_the_panel_follows_a_step_a_meeting_a_postpone_and_a_reassignment(
    team: Team,
) -> None:
    await crew(team)
    number = await team.request()
    panel = await take(team, OWNER, number)
    taps = Presses(team, OWNER)
    await taps.press(panel, "Следующий шаг")
    await taps.press(await taps.next("Какой следующий шаг"), "Позвонить клиенту")
    await taps.press(await taps.next(), "Завтра 16:00")
    assert "➡️ Следующий шаг: 📞 Позвонить клиенту — Пётр" in panel.text

    await plan_meeting(team, OWNER, with_colleague="Ольга", number=number, brief=panel)
    assert "🗓 Встреча:" in panel.text
    assert "zoom.us" in panel.text
    assert "встреча назначена" in panel.text

    participant = await ask(team, MEMBER, f"/r {number}")
    assert "Строительство" in participant.text  # a participant reads the whole brief
    assert labels(participant) == ["📎 Файл или заметка", "✉️ Автору", "🕓 История"]

    await taps.press(panel, "Отложить")
    days = await taps.next("До какого")
    await taps.press(days, "На следующей неделе")
    assert "отложена до" in panel.text
    assert "▶️ Вернуться к работе" in labels(panel)

    await ask(team, MANAGER, f"/assign {number} @olga")
    # Пётр's panel: no longer his to move; as a participant of its meeting he may still add
    assert labels(panel) == ["📎 Файл или заметка", "✉️ Автору", "🕓 История"]
    assert "Ольга" in panel.text


async def test_reassign_on_an_old_panel_of_a_closed_request_says_so_and_lists_nobody(
    team: Team,
) -> None:
    await crew(team)
    number = await team.request()
    brief = await take(team, OWNER, number)
    panel = await ask(team, MANAGER, f"/r {number}")
    reassign = panel.callback_data_of("Переназначить")
    taps = Presses(team, OWNER)
    await taps.press(brief, "КП отправлено")
    await taps.press(brief, "Выиграна")

    answer = await team.tg.press(MANAGER, panel, reassign)
    assert answer is not None
    assert "уже закрыта" in (answer.text or "")
    await team.settle(panel, MANAGER)
    assert "♻️ Переоткрыть" in labels(panel)  # the old message is the view as it is now
    assert "Кому передать" not in team.tg.render_transcript(MANAGER)


async def test_the_authors_list_names_a_request_closed_as_junk_in_words(team: Team) -> None:
    await crew(team)
    number = await team.request()
    boss = Presses(team, MANAGER)
    await boss.press(await ask(team, MANAGER, f"/r {number}"), "Закрыть как мусор")
    await boss.press(await boss.next("мусор?"), "Спам")

    mine = await ask(team, AUTHOR_ID, "/my", "Мои заявки")
    assert "закрыта без работы" in mine.text
    assert "junk" not in mine.text


async def test_mine_with_more_requests_than_one_message_holds_lists_what_fits_and_counts_the_rest(
    team: Team,
) -> None:
    await crew(team)
    for _ in range(90):
        number = await team.request(post=False)
        async with team.repo() as repo:
            assert await repo.requests.claim(number, OWNER, team.clock.now())

    owned = await ask(team, OWNER, "/mine", "Мои заявки")
    assert "(90)" in owned.text
    listed = len(labels(owned))
    assert 40 < listed < 90
    assert f"…и ещё {90 - listed}" in owned.text


async def test_a_request_with_many_long_estimates_still_shows_its_panel(team: Team) -> None:
    await crew(team)
    await team.person(30, "Оценщик", roles=[Role.ESTIMATOR])
    number = await team.request()
    await take(team, OWNER, number)
    async with team.repo() as repo:
        for index in range(5):
            await repo.process.add_estimate(
                request_id=number,
                estimator_id=30,
                requested_by=OWNER,
                scope=f"оценка {index}: " + "объём работ по внедрению модуля " * 30,
                due_at=team.clock.now(),
            )

    view = await ask(team, OWNER, f"/r {number}", "Оценщик")
    assert view.text.count("оценка") == 5
    assert "…" in view.text
    assert "➕ Следующий шаг" in labels(view)


async def test_list_buttons_name_a_client_with_an_ampersand_as_written(team: Team) -> None:
    await crew(team)
    number = await team.request()
    async with team.repo() as repo:
        request = await repo.requests.get(number)
        assert request is not None
        request.client_name = "R&D <Lab>"

    queue = await ask(team, MANAGER, "/queue")
    assert labels(queue) == [f"#{number} · R&D <Lab>"]
