"""The meeting planner's states: one question at a time."""

from __future__ import annotations

from aiogram.fsm.state import State, StatesGroup

TEXT_LIMIT = 500
"""The longest place (or reason to cancel) kept, planned or edited; the rest of a longer
one is cut (goals: ``read_goal``)."""


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
