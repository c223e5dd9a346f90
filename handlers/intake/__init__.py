"""The lead-intake dialog: pick a form, answer one question at a time, check, submit.

The dialog is generic over any scenario in :mod:`scenarios`; its whole state lives in FSM
data as JSON (:mod:`handlers.intake.draft`), so it survives a restart of the bot.
"""

from __future__ import annotations

from aiogram import Router

from handlers.intake import cancelling, dialog, edits, entry, guards, summary
from handlers.intake.context import IntakeContextMiddleware
from handlers.tree import clone


def _with_context(router: Router) -> Router:
    middleware = IntakeContextMiddleware()
    router.message.middleware(middleware)
    router.callback_query.middleware(middleware)
    router.edited_message.middleware(middleware)
    return router


def intake_routers() -> tuple[Router, Router]:
    """Fresh routers: the dialog (before /start's greeting) and its guards (after /help)."""
    main = Router(name="intake")
    main.include_routers(
        clone(entry.router),
        clone(cancelling.router),
        clone(dialog.router),
        clone(summary.router),
        clone(edits.router),
    )
    guard = Router(name="intake-guards")
    guard.include_router(clone(guards.router))
    return _with_context(main), _with_context(guard)
