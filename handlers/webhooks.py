"""/webhooks: admins see what other systems did not accept, and send it again: one
delivery, or everything failed for one receiver at once (an outage leaves hundreds)."""

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
from storage.repositories.delivery_outages import Receiver
from storage.repositories.holder import Repositories

router = Router(name=__name__)

SHOWN = 10
"""Failed deliveries listed at once, newest first; the rest go with "redeliver all"."""


class Redeliver(CallbackData, prefix="wr"):
    """Queue one failed delivery again, with the same id and body."""

    delivery: int


class RedeliverAll(CallbackData, prefix="wra"):
    """Queue again every failed delivery of one receiver, up to the newest one shown.

    The receiver is named by that newest delivery's id: an endpoint's name may not fit in
    a button's 64 bytes. Failures newer than the view are left for the next look.
    """

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
    groups = await repo.deliveries.outages.failed_groups()
    for group in groups:
        builder.button(
            text=t(
                "webhooks-button-redeliver-all",
                count=group.count,
                receiver=group.receiver.endpoint,
            ),
            callback_data=RedeliverAll(delivery=group.newest_id),
        )
    for delivery in failed:
        lines.append(failed_line(t, zone, delivery))
        builder.button(
            text=t("webhooks-button-redeliver", id=delivery.id),
            callback_data=Redeliver(delivery=delivery.id),
        )
    builder.adjust(*([1] * len(groups)), 2)
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


async def show_failed(
    query: CallbackQuery, repo: Repositories, t: Translator, zone: ZoneInfo
) -> None:
    """The pressed list turns into the list as it is now."""
    if isinstance(query.message, Message):
        text, keyboard = await failed_view(repo, t, zone)
        await query.message.edit_text(text, reply_markup=keyboard)


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
    await show_failed(query, repo, t, reader_zone(user, settings))


@router.callback_query(RedeliverAll.filter())
async def redeliver_all_pressed(
    query: CallbackQuery,
    callback_data: RedeliverAll,
    repo: Repositories,
    user: User,
    t: Translator,
    roles: frozenset[str],
    settings: Settings,
    clock: Clock,
    deliveries: DeliveryWorker,
    callback_answer: CallbackAnswer,
) -> None:
    """Queue the receiver's failed deliveries again, each with its own id and body.

    Only failed ones move: a second or stale press finds them queued (or landed) and is
    told so, and nothing goes out twice because of it.
    """
    if Role.ADMIN not in roles:
        callback_answer.show_alert, callback_answer.text = True, t("team-admins-only")
        return
    handle = await repo.deliveries.get(callback_data.delivery)
    queued = 0
    if handle is not None:
        queued = await repo.deliveries.outages.redeliver_all(
            Receiver(target=handle.target, endpoint=handle.endpoint),
            up_to=handle.id,
            now=clock.now(),
            give_up_after=GIVE_UP_AFTER,
        )
    if queued == 0:
        callback_answer.show_alert = True
        callback_answer.text = t("webhooks-all-not-failed")
    else:
        after_commit(repo.session, deliveries.notify)
        receiver = handle.endpoint if handle is not None else ""
        callback_answer.text = t("webhooks-all-redelivering", count=queued, receiver=receiver)
    await show_failed(query, repo, t, reader_zone(user, settings))
