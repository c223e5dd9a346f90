"""Side questions: a typed answer the bot waits for outside the request form.

A lost request's reason, a meeting's place, a step's deadline, a note for the author:
each feature asks with aiogram's FSM, as the form does. Three rules keep them from costing
the person anything:

- *They never touch the form's draft.* A side question sees a context of its own
  (:class:`SideQuestionContext`): its data lives beside the draft's key, and once it is
  answered or dropped the form's question it interrupted is asked again. Without it,
  pressing "lost" on one request in the middle of filling in another erased the draft.
- *A command is never an answer.* While a side question waits, ``/cancel`` drops it and
  any other command runs as if nothing were pending (:class:`PendingQuestion`), then the
  person is reminded that the question still waits. Without it, ``/stats`` typed after
  "other reason" closed the request as lost, with "/stats" as the reason.
- *An answer is words.* A message with none (only spaces, a sticker, a voice message, a
  photo without a caption) is no answer: the person is asked for words and the question
  still waits (:func:`~bot.services.followups.typed_words`, and :func:`not_words` for
  what no feature's handler took).
- *A question left for the day is dropped.* A message typed more than
  :data:`QUESTION_LIFETIME` after the question was asked is not its answer: "hello" the
  next morning must not close a request as lost. The person is told, and the message is
  handled as if nothing were pending.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Mapping
from datetime import datetime, timedelta
from typing import Any

from aiogram import BaseMiddleware, F, Router
from aiogram.enums import ChatType
from aiogram.filters import Command
from aiogram.fsm.context import FSMContext
from aiogram.fsm.state import State
from aiogram.types import Message, TelegramObject

from bot.i18n import Translator
from handlers.intake.context import Dialog
from handlers.intake.screens import show_current

Handler = Callable[[TelegramObject, dict[str, Any]], Awaitable[Any]]

ANSWER_KEY = "side_question"
"""Where a side question keeps what it collected, beside the form's draft."""
RESUME_KEY = "side_question_resume"
"""The state the side question interrupted (a question of the form), restored after it."""
ASKED_KEY = "side_question_asked"
"""When the side question was asked (or its last step), ISO 8601."""
FORM_STATES = "Intake:"
"""The prefix of the form's own states: everything else is a side question."""
QUESTION_LIFETIME = timedelta(hours=8)
"""How long a side question waits for its typed answer: a working day."""

router = Router(name=__name__)
leftovers = Router(name=f"{__name__}.leftovers")
"""Last among the private chat's features: what no side question's handler took."""


def is_side_question(raw_state: str | None) -> bool:
    """Whether the bot is waiting for a side question's answer in this chat."""
    return raw_state is not None and not raw_state.startswith(FORM_STATES)


class SideQuestionContext(FSMContext):
    """An FSM context whose data is the side question's alone.

    ``get_data``, ``set_data`` and ``update_data`` read and write the side question's own
    part of the chat's data; ``clear`` (and ``set_state(None)``) drops only that part and
    goes back to the state the question interrupted.
    """

    def __init__(self, context: FSMContext, now: datetime | None = None) -> None:
        super().__init__(context.storage, context.key)
        self.now = now

    async def set_state(self, state: str | State | None = None) -> None:
        if state is None:
            await self.clear()
            return
        current = await self.storage.get_state(key=self.key)
        marks: dict[str, Any] = {}
        if not is_side_question(current):
            marks[RESUME_KEY] = current
        if self.now is not None:
            marks[ASKED_KEY] = self.now.isoformat()
        if marks:
            await self.storage.update_data(key=self.key, data=marks)
        await self.storage.set_state(key=self.key, state=state)

    async def get_data(self) -> dict[str, Any]:
        stored = (await self.storage.get_data(key=self.key)).get(ANSWER_KEY)
        return dict(stored) if isinstance(stored, dict) else {}

    async def set_data(self, data: Mapping[str, Any]) -> None:
        await self.storage.update_data(key=self.key, data={ANSWER_KEY: dict(data)})

    async def get_value(self, key: str, default: Any | None = None) -> Any | None:
        return (await self.get_data()).get(key, default)

    async def update_data(
        self, data: Mapping[str, Any] | None = None, **kwargs: Any
    ) -> dict[str, Any]:
        merged = {**await self.get_data(), **(data or {}), **kwargs}
        await self.set_data(merged)
        return merged

    async def clear(self) -> None:
        stored = dict(await self.storage.get_data(key=self.key))
        resume = stored.pop(RESUME_KEY, None)
        stored.pop(ANSWER_KEY, None)
        stored.pop(ASKED_KEY, None)
        await self.storage.set_data(key=self.key, data=stored)
        await self.storage.set_state(key=self.key, state=resume)

    async def resumes(self) -> str | None:
        """The state the side question interrupted: the form's question, or none."""
        resume = (await self.storage.get_data(key=self.key)).get(RESUME_KEY)
        return resume if isinstance(resume, str) else None

    async def asked_at(self) -> datetime | None:
        """When the question (or its latest step) was asked; unknown for one asked
        before this was recorded."""
        asked = (await self.storage.get_data(key=self.key)).get(ASKED_KEY)
        return datetime.fromisoformat(asked) if isinstance(asked, str) else None


