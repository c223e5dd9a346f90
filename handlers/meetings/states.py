"""The meeting planner's states: one question at a time."""

from __future__ import annotations

from aiogram.fsm.state import State, StatesGroup

TEXT_LIMIT = 500
"""The longest place or goal kept; the rest of a longer text is cut."""


class MeetingForm(StatesGroup):
    """A meeting being planned, one question at a time."""

    when = State()
    duration = State()
    place = State()
    participants = State()
    our_goal = State()
    client_goal = State()
    moderator = State()
    confirm = State()
