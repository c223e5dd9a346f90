"""Sending the dialog's screens: the current question, the summary card, small notes.

Handlers decide what comes next; these functions only put it on the user's screen, and
keep the one piece of screen state the dialog owns: the "share contact" reply keyboard.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, tzinfo

from aiogram import Bot
from aiogram.fsm.context import FSMContext
from aiogram.types import InlineKeyboardMarkup, ReplyKeyboardRemove

from bot.i18n import Translator
from bot.settings import Settings
from domain.flow import hidden_answers, next_field
from handlers.intake.draft import Draft, save_draft
from handlers.intake.keyboards import contact_keyboard, question_keyboard, summary_keyboard
from handlers.intake.render import error_text, question_text, summary_text
from handlers.intake.states import Intake
from scenarios.answers import FieldError, Parsed
from scenarios.schema import FieldType, FormField, Scenario
from storage.models import User
from storage.repositories.holder import Repositories


@dataclass(frozen=True, slots=True)
class Screen:
    """Where and to whom the dialog speaks, and the moment and zone it reads dates in."""

    bot: Bot
    chat_id: int
    t: Translator
    state: FSMContext
    repo: Repositories
    user_id: int
    now: datetime
    tz: str | tzinfo

    @classmethod
    def build(
        cls,
        *,
        bot: Bot,
        chat_id: int,
        t: Translator,
        state: FSMContext,
        repo: Repositories,
        now: datetime,
        user: User,
        settings: Settings,
    ) -> Screen:
        tz = user.time_zone or settings.timezone
        return cls(bot, chat_id, t, state, repo, user.id, now, tz)

    async def save(self, draft: Draft) -> None:
        """Keep the draft in FSM data and note that it moved, for the reminder."""
        await save_draft(self.state, draft)
        await self.repo.drafts.touch(
            user_id=self.user_id, scenario_id=draft.scenario_id, now=self.now
        )


async def close_contact_keyboard(screen: Screen, draft: Draft, note: str) -> None:
    """Take the "share contact" keyboard away, with a short note (Telegram needs a message)."""
    if draft.contact_keyboard:
        await screen.bot.send_message(screen.chat_id, note, reply_markup=ReplyKeyboardRemove())
        draft.contact_keyboard = False


async def discard(screen: Screen, draft: Draft, note: str) -> None:
    """Forget the draft; the note also takes away a "share contact" keyboard if shown."""
    await screen.state.clear()
    await screen.repo.drafts.discard(screen.user_id)
    markup = ReplyKeyboardRemove() if draft.contact_keyboard else None
    await screen.bot.send_message(screen.chat_id, note, reply_markup=markup)


async def drop_quietly(screen: Screen, draft: Draft) -> None:
    """Forget a draft that holds nothing: no word about it, beyond taking away a "share
    contact" keyboard (Telegram needs a message for that)."""
    await close_contact_keyboard(screen, draft, screen.t("intake-discarded"))
    await screen.state.clear()
    await screen.repo.drafts.discard(screen.user_id)


async def ask(screen: Screen, scenario: Scenario, draft: Draft, field: FormField) -> None:
    """Make ``field`` the current question and send it."""
    t = screen.t
    draft.open_question(field)
    if field.type is not FieldType.PHONE:
        await close_contact_keyboard(screen, draft, t("intake-moving-on"))
    asked = await screen.bot.send_message(
        screen.chat_id,
        question_text(scenario, draft, field, t),
        reply_markup=question_keyboard(scenario, draft, field, t, now=screen.now, tz=screen.tz),
    )
    draft.asked_message_id = asked.message_id
    if field.type is FieldType.PHONE:
        await screen.bot.send_message(
            screen.chat_id, t("intake-share-contact-hint"), reply_markup=contact_keyboard(t)
        )
        draft.contact_keyboard = True
    await screen.state.set_state(Intake.answering)
    await screen.save(draft)


async def show_summary(screen: Screen, scenario: Scenario, draft: Draft) -> None:
    """Send the summary card with its edit and submit buttons."""
    draft.field_id = None
    draft.editing = False
    draft.reset_question()
    await close_contact_keyboard(screen, draft, screen.t("intake-all-answered"))
    await screen.bot.send_message(
        screen.chat_id,
        summary_text(scenario, draft, screen.t),
        reply_markup=summary_keyboard(scenario, draft, screen.t),
    )
    await screen.state.set_state(Intake.summary)
    await screen.save(draft)


async def show_current(screen: Screen, scenario: Scenario, draft: Draft) -> None:
    """Show again whatever the draft is at: its question, or the summary card."""
    field = scenario.field(draft.field_id) if draft.field_id else None
    if field is None:
        await show_summary(screen, scenario, draft)
    else:
        await ask(screen, scenario, draft, field)


@dataclass(slots=True)
class Question:
    """A dialog at a question: the draft, its scenario, the field asked, and the screen."""

    screen: Screen
    draft: Draft
    scenario: Scenario
    field: FormField


async def advance(question: Question, parsed: Parsed) -> None:
    """Store an accepted answer and move on: the next question, or the summary."""
    screen, draft = question.screen, question.draft
    scenario, field = question.scenario, question.field
    draft.accept(field.id, parsed)
    # A changed answer may hide later questions (show_if); their answers go.
    for hidden in hidden_answers(scenario, draft.values()):
        del draft.answers[hidden]
    values = draft.values()
    following = None if draft.editing else next_field(scenario, values, field.id)
    following = following or next_field(scenario, values)
    if following is None:
        await show_summary(screen, scenario, draft)
    else:
        await ask(screen, scenario, draft, following)


async def refuse(question: Question, error: FieldError | str) -> None:
    """Say what was wrong (with the example), offering the question's buttons again."""
    screen, draft = question.screen, question.draft
    scenario, field = question.scenario, question.field
    text = error if isinstance(error, str) else error_text(error, field, screen.t)
    markup: InlineKeyboardMarkup | None = question_keyboard(
        scenario, draft, field, screen.t, now=screen.now, tz=screen.tz
    )
    await screen.bot.send_message(screen.chat_id, text, reply_markup=markup)