class SideQuestions(BaseMiddleware):
    """Hands a side question's handlers their own context instead of the chat's, and
    asks the form's question again once a side question that interrupted it is over.

    Runs inside :class:`~handlers.intake.context.IntakeContextMiddleware`, which read the
    draft (``dialog``) from the chat's own data.
    """

    async def __call__(self, handler: Handler, event: TelegramObject, data: dict[str, Any]) -> Any:
        state = data.get("state")
        if not isinstance(state, FSMContext) or isinstance(state, SideQuestionContext):
            return await handler(event, data)
        data["state"] = SideQuestionContext(state, data["clock"].now())
        result = await handler(event, data)
        dialog: Dialog | None = data.get("dialog")
        if (
            dialog is not None
            and is_side_question(data.get("raw_state"))
            and not is_side_question(now := await state.get_state())
            and now is not None
        ):
            await show_current(dialog.screen, dialog.scenario, dialog.draft)
        return result


class PendingQuestion(BaseMiddleware):
    """Messages while a side question waits: a stale question is dropped, ``/cancel`` goes
    to :func:`cancel_side_question`, other commands run around the question."""

    async def __call__(self, handler: Handler, event: TelegramObject, data: dict[str, Any]) -> Any:
        raw_state = data.get("raw_state")
        state = data.get("state")
        if (
            not isinstance(event, Message)
            or event.chat.type != ChatType.PRIVATE
            or not is_side_question(raw_state)
            or not isinstance(state, FSMContext)
        ):
            return await handler(event, data)
        t: Translator = data["t"]
        side = SideQuestionContext(state)
        asked = await side.asked_at()
        if asked is not None and data["clock"].now() - asked > QUESTION_LIFETIME:
            await side.clear()
            await event.answer(t("side-question-expired"))
            if _command(event.text or "") == "cancel":
                return None
            data["raw_state"] = await state.get_state()
            return await handler(event, data)
        text = event.text or ""
        if not text.startswith("/") or _command(text) == "cancel":
            return await handler(event, data)
        # Routed as if nothing were pending: no side question's handler takes a command.
        data["raw_state"] = await side.resumes()
        result = await handler(event, data)
        if await state.get_state() == raw_state:
            await event.answer(t("side-question-waiting"))
        return result


def side_question_pending(_: Message, raw_state: str | None = None) -> bool:
    """A filter: the bot waits for a side question's answer in this chat."""
    return is_side_question(raw_state)


@router.message(Command("cancel"), side_question_pending)
async def cancel_side_question(message: Message, state: FSMContext, t: Translator) -> None:
    """``/cancel`` drops the side question alone; a form it interrupted is asked again
    (by :class:`SideQuestions`, around this handler)."""
    await state.clear()
    await message.answer(t("side-question-dropped"))


def _command(text: str) -> str:
    """``/cancel@presale_bot now`` → ``cancel``; ``""`` for a text that is no command."""
    if not text.startswith("/"):
        return ""
    return text.split(maxsplit=1)[0][1:].split("@", 1)[0].lower()


@leftovers.message(side_question_pending, ~F.text)
async def not_words(message: Message, t: Translator) -> None:
    """A sticker, a voice message or a photo where words were asked: the person is asked
    for words and the question still waits; "not understood" left them guessing whether
    it did."""
    await message.answer(t("side-question-words"))
