"""Sending and changing messages through aiogram's Bot: Telegram's shapes and refusals."""

from __future__ import annotations

import pytest
from aiogram import Bot
from aiogram.exceptions import TelegramBadRequest, TelegramForbiddenError
from aiogram.types import (
    BufferedInputFile,
    DisabledButton,
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    InputMediaDocument,
    InputMediaPhoto,
    KeyboardButton,
    Message,
    ReplyKeyboardMarkup,
    ReplyParameters,
)

from emulator import TelegramEmulator
from tests.emulator.conftest import FORUM_ID, GROUP_ID, OTHER_USER_ID, USER_ID


def keyboard(*buttons: tuple[str, str]) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(
        inline_keyboard=[[InlineKeyboardButton(text=t, callback_data=d) for t, d in buttons]]
    )


async def test_sent_message_is_a_valid_aiogram_message_and_shows_in_the_chat(
    tg: TelegramEmulator, bot: Bot
) -> None:
    sent = await bot.send_message(
        USER_ID, "<b>Hello</b>, Ivan", reply_markup=keyboard(("Take", "take:1"))
    )
    assert isinstance(sent, Message)
    assert sent.text == "Hello, Ivan"
    seen = await tg.next_bot_message(USER_ID)
    assert Message.model_validate(seen.raw).model_dump() == sent.model_dump()
    assert seen.from_bot
    assert seen.html == "<b>Hello</b>, Ivan"
    assert seen.callback_data_of("Take") == "take:1"
    assert tg.render_transcript(USER_ID) == "Presale Desk: Hello, Ivan\n  [Take]"


async def test_message_ids_grow_per_chat(tg: TelegramEmulator, bot: Bot) -> None:
    first = await bot.send_message(USER_ID, "one")
    await bot.send_message(OTHER_USER_ID, "elsewhere")
    second = await bot.send_message(USER_ID, "two")
    assert second.message_id == first.message_id + 1


async def test_text_rules_match_telegram(bot: Bot) -> None:
    with pytest.raises(TelegramBadRequest, match="message is too long"):
        await bot.send_message(USER_ID, "x" * 4097)
    with pytest.raises(TelegramBadRequest, match="message text is empty"):
        await bot.send_message(USER_ID, "   ")
    with pytest.raises(TelegramBadRequest, match="can't parse entities: Unsupported start tag"):
        await bot.send_message(USER_ID, "<div>hi</div>")
    with pytest.raises(TelegramBadRequest, match="can't parse entities"):
        await bot.send_message(USER_ID, "Tom & Jerry")
    await bot.send_message(USER_ID, "x" * 4096)
    await bot.send_message(USER_ID, "*a* & <b>", parse_mode=None)


async def test_callback_data_must_be_1_to_64_bytes(bot: Bot) -> None:
    await bot.send_message(USER_ID, "ok", reply_markup=keyboard(("A", "x" * 64)))
    with pytest.raises(TelegramBadRequest, match="BUTTON_DATA_INVALID"):
        await bot.send_message(USER_ID, "no", reply_markup=keyboard(("A", "x" * 65)))
    with pytest.raises(TelegramBadRequest, match="BUTTON_DATA_INVALID"):
        await bot.send_message(USER_ID, "no", reply_markup=keyboard(("A", "я" * 33)))


async def test_buttons_take_telegrams_styles_and_a_disabled_button_is_a_label(
    tg: TelegramEmulator, bot: Bot
) -> None:
    markup = InlineKeyboardMarkup(
        inline_keyboard=[
            [
                InlineKeyboardButton(text="Take", callback_data="take:1", style="success"),
                InlineKeyboardButton(text="1 / 3", disabled=DisabledButton()),
            ]
        ]
    )
    await bot.send_message(USER_ID, "Styled", reply_markup=markup)
    seen = await tg.next_bot_message(USER_ID)
    assert seen.button("Take").style == "success"
    assert not seen.button("Take").disabled
    assert seen.button("1 / 3").disabled
    assert seen.button("1 / 3").callback_data is None


