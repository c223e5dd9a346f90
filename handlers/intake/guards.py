"""What reaches the dialog that no dialog handler took: commands and off-screen input.

This router sits after /help, /lang and /my, so those work in the middle of a request;
any other command is answered with a pointer back, and the dialog stays where it was.
"""

from __future__ import annotations

from aiogram import F, Router
from aiogram.filters import StateFilter
from aiogram.types import Message

from handlers.intake.context import Dialog
from handlers.intake.keyboards import scenario_picker
from handlers.intake.screens import Screen
from handlers.intake.states import DIALOG_STATES, Intake
from scenarios.loader import ScenarioCatalog

router = Router(name=__name__)


@router.message(StateFilter(*DIALOG_STATES), F.text.startswith("/"))
async def command_in_dialog(message: Message, screen: Screen) -> None:
    """A command the dialog does not know: finish the request first, or /cancel it."""
    await message.answer(screen.t("intake-command-in-dialog"))


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
