"""The brief's follow-up keyboards: the reasons a request is lost, the days to postpone to.

A stage button draws them and the lost and postponing features answer their presses, so
they live apart from all three.
"""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from aiogram.types import InlineKeyboardMarkup

from bot.i18n import Translator
from bot.keyboard import InlineKeyboard
from bot.services.buttons import LostButton, LostReason, PostponeButton
from domain.dates import quick_dates


def reasons_keyboard(t: Translator, request_id: int) -> InlineKeyboardMarkup:
    builder = InlineKeyboard()
    for reason in LostReason:
        builder.button(
            text=t(f"claims-lost-{reason.value}"),
            callback_data=LostButton(request=request_id, reason=reason),
        )
    builder.adjust(2)
    return builder.as_markup()


def days_keyboard(
    t: Translator, request_id: int, now: datetime, zone: ZoneInfo
) -> InlineKeyboardMarkup:
    """Tomorrow, next week, or a typed date: the days are the owner's, in ``zone``, since
    the request comes back at the start of the owner's working day."""
    builder = InlineKeyboard()
    for quick in quick_dates(now=now, tz=zone)[1:]:
        builder.button(
            text=t(quick.message_id),
            callback_data=PostponeButton(request=request_id, day=quick.value.isoformat()),
        )
    builder.button(
        text=t("claims-postpone-type"), callback_data=PostponeButton(request=request_id)
    )
    builder.adjust(2, 1)
    return builder.as_markup()
