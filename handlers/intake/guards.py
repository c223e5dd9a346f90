"""What reaches the dialog that no dialog handler took: commands and off-screen input.

This router sits after /help, /lang and /my, so those work in the middle of a request;
any other command is answered with a pointer back, and the dialog stays where it was.
"""

from __future__ import annotations

from aiogram import F, Router
from aiogram.filters import StateFilter
from aiogram.types import Message

from bot.services.desk import Desk
from handlers.intake.context import Dialog
from handlers.intake.keyboards import scenario_picker
from handlers.intake.screens import Screen
from handlers.intake.states import DIALOG_STATES, Intake
from handlers.request_files import ADDABLE, RepliesAboutRequest, add_reply
from scenarios.loader import ScenarioCatalog
from storage.models import User

router = Router(name=__name__)


@router.message(StateFilter(*DIALOG_STATES), F.text.startswith("/"))
async def command_in_dialog(message: Message, screen: Screen) -> None:
    """A command the dialog does not know: finish the request first, or /cancel it."""
    await message.answer(screen.t("intake-command-in-dialog"))


@router.message(StateFilter(Intake.choosing, Intake.summary), RepliesAboutRequest(), ADDABLE)
async def reply_about_request(
    message: Message,
    about: int,
    screen: Screen,
    desk: Desk,
    user: User,
    roles: frozenset[str],
) -> None:
    """A reply to the bot's message about a request goes to that request, as it does outside
    the form and at a question (:func:`~handlers.intake.dialog.reply_about_request`), not
    answered with "use the buttons" and lost; the form picker or summary above keeps its
    buttons. At the duplicate warning, which names a request itself, a reply answers it."""
    await add_reply(message, about, desk=desk, user=user, roles=roles, t=screen.t)


@router.message(Intake.choosing)
async def not_a_form(message: Message, screen: Screen, scenarios: ScenarioCatalog) -> None:
    """Anything but a button in the form picker."""
    await message.answer(
        screen.t("intake-choose-with-buttons"),
        reply_markup=scenario_picker(scenarios.all(), screen.t),
    )


@router.message(Intake.summary)
async def not_a_summary_button(message: Message, screen: Screen, dialog: Dialog | None) -> None:
    """Typing at the summary card: the card's buttons edit or submit."""
    await message.answer(screen.t("intake-use-summary-buttons"))


@router.message(Intake.duplicate)
async def not_a_duplicate_button(message: Message, screen: Screen) -> None:
    """Typing at the duplicate warning."""
    await message.answer(screen.t("intake-use-duplicate-buttons"))
