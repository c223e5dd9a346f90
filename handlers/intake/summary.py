"""The summary card: edit any answer, then submit; a likely duplicate is named first."""

from __future__ import annotations

from aiogram import Router
from aiogram.types import CallbackQuery, Message, ReplyKeyboardRemove
from aiogram.utils.callback_answer import CallbackAnswer

from bot.services.access import SubmitRefusal, submit_refusal
from bot.services.audience import TEAM_ROLES
from bot.services.desk import Desk
from bot.settings import Settings
from domain.dates import zone
from domain.flow import next_field, visible_fields
from handlers.intake.callbacks import DuplicateAct, DuplicateButton, SummaryAct, SummaryButton
from handlers.intake.context import Dialog
from handlers.intake.keyboards import duplicate_keyboard
from handlers.intake.screens import Screen, ask, show_summary
from handlers.intake.states import Intake
from handlers.intake.submit import (
    find_duplicates,
    on_request_submitted,
    receipt_text,
    store_request,
)
from storage.models import Request

router = Router(name=__name__)


def _stale(dialog: Dialog | None, serial: int) -> bool:
    return dialog is None or dialog.draft.serial != serial


@router.callback_query(Intake.summary, SummaryButton.filter())
async def summary_pressed(
    query: CallbackQuery,
    callback_data: SummaryButton,
    callback_answer: CallbackAnswer,
    screen: Screen,
    dialog: Dialog | None,
    settings: Settings,
    desk: Desk,
    roles: frozenset[str],
) -> None:
    """Edit one answer (and come back here), or submit."""
    if dialog is None or _stale(dialog, callback_data.draft):
        callback_answer.text = screen.t("intake-stale-button")
        callback_answer.show_alert = True
        return
    scenario, draft = dialog.scenario, dialog.draft
    if callback_data.act is SummaryAct.EDIT:
        visible = {field.id: field for field in visible_fields(scenario, draft.values())}
        field = visible.get(callback_data.field)
        if field is None:
            callback_answer.text = screen.t("intake-stale-button")
            callback_answer.show_alert = True
            return
        await _drop_buttons(query)
        draft.editing = True
        await ask(screen, scenario, draft, field)
        return
    missing = next_field(scenario, draft.values())
    if missing is not None:
        # Only possible if the form changed under the draft; ask what is missing.
        await _drop_buttons(query)
        await ask(screen, scenario, draft, missing)
        return
    if not draft.duplicate_ok:
        duplicates = await find_duplicates(
            screen, scenario, draft, window_days=settings.duplicate_window_days
        )
        if duplicates:
            await _drop_buttons(query)
            await warn_duplicate(screen, dialog, duplicates, team=bool(roles & TEAM_ROLES))
            return
    await _drop_buttons(query)
    await submit(screen, dialog, settings, desk)


async def warn_duplicate(
    screen: Screen, dialog: Dialog, duplicates: list[Request], *, team: bool
) -> None:
    """To the team: the newest matching request, its author and its owner.

    Someone outside the team (a partner, say) learns only that the client is being handled:
    who else brought the client, and which request it is, are the team's business.
    """
    t = screen.t
    await screen.state.set_state(Intake.duplicate)
    if not team:
        text = t("intake-duplicate-outside") + "\n\n" + t("intake-duplicate-question")
        await screen.bot.send_message(
            screen.chat_id, text, reply_markup=duplicate_keyboard(dialog.draft, t)
        )
        return
    first = duplicates[0]
    author = await screen.repo.users.get(first.author_id)
    owner = await screen.repo.users.get(first.owner_id) if first.owner_id else None
    created = first.created_at.astimezone(zone(screen.tz))
    lines = [
        t(
            "intake-duplicate",
            number=first.id,
            date=t.date(created),
            author=_name(author.first_name, author.last_name) if author else "—",
            owner=_name(owner.first_name, owner.last_name) if owner else t("intake-no-owner"),
            client=first.client_name or "—",
        )
    ]
    if len(duplicates) > 1:
        lines.append(t("intake-duplicate-more", count=len(duplicates) - 1))
    lines.append(t("intake-duplicate-question"))
    await screen.bot.send_message(
        screen.chat_id, "\n\n".join(lines), reply_markup=duplicate_keyboard(dialog.draft, t)
    )


@router.callback_query(Intake.duplicate, DuplicateButton.filter())
async def duplicate_decision(
    query: CallbackQuery,
    callback_data: DuplicateButton,
    callback_answer: CallbackAnswer,
    screen: Screen,
    dialog: Dialog | None,
    settings: Settings,
    desk: Desk,
) -> None:
    """Submit anyway, look at the summary again, or drop the request."""
    if dialog is None or _stale(dialog, callback_data.draft):
        callback_answer.text = screen.t("intake-stale-button")
        callback_answer.show_alert = True
        return
    await _drop_buttons(query)
    if callback_data.act is DuplicateAct.SUBMIT:
        dialog.draft.duplicate_ok = True
        await submit(screen, dialog, settings, desk)
    elif callback_data.act is DuplicateAct.REVIEW:
        await show_summary(screen, dialog.scenario, dialog.draft)
    else:
        await screen.state.clear()
        await screen.repo.drafts.discard(screen.user_id)
        await screen.bot.send_message(screen.chat_id, screen.t("intake-dropped"))


async def submit(screen: Screen, dialog: Dialog, settings: Settings, desk: Desk) -> None:
    """Store the request, hand the author a receipt, and tell the rest of the bot.

    The receipt is queued in the outbox in the transaction that stores the request: it
    names a request that exists, and it arrives even if Telegram fails right now (a
    lost answer may make it arrive twice, naming the same request). Closed intake and the
    hourly limit are checked here once more: the draft stays, so nothing the author typed
    is lost when they are refused.
    """
    refusal = await submit_refusal(screen.repo, settings, screen.user_id, screen.now)
    if refusal is not None:
        await screen.bot.send_message(
            screen.chat_id,
            screen.t(f"access-{refusal.value}", count=settings.submit_rate_per_hour),
        )
        if refusal is SubmitRefusal.TOO_FAST:
            await show_summary(screen, dialog.scenario, dialog.draft)
        return
    request = await store_request(screen, dialog.scenario, dialog.draft)
    receipt = receipt_text(request, dialog.scenario, screen.t)
    markup = ReplyKeyboardRemove() if dialog.draft.contact_keyboard else None
    if desk.outbox is not None:
        await desk.outbox.enqueue(
            screen.repo, chat_id=screen.chat_id, text=receipt, reply_markup=markup
        )
    else:
        await screen.bot.send_message(screen.chat_id, receipt, reply_markup=markup)
    await on_request_submitted(
        request.id,
        screen.bot,
        repo=screen.repo,
        scenario=dialog.scenario,
        settings=settings,
        t=screen.t,
        desk=desk,
    )


async def _drop_buttons(query: CallbackQuery) -> None:
    if isinstance(query.message, Message):
        await query.message.edit_reply_markup(reply_markup=None)


def _name(first: str, last: str | None) -> str:
    return f"{first} {last}" if last else first
