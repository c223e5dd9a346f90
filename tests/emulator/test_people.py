"""Acting as people: buttons, contacts, files, blocking and group membership."""

from __future__ import annotations

import pytest
from aiogram import Bot, Dispatcher, F, Router
from aiogram.exceptions import TelegramBadRequest
from aiogram.types import (
    CallbackQuery,
    ChatMemberAdministrator,
    ChatMemberBanned,
    ChatMemberLeft,
    ChatMemberMember,
    ChatMemberOwner,
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    Message,
)

from emulator import TelegramEmulator
from tests.emulator.conftest import GROUP_ID, OTHER_USER_ID, USER_ID, StartPolling


def menu_router() -> Router:
    """A small bot: /start shows a button; pressing any button answers and edits."""
    router = Router(name="menu")

    @router.message(F.text.startswith("/start"))
    async def start(message: Message) -> None:
        markup = InlineKeyboardMarkup(
            inline_keyboard=[
                [InlineKeyboardButton(text="✅ Take request", callback_data="take:7")]
            ]
        )
        await message.answer("New request from <b>Ivan</b>", reply_markup=markup)

    @router.callback_query()
    async def pressed(query: CallbackQuery) -> None:
        if query.data != "take:7":
            await query.answer("This button is no longer valid", show_alert=True)
            return
        await query.answer("Taken")
        if isinstance(query.message, Message):
            await query.message.edit_text("Taken by Ivan")

    return router


async def test_pressing_a_button_returns_the_bots_answer(
    tg: TelegramEmulator, start_polling: StartPolling
) -> None:
    dispatcher = Dispatcher()
    dispatcher.include_router(menu_router())
    await start_polling(dispatcher)
    await tg.send_message(USER_ID, "/start")
    offer = await tg.next_bot_message(USER_ID)
    assert offer.text == "New request from Ivan"
    answer = await tg.press(USER_ID, offer, offer.callback_data_of("Take"))
    assert answer is not None
    assert answer.text == "Taken"
    assert not answer.show_alert
    await tg.wait_for(lambda: offer.edited, what="the offer edited")
    assert tg.render_transcript(USER_ID) == "Ivan: /start\nPresale Desk: Taken by Ivan (edited)"
    forged = await tg.press(USER_ID, offer, "forged")
    assert forged is not None
    assert forged.show_alert
    call = await tg.wait_for_call("answerCallbackQuery", lambda c: c.params.get("show_alert"))
    assert call.ok


async def test_unanswered_press_fails_with_a_clear_message(tg: TelegramEmulator, bot: Bot) -> None:
    sent = await bot.send_message(USER_ID, "x")
    message = tg.transcript(USER_ID)[0]
    with pytest.raises(AssertionError, match="did not answer the callback query 'anything'"):
        await tg.press(USER_ID, message, "anything", timeout=0.2)
    [update] = await bot.get_updates()
    assert update.callback_query is not None
    assert isinstance(update.callback_query.message, Message)
    assert update.callback_query.message.message_id == sent.message_id
    assert await bot.answer_callback_query(update.callback_query.id, text="late")


async def test_next_bot_message_has_no_race_and_explains_a_timeout(
    tg: TelegramEmulator, bot: Bot
) -> None:
    await bot.send_message(USER_ID, "first")
    await bot.send_message(USER_ID, "second")
    assert (await tg.next_bot_message(USER_ID)).text == "first"
    assert (await tg.next_bot_message(USER_ID)).text == "second"
    with pytest.raises(AssertionError, match=r"(?s)Presale Desk: second.*sendMessage -> ok"):
        await tg.next_bot_message(USER_ID, timeout=0.1)


async def test_files_from_users_can_be_downloaded_by_the_bot(
    tg: TelegramEmulator, bot: Bot
) -> None:
    await tg.send_document(USER_ID, "brief.pdf", b"%PDF-1.4 brief", caption="Our brief")
    [update] = await bot.get_updates()
    assert update.message is not None
    document = update.message.document
    assert document is not None
    assert document.file_name == "brief.pdf"
    assert document.mime_type == "application/pdf"
    file = await bot.get_file(document.file_id)
    assert file.file_path is not None
    downloaded = await bot.download_file(file.file_path)
    assert downloaded is not None
    assert downloaded.read() == b"%PDF-1.4 brief"
    assert tg.render_transcript(USER_ID) == "Ivan: [document: brief.pdf] Our brief"


