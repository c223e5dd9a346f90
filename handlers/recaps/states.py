"""Where the recap dialog stands, and how long its typed answers may be.

The owner writes the recap one question at a time (what was discussed, then each next
step's what, who and when); later, what the client asked to correct.
"""

from __future__ import annotations

from aiogram.fsm.state import State, StatesGroup

TEXT_LIMIT = 2000
STEP_LIMIT = 500
"""A recap's step is as long as any next step may be."""


class RecapForm(StatesGroup):
    """The recap being written, and the corrections the client asked for."""

    discussed = State()
    step_what = State()
    step_who = State()
    step_when = State()
    corrections = State()
