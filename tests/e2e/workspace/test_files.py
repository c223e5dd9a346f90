"""Files and notes added after submitting: from the view, by reply, in the request's topic."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from bot.services.buttons import TakeButton
from tests.conftest import TEAM_CHAT_ID
from tests.e2e.team.conftest import AUTHOR_ID
from tests.e2e.workspace.conftest import Presses, Team, ask, labels, next_to, take

OWNER, MEMBER = 10, 11


async def test_files_and_notes_from_the_view_are_listed_sent_back_and_told(team: Team) -> None:
    await team.expert(OWNER, "Пётр")
    number = await team.request(files=1)
    panel = await take(team, OWNER, number)
    author = await ask(team, AUTHOR_ID, f"/r {number}", "этап")
    assert "spec-0.pdf" in author.text  # the form's own file
    assert labels(author) == ["📎 Файл или заметка", "📤 Все файлы и заметки"]

    anna = Presses(team, AUTHOR_ID)
    await anna.press(author, "Файл или заметка")
    await anna.next("Пришлите документ")
    await team.tg.send_sticker(AUTHOR_ID)
    assert "документ, фото или текст" in (await anna.next()).text
    await team.tg.send_document(AUTHOR_ID, "price.pdf", b"%PDF-1.4")
    assert "Добавлено к заявке" in (await anna.next()).text
    told = await next_to(team, OWNER, "price.pdf")
    assert "Анна" in told.text
    assert "Анна · price.pdf" in panel.text  # the owner's panel lists it at once

    petr = Presses(team, OWNER)
    await petr.press(panel, "Автору")
    await petr.next("для автора")
    assert "отправлено автору" in (await petr.type("Пришлю КП в пятницу")).text
    assert "Пришлю КП в пятницу" in (await next_to(team, AUTHOR_ID, "заметку")).text
    await petr.press(panel, "Файл или заметка")
    await petr.next("Пришлите")
    await petr.type("Внутреннее: клиент торгуется")
    assert "Внутреннее" in panel.text
    assert "Внутреннее" not in author.text  # the author's view: only what is meant for them
    assert "Пришлю КП" in author.text

    await anna.press(author, "Все файлы")
    notes = await anna.next("Пришлю КП")
    assert "Внутреннее" not in notes.text
    names = {(await team.tg.next_bot_message(AUTHOR_ID)).document_name for _ in range(2)}
    assert names == {"spec-0.pdf", "price.pdf"}
    await team.settle(notes, AUTHOR_ID)
    kinds = await team.events(number)
    assert kinds.count("request.note_added") == 2
    assert kinds.count("request.file_added") == 1


async def test_a_reply_to_the_bot_adds_to_the_request_it_is_about(team: Team) -> None:
    await team.expert(OWNER, "Пётр")
    await team.expert(MEMBER, "Ольга")
    number = await team.request()
    await take(team, OWNER, number)
    notice = await next_to(team, AUTHOR_ID, "взял(а)")
    await team.tg.send_photo(AUTHOR_ID, reply_to_message_id=notice.message_id)
    assert "Добавлено к заявке" in (await next_to(team, AUTHOR_ID)).text
    assert "фото" in (await next_to(team, OWNER, "добавил(а) файл")).text
    await team.tg.send_message(
        AUTHOR_ID, "Контакт ЛПР: Иван, 8 900 000-00-00", reply_to_message_id=notice.message_id
    )
    assert "Контакт ЛПР" in (await next_to(team, OWNER, "заметку")).text

    card = await ask(team, MEMBER, f"/r {number}")
    await team.tg.send_message(MEMBER, "моя заметка", reply_to_message_id=card.message_id)
    assert "добавлять могут" in (await next_to(team, MEMBER)).text


async def test_a_message_in_the_request_topic_joins_the_request(
    make_team: Callable[..., Any],
) -> None:
    async with make_team(forum=True) as team:
        await team.expert(OWNER, "Пётр")
        await team.expert(MEMBER, "Ольга")
        number = await team.request()
        await team.tg.press(OWNER, team.card(number), TakeButton(request=number).pack())
        panel = await next_to(team, OWNER, f"#{number}")
        topics = team.tg.world.chat(TEAM_CHAT_ID).topics
        own = next(t for t in topics.values() if t.name.startswith("🔧 #"))
        await team.tg.send_message(
            OWNER, "Клиент просит демо", chat_id=TEAM_CHAT_ID, thread_id=own.thread_id
        )
        said = await team.tg.send_message(
            MEMBER, "Я бы позвал Ивана", chat_id=TEAM_CHAT_ID, thread_id=own.thread_id
        )
        await team.settle(said, MEMBER)
        assert "Клиент просит демо" in panel.text
        assert "Ивана" not in panel.text  # a colleague talking in the topic, not a participant
        assert (await team.events(number)).count("request.note_added") == 1
