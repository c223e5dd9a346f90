"""A person edits a message they sent: the answer follows when it still can, else they learn how.

An edit of the message that answers the current question (typed after the question was
asked, e.g. refused and now corrected) is read as that answer again. An edit of an answer
the dialog has moved past changes nothing, and the person is told how to change an
answer: "Back" under the question, or the answer's button on the summary. An edit of a
reply that went to a request as a note is no answer either: the note stays as it was sent.
"""

from __future__ import annotations

from aiogram import F, Router
from aiogram.dispatcher.event.bases import SkipHandler
from aiogram.types import Message

from handlers.intake.context import Dialog
from handlers.intake.dialog import replies_to_question, typed_answer
from handlers.intake.screens import Question, Screen
from handlers.intake.states import DRAFT_STATES, Intake
from handlers.request_files import ADDABLE, RepliesAboutRequest

router = Router(name=__name__)


@router.edited_message(Intake.answering, RepliesAboutRequest(), ADDABLE)
async def edited_note(
    message: Message, about: int, question: Question | None, screen: Screen
) -> None:
    """A reply about a request was added to it as a note when sent (see
    :func:`~handlers.intake.dialog.reply_about_request`); its edit must not become the
    current question's answer, and it does not change the note."""
    if replies_to_question(message, question):
        raise SkipHandler  # a reply to the question was its answer: read as one
    await screen.bot.send_message(screen.chat_id, screen.t("files-edit-unchanged", number=about))


@router.edited_message(Intake.answering, F.text, ~F.text.startswith("/"))
async def edited_answer(
    message: Message, question: Question | None, dialog: Dialog | None, screen: Screen
) -> None:
    """The answer to the current question, corrected: read again; an older one: explained."""
    asked = question.draft.asked_message_id if question is not None else None
    if question is not None and asked is not None and message.message_id > asked:
        await typed_answer(message, question, dialog, screen)
        return
    await screen.bot.send_message(screen.chat_id, screen.t("intake-edit-too-late"))


@router.edited_message()
async def edited_elsewhere(message: Message, screen: Screen | None = None) -> None:
    """An edit outside a question: in a form with answers, how to change one; else (the form
    picker, another feature's question) what to do, not advice about a summary not there."""
    if screen is None:
        return
    in_form = await screen.state.get_state() in {state.state for state in DRAFT_STATES}
    key = "intake-edit-too-late" if in_form else "intake-edit-outside"
    await screen.bot.send_message(screen.chat_id, screen.t(key))
