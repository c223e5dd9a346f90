"""Answering questions: typed text, shared contacts, files and the buttons under a question.

A wrong answer is an expected answer: it is explained with the field's example, and the
draft keeps everything answered before. Only the current question's buttons do anything.
A reply to the bot's message about a request is not an answer: it goes to that request.
"""

from __future__ import annotations

from aiogram import F, Router
from aiogram.dispatcher.event.bases import SkipHandler
from aiogram.types import CallbackQuery, Message
from aiogram.utils.callback_answer import CallbackAnswer

from bot.i18n import Translator
from bot.services.desk import Desk
from bot.services.request_files import attachment_of
from domain.dates import quick_dates
from domain.flow import next_field, visible_fields
from handlers.intake.answers import date_with_pending_day, read_button, read_text
from handlers.intake.callbacks import FieldAct, FieldButton
from handlers.intake.context import Dialog
from handlers.intake.keyboards import question_keyboard
from handlers.intake.screens import Question, Screen, advance, ask, refuse, show_summary
from handlers.intake.states import Intake
from handlers.request_files import ADDABLE, RepliesAboutRequest, add_reply
from scenarios.answers import FieldError, Parsed
from scenarios.choices import add_attachment, parse_contact_phone
from scenarios.schema import CHOICE_TYPES, FieldType
from storage.models import User

router = Router(name=__name__)


async def settle(question: Question, result: Parsed | FieldError) -> None:
    """Move on after an accepted answer, or explain a refused one."""
    if isinstance(result, FieldError):
        await refuse(question, result)
    else:
        await advance(question, result)


async def lost(screen: Screen, dialog: Dialog | None) -> None:
    """The state says "answering" but there is no question to answer.

    A draft whose question left its form (a new release dropped or renamed it) keeps its
    answers and goes on with the first question still open; only a draft that is gone, or
    whose whole form was removed, is started again.
    """
    if dialog is None:
        await screen.state.clear()
        await screen.bot.send_message(screen.chat_id, screen.t("intake-lost"))
        return
    await screen.bot.send_message(screen.chat_id, screen.t("intake-form-changed"))
    dialog.draft.reset_question()
    following = next_field(dialog.scenario, dialog.draft.values())
    if following is None:
        await show_summary(screen, dialog.scenario, dialog.draft)
    else:
        await ask(screen, dialog.scenario, dialog.draft, following)


def replies_to_question(message: Message, question: Question | None) -> bool:
    """Whether ``message`` replies to the message that asks the current question."""
    replied = message.reply_to_message
    asked = question.draft.asked_message_id if question is not None else None
    return replied is not None and asked is not None and replied.message_id == asked


@router.message(Intake.answering, RepliesAboutRequest(), ADDABLE)
async def reply_about_request(
    message: Message,
    about: int,
    question: Question | None,
    dialog: Dialog | None,
    screen: Screen,
    desk: Desk,
    user: User,
    roles: frozenset[str],
) -> None:
    """A reply to the bot's message about a request (an expert's note, say) goes to that
    request, as it does outside the form; then the current question is asked again, so
    the person sees where they were. Taken as an answer, it was filed in the wrong
    request's field and never reached the one it was written for."""
    if replies_to_question(message, question):
        raise SkipHandler  # the question itself named a request: a reply to it answers it
    await add_reply(message, about, desk=desk, user=user, roles=roles, t=screen.t)
    if question is None:
        await lost(screen, dialog)
        return
    await ask(screen, question.scenario, question.draft, question.field)


@router.message(Intake.answering, F.text, ~F.text.startswith("/"))
async def typed_answer(
    message: Message, question: Question | None, dialog: Dialog | None, screen: Screen
) -> None:
    """Text typed as the answer to the current question."""
    if question is None:
        await lost(screen, dialog)
        return
    text = message.text or ""
    if question.draft.pending_day is not None:
        result = date_with_pending_day(question.field, question.draft.pending_day, text, screen)
    else:
        result = read_text(question.field, question.draft, text, screen)
    await settle(question, result)


@router.message(Intake.answering, F.contact)
async def shared_contact(
    message: Message, question: Question | None, dialog: Dialog | None, screen: Screen
) -> None:
    """A contact from the "share contact" button (or an attached contact card)."""
    if question is None or message.contact is None:
        await lost(screen, dialog)
        return
    if question.field.type is not FieldType.PHONE:
        await wrong_kind(question)
        return
    await settle(question, parse_contact_phone(message.contact.phone_number))


@router.message(Intake.answering, F.document | F.photo)
async def sent_file(
    message: Message, question: Question | None, dialog: Dialog | None, screen: Screen
) -> None:
    """A document or photo: collected for an attachments question, refused elsewhere.

    Its caption goes with it, to become a note of the request at submission, as with files
    added to a request later: the words under a photo (a part's number, say) matter too.
    """
    if question is None:
        await lost(screen, dialog)
        return
    if question.field.type is not FieldType.ATTACHMENTS:
        await wrong_kind(question)
        return
    draft, field = question.draft, question.field
    attachment, unique_id = attachment_of(message)
    collected = add_attachment(field, draft.files, attachment)
    if isinstance(collected, FieldError):
        await refuse(question, collected)
        return
    collected[-1]["file_unique_id"] = unique_id
    if message.caption:
        collected[-1]["caption"] = message.caption
    draft.files = collected
    await screen.save(draft)
    note = screen.t("intake-file-received", count=len(collected))
    await refuse(question, note)


