"""Side questions: a typed answer the bot waits for outside the request form.

A lost request's reason, a meeting's place, a step's deadline, a note for the author:
each feature asks with aiogram's FSM, as the form does. Two rules keep them from costing
the person anything:

- *They never touch the form's draft.* A side question sees a context of its own
  (:class:`SideQuestionContext`): its data lives beside the draft's key, and once it is
  answered the form's question it interrupted is asked again. Without it,
  pressing "lost" on one request in the middle of filling in another erased the draft.
- *A command is never an answer.* While a side question waits, ``/cancel`` drops it and
  any other command runs as if nothing were pending (:class:`PendingQuestion`), then the
  person is reminded that the question still waits. Without it, ``/stats`` typed after
  "other reason" closed the request as lost, with "/stats" as the reason.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Mapping
from typing import Any

from aiogram import BaseMiddleware
from aiogram.enums import ChatType
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
FORM_STATES = "Intake:"
"""The prefix of the form's own states: everything else is a side question."""


def is_side_question(raw_state: str | None) -> bool:
    """Whether the bot is waiting for a side question's answer in this chat."""
    return raw_state is not None and not raw_state.startswith(FORM_STATES)


class SideQuestionContext(FSMContext):
    """An FSM context whose data is the side question's alone.

    ``get_data``, ``set_data`` and ``update_data`` read and write the side question's own
    part of the chat's data; ``clear`` (and ``set_state(None)``) drops only that part and
    goes back to the state the question interrupted.
    """

    def __init__(self, context: FSMContext) -> None:
        super().__init__(context.storage, context.key)

    async def set_state(self, state: str | State | None = None) -> None:
        if state is None:
            await self.clear()
            return
        current = await self.storage.get_state(key=self.key)
        if not is_side_question(current):
            await self.storage.update_data(key=self.key, data={RESUME_KEY: current})
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
        await self.storage.set_data(key=self.key, data=stored)
        await self.storage.set_state(key=self.key, state=resume)

    async def resumes(self) -> str | None:
        """The state the side question interrupted: the form's question, or none."""
        resume = (await self.storage.get_data(key=self.key)).get(RESUME_KEY)
        return resume if isinstance(resume, str) else None


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
        data["state"] = SideQuestionContext(state)
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
    """Commands while a side question waits: ``/cancel`` drops it, others run around it."""

    async def __call__(self, handler: Handler, event: TelegramObject, data: dict[str, Any]) -> Any:
        raw_state = data.get("raw_state")
        state = data.get("state")
        if (
            not isinstance(event, Message)
            or event.chat.type != ChatType.PRIVATE
            or not is_side_question(raw_state)
            or not isinstance(state, FSMContext)
            or not (event.text or "").startswith("/")
        ):
            return await handler(event, data)
        t: Translator = data["t"]
        side = SideQuestionContext(state)
        if _command(event.text or "") == "cancel":
            await side.clear()
            await event.answer(t("side-question-dropped"))
            return None
        # Routed as if nothing were pending: no side question's handler takes a command.
        data["raw_state"] = await side.resumes()
        result = await handler(event, data)
        if await state.get_state() == raw_state:
            await event.answer(t("side-question-waiting"))
        return result


def _command(text: str) -> str:
    """``/cancel@presale_bot now`` → ``cancel``."""
    return text.split(maxsplit=1)[0][1:].split("@", 1)[0].lower()
