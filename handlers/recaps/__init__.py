"""After a meeting: held or not, the recap with its next steps, and the client's answer.

One router per part of the dialog, in the order the flat module had its handlers; the
guard that asks a question again comes last, so it only sees what no step answered.
"""

from __future__ import annotations

from aiogram import Router

from handlers.recaps import answering, guards, held, writing

router = Router(name=__name__)
router.include_routers(held.router, writing.router, answering.router, guards.router)