@router.message(Intake.answering, ~F.text)
async def unexpected_message(
    message: Message, question: Question | None, dialog: Dialog | None, screen: Screen
) -> None:
    """A sticker, voice, location, poll or anything else that cannot answer the question."""
    if question is None:
        await lost(screen, dialog)
        return
    await wrong_kind(question)


async def wrong_kind(question: Question) -> None:
    """Say which kind of answer the question wants: after "Other", the typed own option."""
    field_type = question.field.type
    if field_type is FieldType.ATTACHMENTS:
        key = "intake-wrong-kind-file"
    elif question.draft.typing_other:
        key = "intake-wrong-kind-text"
    elif field_type in CHOICE_TYPES or field_type is FieldType.YES_NO:
        key = "intake-wrong-kind-button"
    else:
        key = "intake-wrong-kind-text"
    await refuse(question, question.screen.t(key))


@router.callback_query(Intake.answering, FieldButton.filter())
async def pressed(
    query: CallbackQuery,
    callback_data: FieldButton,
    callback_answer: CallbackAnswer,
    question: Question | None,
    t: Translator,
) -> None:
    """A button under the current question; buttons of any other question change nothing."""
    if (
        question is None
        or question.draft.serial != callback_data.draft
        or question.field.id != callback_data.field
    ):
        callback_answer.text = t("intake-stale-button")
        callback_answer.show_alert = True
        return
    draft, field = question.draft, question.field
    screen, scenario = question.screen, question.scenario
    act = callback_data.act
    if act is FieldAct.BACK:
        await _go_back(query, question, callback_answer)
        return
    if act is FieldAct.OTHER and field.allow_other and draft.own_other:
        draft.own_other = None  # the ticked own answer is unticked, like an option
        await _show_ticks(query, question)
        return
    if act is FieldAct.OTHER and field.allow_other:
        draft.typing_other = True
        await screen.save(draft)
        await screen.bot.send_message(screen.chat_id, t("intake-type-other"))
        return
    if act is FieldAct.QUICK and field.type is FieldType.DATETIME:
        days = quick_dates(now=screen.now, tz=screen.tz)
        if 0 <= callback_data.arg < len(days):
            draft.pending_day = days[callback_data.arg].value.isoformat()
            await _drop_buttons(query)
            await ask(screen, scenario, draft, field)
            return
    result = read_button(field, draft, act, callback_data.arg, screen)
    if isinstance(result, list):
        draft.picked = result
        await _show_ticks(query, question)
        return
    if isinstance(result, FieldError) and act in (FieldAct.TOGGLE, FieldAct.DONE):
        callback_answer.text = t(result.message_id, **result.args)
        callback_answer.show_alert = True
        return
    if isinstance(result, Parsed):
        await _show_answer(query, t, result.display)
    await settle(question, result)


async def _go_back(
    query: CallbackQuery, question: Question, callback_answer: CallbackAnswer
) -> None:
    """One step back: from "at what time?" to the same question's day buttons, else to the
    previous question. The time prompt is a step of its own, so Back must undo it first."""
    draft, field = question.draft, question.field
    screen, scenario = question.screen, question.scenario
    if draft.pending_day is not None:
        draft.pending_day = None
        await _drop_buttons(query)
        await ask(screen, scenario, draft, field)
        return
    visible = visible_fields(scenario, draft.values())
    ids = [f.id for f in visible]
    if field.id not in ids or ids.index(field.id) == 0:
        callback_answer.text = screen.t("intake-no-previous")
        return
    draft.reset_question()
    await _drop_buttons(query)
    await ask(screen, scenario, draft, visible[ids.index(field.id) - 1])


async def _show_ticks(query: CallbackQuery, question: Question) -> None:
    """Save a changed multi choice selection: only the ticks on the question's keyboard
    change, the question stays where it is."""
    draft, screen = question.draft, question.screen
    await screen.save(draft)
    if isinstance(query.message, Message):
        keyboard = question_keyboard(
            question.scenario, draft, question.field, screen.t, now=screen.now, tz=screen.tz
        )
        await query.message.edit_reply_markup(reply_markup=keyboard)


async def _show_answer(query: CallbackQuery, t: Translator, display: str) -> None:
    """Keep an answered question in the chat with the chosen answer under it, no buttons."""
    message = query.message
    if not isinstance(message, Message) or not message.text:
        return
    await message.edit_text(
        message.html_text + "\n\n" + t("intake-answered", answer=display), reply_markup=None
    )


async def _drop_buttons(query: CallbackQuery) -> None:
    """Take the buttons off an answered question, so it is not pressed again by mistake."""
    if isinstance(query.message, Message):
        await query.message.edit_reply_markup(reply_markup=None)
