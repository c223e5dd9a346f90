"""What several of the brief's buttons do alike: move the request, keep the pressed panel.

A stage button and a lost reason both move the request and report how it went; a stage
button and the release both make the pressed message the panel to keep current.
"""

from __future__ import annotations

from aiogram.types import CallbackQuery, Message

from bot.i18n import Translator
from bot.services.desk import Desk
from bot.services.progress import Move, change_stage, outcome_text
from storage.models import Request, Stage, User


async def apply_move(
    desk: Desk, t: Translator, request: Request, user: User, target: Stage, move: Move
) -> str:
    """Move the request and return the text to show the owner."""
    outcome = await change_stage(desk, request, user, target, move)
    return outcome_text(t, outcome, request.id, target)


async def remember_pressed(desk: Desk, query: CallbackQuery, request_id: int) -> None:
    """A panel's button was pressed: that message is now the panel to keep current."""
    if isinstance(query.message, Message):
        await desk.repo.workspace.remember_view(
            request_id=request_id,
            user_id=query.from_user.id,
            chat_id=query.message.chat.id,
            message_id=query.message.message_id,
        )
