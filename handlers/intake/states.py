"""Where a user is in the intake dialog; the rest of the dialog lives in FSM data."""

from __future__ import annotations

from aiogram.fsm.state import State, StatesGroup


class Intake(StatesGroup):
    """One state per kind of screen; the current question is in the draft, not the state."""

    choosing = State()
    answering = State()
    summary = State()
    duplicate = State()


DIALOG_STATES = (Intake.choosing, Intake.answering, Intake.summary, Intake.duplicate)
"""Every state in which the user has a draft (or is about to start one)."""

DRAFT_STATES = (Intake.answering, Intake.summary, Intake.duplicate)
"""States in which a draft with answers exists and must not be lost silently."""
