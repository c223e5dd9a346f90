"""/work for managers and /find for the team: what is in hand, and any request by its facts."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlalchemy import update

from bot.services.cards import post_card
from storage.models import Request, Role, Stage
from storage.repositories.requests import NewAnswer
from tests.e2e.pipeline.test_digest import in_zone
from tests.e2e.team.conftest import AUTHOR_ID
from tests.e2e.workspace.conftest import Team, ask, labels, next_to, take

PETR, OLGA, MANAGER, STRANGER = 10, 11, 20, 40
PAIN = "сводят отчёты в Excel"
QUERIES = (
    "8 (912) 345-67-89",
    "+7 912 3456789",
    "345-67-89",
    "строймонт",
    "IVAN@stroymontazh.ru",
    "excel",
)


async def client(team: Team, company: str, phone: str, email: str) -> int:
    """A request about one client, with the contacts the form normalizes."""
    async with team.repo() as repo:
        request = await repo.requests.create(
            scenario_id="it_erp",
            scenario_version=1,
            author_id=AUTHOR_ID,
            answers=[
                NewAnswer(field_id="company_name", value=company, display=company),
                NewAnswer(
                    field_id="pain", value="сводят отчёты в Excel", display="сводят отчёты в Excel"
                ),
            ],
            client_name=company,
            phone=phone,
            email=email,
        )
        await post_card(team.desk(repo), request.id)
    return request.id


async def test_work_groups_requests_by_owner_and_stage_and_marks_what_is_late(
    team: Team,
) -> None:
    await team.expert(PETR, "Пётр")
    await team.expert(OLGA, "Ольга")
    await team.person(MANAGER, "Босс", roles=[Role.MANAGER])
    first, second, third = await team.request(), await team.request(), await team.request()
    waiting = await team.request()
    await take(team, PETR, first)
    await take(team, PETR, second)
    await take(team, OLGA, third)
    async with team.repo() as repo:
        await repo.requests.set_stage(first, Stage.MEETING_PLANNED, team.clock.now())
        await repo.session.execute(
            update(Request)
            .where(Request.id == second)
            .values(stage_changed_at=team.clock.now() - timedelta(days=3))
        )

    assert "руководител" in (await ask(team, PETR, "/work")).text
    work = await ask(team, MANAGER, "/work")
    lines = work.text.splitlines()
    assert lines[0] == "В работе — 3"
    assert lines[1:] == [
        "",
        "👤 Ольга",
        "взята",
        f"• #{third} · Ромашка · 0 ч 0 мин на этапе",
        "",
        "👤 Пётр",
        "взята",
        f"🔴 #{second} · Ромашка · 3 дн 0 ч на этапе",
        "встреча назначена",
        f"• #{first} · Ромашка · 0 ч 0 мин на этапе",
    ]
    assert f"#{waiting}" not in work.text  # the unclaimed queue is /queue's
    assert labels(work) == [f"#{third} · Ромашка", f"#{second} · Ромашка", f"#{first} · Ромашка"]
    await team.tg.press(MANAGER, work, work.callback_data_of(f"#{second}"))
    assert "🔁 Переназначить" in labels(await next_to(team, MANAGER, f"#{second}"))


async def test_find_by_phone_in_any_format_part_of_a_name_e_mail_or_number(team: Team) -> None:
    await team.expert(PETR, "Пётр")
    await team.person(STRANGER, "Прохожий", member=False)
    found = await client(team, "ООО «СтройМонтаж»", "+79123456789", "ivan@stroymontazh.ru")
    other = await client(team, "Ромашка", "+79990000000", "info@romashka.ru")

    for query in (
        "8 (912) 345-67-89",
        "+7 912 3456789",
        "345-67-89",
        "строймонт",
        "IVAN@stroymontazh.ru",
        "excel",
        f"#{found}",
    ):
        answer = await ask(team, PETR, f"/find {query}")
        assert f"#{found} · ООО «СтройМонтаж»" in labels(answer), query
        if query != "excel":
            assert f"#{other}" not in answer.text, query
    both = await ask(team, PETR, "/find excel")
    assert labels(both) == [f"#{other} · Ромашка", f"#{found} · ООО «СтройМонтаж»"]
    assert "ничего не нашлось" in (await ask(team, PETR, "/find газпром")).text
    assert "Что искать" in (await ask(team, PETR, "/find")).text
    assert "для экспертов" in (await ask(team, STRANGER, "/find ромашка")).text

    answer = await ask(team, PETR, "/find ромашка")
    await team.tg.press(PETR, answer, answer.callback_data_of(f"#{other}"))
    assert "Ромашка" in (await next_to(team, PETR, f"#{other}")).text


async def test_work_lists_postponed_requests_with_the_day_they_come_back_and_marks_those_past_it(
    team: Team,
) -> None:
    await team.expert(PETR, "Пётр")
    await team.expert(OLGA, "Ольга")
    await team.person(MANAGER, "Босс", roles=[Role.MANAGER])
    await in_zone(team, MANAGER, "Asia/Vladivostok")
    in_hand, back_soon, overdue = await team.request(), await team.request(), await team.request()
    for number, owner in ((in_hand, PETR), (back_soon, OLGA), (overdue, PETR)):
        await take(team, owner, number)
    now = team.clock.now()
    async with team.repo() as repo:
        # Back on 10 March at 23:00 in Moscow, which is 11 March in Vladivostok.
        await repo.requests.set_stage(
            back_soon,
            Stage.POSTPONED,
            now,
            postponed_until=datetime(2026, 3, 10, 20, 0, tzinfo=UTC),
        )
        await repo.requests.set_stage(
            overdue, Stage.POSTPONED, now, postponed_until=now - timedelta(days=1)
        )

    work = await ask(team, MANAGER, "/work")
    assert work.text.splitlines() == [
        "В работе — 1",
        "",
        "👤 Пётр",
        "взята",
        f"• #{in_hand} · Ромашка · 0 ч 0 мин на этапе",
    ]
    assert labels(work) == [f"#{in_hand} · Ромашка"]
    parked = await next_to(team, MANAGER, "Отложены")
    head, overdue_line, back_line = parked.text.splitlines()  # the day as the locale writes it
    assert head == "⏸ Отложены — 2"
    assert overdue_line.startswith(f"⏰ #{overdue} · Ромашка · Пётр · вернулась 1 мар. 2026")
    assert overdue_line.endswith(", ответа нет")
    assert back_line.startswith(f"• #{back_soon} · Ромашка · Ольга · вернётся 11 мар. 2026")
    assert labels(parked) == [f"#{overdue} · Ромашка", f"#{back_soon} · Ромашка"]
    await team.tg.press(MANAGER, parked, parked.callback_data_of(f"#{back_soon}"))
    assert "отложена" in (await next_to(team, MANAGER, f"#{back_soon}")).text

    # Once its day has passed with the request still postponed, it is marked too; with
    # nothing in work the postponed ones are still listed.
    team.clock.set(datetime(2026, 3, 10, 21, 0, tzinfo=UTC))
    async with team.repo() as repo:
        await repo.requests.set_stage(in_hand, Stage.LOST, team.clock.now())
    assert "нет ни одной" in (await ask(team, MANAGER, "/work")).text
    later = await next_to(team, MANAGER, "Отложены")
    assert f"⏰ #{back_soon} · Ромашка · Ольга · вернулась 11 мар. 2026" in later.text