async def test_blocking_emits_my_chat_member(tg: TelegramEmulator, bot: Bot) -> None:
    tg.block(USER_ID)
    tg.unblock(USER_ID)
    updates = await bot.get_updates()
    changes = [u.my_chat_member for u in updates if u.my_chat_member]
    assert [(c.old_chat_member.status, c.new_chat_member.status) for c in changes] == [
        ("member", "kicked"),
        ("kicked", "member"),
    ]
    assert isinstance(changes[0].new_chat_member, ChatMemberBanned)


async def test_membership_changes_show_in_get_chat_member(tg: TelegramEmulator, bot: Bot) -> None:
    tg.add_user(3003, "Petr")
    tg.add_group(-100_777, "Leads", creator=OTHER_USER_ID, members=[USER_ID])
    assert isinstance(await bot.get_chat_member(-100_777, 3003), ChatMemberLeft)
    await tg.join(-100_777, 3003)
    assert isinstance(await bot.get_chat_member(-100_777, 3003), ChatMemberMember)
    await tg.promote(-100_777, 3003, by=OTHER_USER_ID)
    assert isinstance(await bot.get_chat_member(-100_777, 3003), ChatMemberAdministrator)
    assert isinstance(await bot.get_chat_member(-100_777, OTHER_USER_ID), ChatMemberOwner)
    admins = await bot.get_chat_administrators(-100_777)
    assert {a.user.id for a in admins} == {OTHER_USER_ID, 3003}
    await tg.leave(-100_777, 3003)
    assert isinstance(await bot.get_chat_member(-100_777, 3003), ChatMemberLeft)
    await tg.kick(-100_777, USER_ID, by=OTHER_USER_ID)
    assert isinstance(await bot.get_chat_member(-100_777, USER_ID), ChatMemberBanned)
    updates = await bot.get_updates(allowed_updates=["message", "chat_member"])
    services = [u.message for u in updates if u.message]
    assert services[0].new_chat_members is not None
    assert services[1].left_chat_member is not None
    assert [u.chat_member.new_chat_member.status for u in updates if u.chat_member] == [
        "member",
        "administrator",
        "left",
        "kicked",
    ]
    assert tg.render_transcript(-100_777) == "* Petr joined\n* Petr left\n* Ivan left"


async def test_group_messages_reach_the_bot_only_while_it_is_a_member(
    tg: TelegramEmulator, bot: Bot
) -> None:
    await tg.send_message(USER_ID, "hello group", chat_id=GROUP_ID)
    await tg.leave(GROUP_ID, tg.bot.id)
    await tg.send_message(USER_ID, "unseen", chat_id=GROUP_ID)
    await tg.join(GROUP_ID, tg.bot.id, by=OTHER_USER_ID)
    updates = await bot.get_updates()
    summary = [
        (u.event_type, u.message.text if u.message else None)
        for u in updates
        if u.event_type in {"message", "my_chat_member"}
    ]
    assert summary == [
        ("message", "hello group"),
        ("my_chat_member", None),
        ("my_chat_member", None),
        ("message", None),
    ]
    chat = await bot.get_chat(GROUP_ID)
    assert chat.title == "Sales"


async def test_a_group_admin_deletes_a_bots_message_and_the_bot_hears_of_it_only_on_an_edit(
    tg: TelegramEmulator, bot: Bot
) -> None:
    tg.add_group(-100_778, "Leads", creator=OTHER_USER_ID, members=[USER_ID, bot.id])
    sent = await bot.send_message(-100_778, "Card")
    card = tg.transcript(-100_778)[-1]
    with pytest.raises(ValueError, match="admin"):
        await tg.delete_message(USER_ID, card)  # a member may not delete others' messages
    await tg.delete_message(OTHER_USER_ID, card)
    assert tg.transcript(-100_778) == []
    assert await bot.get_updates(allowed_updates=["message", "edited_message"]) == []
    with pytest.raises(TelegramBadRequest, match="message to edit not found"):
        await bot.edit_message_text("Card, taken", chat_id=-100_778, message_id=sent.message_id)


