"""Where the brief's dialog stands: the typed answers its buttons may wait for.

Both the lost reason and the postponing date are typed answers, so their states share one
group that the two features import.
"""

from __future__ import annotations

from aiogram.fsm.state import State, StatesGroup


class Outcome(StatesGroup):
    """Typed answers the brief may wait for."""

    lost_reason = State()
    postpone_day = State()