async def test_a_button_with_an_unknown_style_or_no_action_is_refused(bot: Bot) -> None:
    pink = InlineKeyboardButton(text="A", callback_data="a", style="pink")
    with pytest.raises(TelegramBadRequest, match="unsupported button style"):
        await bot.send_message(
            USER_ID, "no", reply_markup=InlineKeyboardMarkup(inline_keyboard=[[pink]])
        )
    styled_only = InlineKeyboardButton(text="A", style="danger")
    with pytest.raises(TelegramBadRequest, match="Text buttons are unallowed"):
        await bot.send_message(
            USER_ID, "no", reply_markup=InlineKeyboardMarkup(inline_keyboard=[[styled_only]])
        )
    both = InlineKeyboardButton(text="A", callback_data="a", disabled=DisabledButton())
    with pytest.raises(TelegramBadRequest, match="Text buttons are unallowed"):
        await bot.send_message(
            USER_ID, "no", reply_markup=InlineKeyboardMarkup(inline_keyboard=[[both]])
        )


async def test_edits_apply_and_an_identical_edit_is_refused(
    tg: TelegramEmulator, bot: Bot
) -> None:
    sent = await bot.send_message(USER_ID, "Pick", reply_markup=keyboard(("A", "a")))
    seen = await tg.next_bot_message(USER_ID)
    edited = await bot.edit_message_text(
        text="Picked <i>A</i>",
        chat_id=USER_ID,
        message_id=sent.message_id,
        reply_markup=keyboard(("Undo", "undo")),
    )
    assert isinstance(edited, Message)
    assert edited.edit_date is not None
    assert seen.edited
    assert seen.text == "Picked A"
    with pytest.raises(TelegramBadRequest, match="message is not modified: specified new"):
        await bot.edit_message_text(
            text="Picked <i>A</i>",
            chat_id=USER_ID,
            message_id=sent.message_id,
            reply_markup=keyboard(("Undo", "undo")),
        )
    await bot.edit_message_reply_markup(chat_id=USER_ID, message_id=sent.message_id)
    assert seen.buttons == []
    with pytest.raises(TelegramBadRequest, match="message is not modified"):
        await bot.edit_message_reply_markup(chat_id=USER_ID, message_id=sent.message_id)


async def test_edit_without_markup_removes_the_keyboard(tg: TelegramEmulator, bot: Bot) -> None:
    sent = await bot.send_message(USER_ID, "Pick", reply_markup=keyboard(("A", "a")))
    await bot.edit_message_text(text="Done", chat_id=USER_ID, message_id=sent.message_id)
    assert tg.render_transcript(USER_ID) == "Presale Desk: Done (edited)"


async def test_missing_messages_give_telegrams_errors(tg: TelegramEmulator, bot: Bot) -> None:
    with pytest.raises(TelegramBadRequest, match="message to edit not found"):
        await bot.edit_message_text(text="x", chat_id=USER_ID, message_id=999)
    with pytest.raises(TelegramBadRequest, match="message to delete not found"):
        await bot.delete_message(USER_ID, 999)
    sent = await bot.send_message(USER_ID, "bye")
    assert await bot.delete_message(USER_ID, sent.message_id)
    with pytest.raises(TelegramBadRequest, match="message to delete not found"):
        await bot.delete_message(USER_ID, sent.message_id)
    assert tg.transcript(USER_ID) == []
    user_message = await tg.send_message(USER_ID, "mine")
    with pytest.raises(TelegramBadRequest, match="message can't be edited"):
        await bot.edit_message_text(text="x", chat_id=USER_ID, message_id=user_message.message_id)


async def test_who_the_bot_may_write_to(tg: TelegramEmulator, bot: Bot) -> None:
    with pytest.raises(TelegramBadRequest, match="chat not found"):
        await bot.send_message(777, "hi")
    tg.block(USER_ID)
    with pytest.raises(TelegramForbiddenError, match="bot was blocked by the user"):
        await bot.send_message(USER_ID, "hi")
    tg.unblock(USER_ID)
    await bot.send_message(USER_ID, "hi again")
    tg.add_group(-100_999, "Strangers", bot_is_member=False)
    with pytest.raises(TelegramForbiddenError, match="bot is not a member of the group chat"):
        await bot.send_message(-100_999, "hi")
    await tg.kick(GROUP_ID, tg.bot.id, by=OTHER_USER_ID)
    with pytest.raises(TelegramForbiddenError, match="bot was kicked from the group chat"):
        await bot.send_message(GROUP_ID, "hi")


