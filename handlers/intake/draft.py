"""The draft of a request as kept in FSM data: plain JSON, so it survives a restart."""

from __future__ import annotations

import secrets
from typing import Any

from aiogram.fsm.context import FSMContext
from pydantic import BaseModel, Field, JsonValue

from scenarios.answers import Parsed
from scenarios.choices import saved_other, saved_ticks
from scenarios.schema import FormField

DATA_KEY = "intake"


class StoredAnswer(BaseModel):
    """An accepted answer: the value kept in the request and how it is shown."""

    value: JsonValue
    display: str


class Draft(BaseModel):
    """Everything the dialog knows about one request being filled in."""

    serial: int = Field(default_factory=lambda: secrets.randbelow(1_000_000))
    """Distinguishes this draft from earlier ones, so their buttons are recognised as stale."""
    scenario_id: str
    scenario_version: int
    field_id: str | None = None
    """The question being asked; None while the summary card is shown."""
    answers: dict[str, StoredAnswer] = Field(default_factory=dict)
    picked: list[str] = Field(default_factory=list)
    """Multi-choice options ticked so far for the current question."""
    files: list[dict[str, str | None]] = Field(default_factory=list)
    """Attachments received so far for the current question."""
    typing_other: bool = False
    """The user pressed "other" and is typing an own answer."""
    own_other: str | None = None
    """An own answer typed for the current question earlier, shown ticked: "done" keeps it
    unless the user unticks it."""
    pending_day: str | None = None
    """A date-time question whose day came from a quick button; the time is still asked."""
    editing: bool = False
    """The question was opened from the summary: answering it returns there."""
    contact_keyboard: bool = False
    """A reply keyboard with the "share contact" button is on the user's screen."""
    duplicate_ok: bool = False
    """The user saw the duplicate warning and chose to submit anyway."""
    asked_message_id: int | None = None
    """The message that asks the current question: a message typed after it (and later
    edited) still answers it; one typed before answered an earlier question."""

    def holds_input(self) -> bool:
        """Whether dropping the draft would lose something the user gave: an answer, or the
        ticks or files collected for the current question. Only such a draft is worth asking
        about before another form, or the same form afresh, takes its place."""
        return bool(self.answers or self.picked or self.files)

    def values(self) -> dict[str, JsonValue]:
        """Answer values by field id, the shape the domain flow rules read."""
        return {field_id: answer.value for field_id, answer in self.answers.items()}

    def open_question(self, field: FormField) -> None:
        """Make ``field`` the current question. A multi choice question returned to (Back,
        or an edit from the summary) starts with its saved answer ticked, an own answer
        included, so "done" keeps it; the same question shown again (a resumed draft) keeps
        the ticks made so far."""
        if self.field_id != field.id:
            saved = self.answers.get(field.id)
            self.picked = saved_ticks(field, saved.value) if saved is not None else []
            self.own_other = saved_other(field, saved.value) if saved is not None else None
        self.field_id = field.id

    def accept(self, field_id: str, parsed: Parsed) -> None:
        """Store an answer and forget what was collected while asking for it."""
        self.answers[field_id] = StoredAnswer(value=parsed.value, display=parsed.display)
        self.reset_question()

    def reset_question(self) -> None:
        """Clear the per-question scratch state (ticks, files, "other", pending day)."""
        self.picked = []
        self.files = []
        self.typing_other = False
        self.own_other = None
        self.pending_day = None


async def load_draft(state: FSMContext) -> Draft | None:
    """The draft in this chat's FSM data, if there is one."""
    data: dict[str, Any] = await state.get_data()
    raw = data.get(DATA_KEY)
    if not isinstance(raw, dict):
        return None
    return Draft.model_validate(raw)


async def save_draft(state: FSMContext, draft: Draft) -> None:
    """Write the draft back as JSON."""
    await state.update_data({DATA_KEY: draft.model_dump(mode="json")})
