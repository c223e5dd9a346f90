"""Where the estimate dialog stands, and how long its typed answers may be.

The dialog spans two people: the owner types what to estimate and by when, the estimator
why they decline, the file's summary; the owner again why it goes back for rework.
"""

from __future__ import annotations

from aiogram.fsm.state import State, StatesGroup

TEXT_LIMIT = 1000
SUMMARY_LIMIT = 300


class EstimateForm(StatesGroup):
    """The owner's ask and the estimator's answers, one question at a time."""

    scope = State()
    due = State()
    decline = State()
    file = State()
    summary = State()
    rework = State()