async def test_replies_carry_the_replied_message(tg: TelegramEmulator, bot: Bot) -> None:
    question = await tg.send_message(USER_ID, "question?")
    answer = await bot.send_message(
        USER_ID, "answer", reply_parameters=ReplyParameters(message_id=question.message_id)
    )
    assert answer.reply_to_message is not None
    assert answer.reply_to_message.text == "question?"
    assert (await tg.next_bot_message(USER_ID)).reply_to_message_id == question.message_id
    with pytest.raises(TelegramBadRequest, match="message to be replied not found"):
        await bot.send_message(USER_ID, "x", reply_parameters=ReplyParameters(message_id=500))


async def test_uploaded_document_keeps_its_name_and_bytes(tg: TelegramEmulator, bot: Bot) -> None:
    sent = await bot.send_document(
        USER_ID,
        BufferedInputFile(b"id;name\n1;Ivan\n", filename="leads.csv"),
        caption="<b>Export</b>",
    )
    assert sent.document is not None
    assert sent.document.file_name == "leads.csv"
    assert sent.caption == "Export"
    seen = await tg.next_bot_message(USER_ID)
    assert seen.document_bytes == b"id;name\n1;Ivan\n"
    assert seen.document_name == "leads.csv"
    assert tg.render_transcript(USER_ID) == "Presale Desk: [document: leads.csv] Export"
    with pytest.raises(TelegramBadRequest, match="message caption is too long"):
        await bot.send_document(
            USER_ID, BufferedInputFile(b"x", filename="a.txt"), caption="c" * 1025
        )


async def test_photo_and_media_group(tg: TelegramEmulator, bot: Bot) -> None:
    photo = await bot.send_photo(USER_ID, BufferedInputFile(b"\xff\xd8", filename="p.jpg"))
    assert photo.photo is not None
    assert len(photo.photo) == 3
    album = await bot.send_media_group(
        USER_ID,
        [
            InputMediaDocument(media=BufferedInputFile(b"1", filename="a.pdf"), caption="A"),
            InputMediaDocument(media=BufferedInputFile(b"2", filename="b.pdf")),
        ],
    )
    assert [m.document.file_name for m in album if m.document] == ["a.pdf", "b.pdf"]
    assert album[0].media_group_id == album[1].media_group_id is not None
    with pytest.raises(TelegramBadRequest, match="can't be mixed"):
        await bot.send_media_group(
            USER_ID,
            [
                InputMediaDocument(media=BufferedInputFile(b"1", filename="a.pdf")),
                InputMediaPhoto(media=BufferedInputFile(b"2", filename="b.jpg")),
            ],
        )
    resent = await bot.send_document(
        USER_ID, album[0].document.file_id if album[0].document else ""
    )
    assert resent.document is not None
    assert resent.document.file_name == "a.pdf"


async def test_reply_keyboard_is_shown_under_the_input(tg: TelegramEmulator, bot: Bot) -> None:
    markup = ReplyKeyboardMarkup(
        keyboard=[[KeyboardButton(text="Share phone", request_contact=True)]],
        resize_keyboard=True,
    )
    await bot.send_message(USER_ID, "Your phone?", reply_markup=markup)
    assert tg.reply_keyboard(USER_ID) == [["Share phone"]]
    assert "{Share phone}" in tg.render_transcript(USER_ID)


async def test_forum_topics(tg: TelegramEmulator, bot: Bot) -> None:
    topic = await bot.create_forum_topic(FORUM_ID, "Request #1")
    assert topic.name == "Request #1"
    sent = await bot.send_message(FORUM_ID, "details", message_thread_id=topic.message_thread_id)
    assert sent.message_thread_id == topic.message_thread_id
    assert sent.is_topic_message
    assert await bot.edit_forum_topic(FORUM_ID, topic.message_thread_id, name="Request #1 done")
    assert tg.world.chat(FORUM_ID).topics[topic.message_thread_id].name == "Request #1 done"
    assert tg.render_transcript(FORUM_ID, topic.message_thread_id) == (
        "* topic created: Request #1\nPresale Desk: details\n* topic renamed: Request #1 done"
    )
    with pytest.raises(TelegramBadRequest, match="the chat is not a forum"):
        await bot.create_forum_topic(GROUP_ID, "x")
    with pytest.raises(TelegramBadRequest, match="message thread not found"):
        await bot.send_message(FORUM_ID, "x", message_thread_id=9999)
    user_post = await tg.send_message(
        USER_ID, "in topic", chat_id=FORUM_ID, thread_id=sent.message_thread_id
    )
    assert user_post.thread_id == topic.message_thread_id
