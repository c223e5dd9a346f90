"""Planning a meeting from the brief: when, how long, where, who, both goals, who leads.

The goals are asked like every other answer but cannot be skipped: a meeting without our
goal and the client's goal is a meeting for its own sake, so it is not saved without them.
The questions come first, then saving, then the guard that asks a question again.
"""

from __future__ import annotations

from aiogram import Router

from handlers.meetings import guards, planning, saving

router = Router(name=__name__)
router.include_routers(planning.router, saving.router, guards.router)
