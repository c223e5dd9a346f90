"""/webhooks: admins see what other systems did not accept, and send it again."""

from __future__ import annotations

from zoneinfo import ZoneInfo

from aiogram import Router
from aiogram.filters import Command
from aiogram.filters.callback_data import CallbackData
from aiogram.types import CallbackQuery, InlineKeyboardMarkup, Message
from aiogram.utils.callback_answer import CallbackAnswer

from bot.i18n import Translator
from bot.keyboard import InlineKeyboard
from bot.sending.outbox import after_commit
from bot.settings import Settings
from domain.clock import Clock
from integrations.policy import GIVE_UP_AFTER
from integrations.worker import DeliveryWorker
from storage.models import Delivery, DeliveryStatus, Role, User
from storage.repositories.holder import Repositories

router = Router(name=__name__)

SHOWN = 10
"""Failed deliveries listed at once, newest first; older ones wait until these are fixed."""


class Redeliver(CallbackData, prefix="wr"):
    """Queue one failed delivery again, with the same id and body."""

    delivery: int


def failed_line(t: Translator, zone: ZoneInfo, delivery: Delivery) -> str:
    return t(
        "webhooks-failed-line",
        id=delivery.id,
        event=delivery.event,
        receiver=delivery.endpoint,
        number=delivery.request_id or 0,
        error=delivery.last_error or "",
        attempts=delivery.attempts,
        when=t.datetime(delivery.created_at.astimezone(zone)),
    )


async def failed_view(
    repo: Repositories, t: Translator, zone: ZoneInfo
) -> tuple[str, InlineKeyboardMarkup | None]:
    """Counts by status, then each failed delivery with its own "redeliver" button."""
    counts = await repo.deliveries.count_by_status()
    failed = await repo.deliveries.failed(limit=SHOWN)
    waiting = counts.get(DeliveryStatus.PENDING.value, 0)
    waiting += counts.get(DeliveryStatus.SENDING.value, 0)
    lines = [
        t(
            "webhooks-head",
            waiting=waiting,
            delivered=counts.get(DeliveryStatus.DELIVERED.value, 0),
            failed=counts.get(DeliveryStatus.FAILED.value, 0),
        )
    ]
    if not failed:
        lines.append(t("webhooks-none-failed"))
        return "\n\n".join(lines), None
    builder = InlineKeyboard()
    for delivery in failed:
        lines.append(failed_line(t, zone, delivery))
        builder.button(
            text=t("webhooks-button-redeliver", id=delivery.id),
            callback_data=Redeliver(delivery=delivery.id),
        )
    builder.adjust(2)
    return "\n\n".join(lines), builder.as_markup()


def reader_zone(user: User, settings: Settings) -> ZoneInfo:
    return ZoneInfo(user.time_zone or settings.timezone)


@router.message(Command("webhooks"))
async def webhooks_command(
    message: Message,
    repo: Repositories,
    user: User,
    t: Translator,
    roles: frozenset[str],
    settings: Settings,
) -> None:
    """How many deliveries wait, landed and failed; the failed ones with a button each."""
    if Role.ADMIN not in roles:
        await message.answer(t("team-admins-only"))
        return
    text, keyboard = await failed_view(repo, t, reader_zone(user, settings))
    await message.answer(text, reply_markup=keyboard)


@router.callback_query(Redeliver.filter())
async def redeliver_pressed(
    query: CallbackQuery,
    callback_data: Redeliver,
    repo: Repositories,
    user: User,
    t: Translator,
    roles: frozenset[str],
    settings: Settings,
    clock: Clock,
    deliveries: DeliveryWorker,
    callback_answer: CallbackAnswer,
) -> None:
    """Queue it again with a fresh 24 hours; a delivery no longer failed is said so."""
    if Role.ADMIN not in roles:
        callback_answer.show_alert, callback_answer.text = True, t("team-admins-only")
        return
    if not await repo.deliveries.redeliver(
        callback_data.delivery, now=clock.now(), give_up_after=GIVE_UP_AFTER
    ):
        callback_answer.show_alert = True
        callback_answer.text = t("webhooks-not-failed", id=callback_data.delivery)
    else:
        after_commit(repo.session, deliveries.notify)
        callback_answer.text = t("webhooks-redelivering", id=callback_data.delivery)
    if isinstance(query.message, Message):
        text, keyboard = await failed_view(repo, t, reader_zone(user, settings))
        await query.message.edit_text(text, reply_markup=keyboard)
