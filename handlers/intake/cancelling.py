"""/cancel while a request is being filled in: asked first when something would be lost."""

from __future__ import annotations

from aiogram import F, Router
from aiogram.filters import Command, StateFilter
from aiogram.types import CallbackQuery, Message
from aiogram.utils.callback_answer import CallbackAnswer

from bot.i18n import Translator
from handlers.intake.callbacks import CancelAct, CancelButton
from handlers.intake.context import Dialog, offer_taken
from handlers.intake.keyboards import cancel_keyboard
from handlers.intake.screens import Screen, discard, show_current
from handlers.intake.states import DRAFT_STATES, Intake

router = Router(name=__name__)


@router.message(Command("cancel"), StateFilter(*DRAFT_STATES))
async def cancel_draft(message: Message, screen: Screen, dialog: Dialog | None) -> None:
    """/cancel with something given: ask first, it would be lost; with nothing, just cancel."""
    if dialog is None:
        await screen.state.clear()
        await message.answer(screen.t("intake-cancelled"))
        return
    if not dialog.draft.holds_input():
        await discard(screen, dialog.draft, screen.t("intake-cancelled"))
        return
    await message.answer(
        screen.t("intake-cancel-confirm", answered=len(dialog.draft.answers)),
        reply_markup=cancel_keyboard(dialog.draft, screen.t),
    )


@router.message(Command("cancel"), Intake.choosing)
async def cancel_choosing(message: Message, screen: Screen) -> None:
    """/cancel in the form picker: nothing to lose."""
    await screen.state.clear()
    await message.answer(screen.t("intake-cancelled"))


@router.message(Command("cancel"))
async def cancel_nothing(message: Message, t: Translator) -> None:
    """/cancel with nothing going on."""
    await message.answer(t("cancel-nothing"))


@router.callback_query(CancelButton.filter(F.act == CancelAct.CONFIRM))
async def cancel_confirmed(
    query: CallbackQuery,
    callback_data: CancelButton,
    callback_answer: CallbackAnswer,
    screen: Screen,
    dialog: Dialog | None,
) -> None:
    """Yes, drop the draft."""
    dialog = await offer_taken(query, callback_answer, screen, dialog, callback_data.draft)
    if dialog is not None:
        await discard(screen, dialog.draft, screen.t("intake-cancelled"))


@router.callback_query(CancelButton.filter(F.act == CancelAct.RESUME))
async def cancel_declined(
    query: CallbackQuery,
    callback_data: CancelButton,
    callback_answer: CallbackAnswer,
    screen: Screen,
    dialog: Dialog | None,
) -> None:
    """No, go on where the dialog was."""
    dialog = await offer_taken(query, callback_answer, screen, dialog, callback_data.draft)
    if dialog is not None:
        await show_current(screen, dialog.scenario, dialog.draft)