async def test_a_deleted_topic_takes_its_messages_and_refuses_posts_and_renames(
    tg: TelegramEmulator, bot: Bot
) -> None:
    tg.add_group(-100_779, "Forum", creator=OTHER_USER_ID, members=[bot.id], forum=True)
    topic = await bot.create_forum_topic(-100_779, "Leads")
    await bot.send_message(-100_779, "Card", message_thread_id=topic.message_thread_id)
    with pytest.raises(ValueError, match="admin"):
        await tg.delete_topic(USER_ID, -100_779, topic.message_thread_id)
    await tg.delete_topic(OTHER_USER_ID, -100_779, topic.message_thread_id)
    assert tg.transcript(-100_779) == []
    with pytest.raises(TelegramBadRequest, match="message thread not found"):
        await bot.send_message(-100_779, "More", message_thread_id=topic.message_thread_id)
    with pytest.raises(TelegramBadRequest, match="TOPIC_ID_INVALID"):
        await bot.edit_forum_topic(-100_779, topic.message_thread_id, name="Renamed")


async def test_a_press_may_open_only_the_bots_own_chat_with_a_start_link(
    tg: TelegramEmulator, bot: Bot
) -> None:
    await bot.send_message(USER_ID, "x")
    message = tg.transcript(USER_ID)[0]
    for url, allowed in [
        (f"https://t.me/{tg.bot.username}?start=r12", True),
        ("https://t.me/some_other_bot?start=r12", False),
        ("https://example.com/", False),
    ]:
        await tg.press(USER_ID, message, "anything", wait=False)
        [update] = await bot.get_updates(offset=-1)
        await bot.get_updates(offset=update.update_id + 1)
        assert update.callback_query is not None
        if allowed:
            assert await bot.answer_callback_query(update.callback_query.id, url=url)
        else:
            with pytest.raises(TelegramBadRequest, match="URL_INVALID"):
                await bot.answer_callback_query(update.callback_query.id, url=url)


async def test_an_administrator_bot_tags_a_regular_member_within_telegrams_rules(
    tg: TelegramEmulator, bot: Bot
) -> None:
    await tg.join(GROUP_ID, USER_ID)
    await tg.join(GROUP_ID, OTHER_USER_ID)
    with pytest.raises(TelegramBadRequest, match="not enough rights"):
        await bot.set_chat_member_tag(GROUP_ID, USER_ID, tag="Эксперт")
    await tg.promote(GROUP_ID, tg.bot.id)
    assert await bot.set_chat_member_tag(GROUP_ID, USER_ID, tag="Эксперт")
    assert tg.member_tag(GROUP_ID, USER_ID) == "Эксперт"
    member = await bot.get_chat_member(GROUP_ID, USER_ID)
    assert getattr(member, "tag", None) == "Эксперт"
    for tag, refusal in [("x" * 17, "TAG_TOO_LONG"), ("Эксперт 🚀", "emoji")]:
        with pytest.raises(TelegramBadRequest, match=refusal):
            await bot.set_chat_member_tag(GROUP_ID, USER_ID, tag=tag)
    assert await bot.set_chat_member_tag(GROUP_ID, USER_ID, tag="")
    assert tg.member_tag(GROUP_ID, USER_ID) is None
    await tg.promote(GROUP_ID, OTHER_USER_ID)
    with pytest.raises(TelegramBadRequest, match="administrator"):
        await bot.set_chat_member_tag(GROUP_ID, OTHER_USER_ID, tag="Эксперт")
    tg.withhold_right(GROUP_ID, tg.bot.id, "can_manage_tags")
    me = await bot.get_chat_member(GROUP_ID, tg.bot.id)
    assert getattr(me, "can_manage_tags", None) is False
    with pytest.raises(TelegramBadRequest, match="not enough rights"):
        await bot.set_chat_member_tag(GROUP_ID, USER_ID, tag="Эксперт")
