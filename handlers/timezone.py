"""/tz: the user's own time zone, for reminders and working hours.

Buttons offer the Russian zones people pick most; any other zone is typed as an IANA
name after the command (``/tz Europe/Berlin``).
"""

from __future__ import annotations

from datetime import datetime, timedelta
from functools import cache
from zoneinfo import ZoneInfo, available_timezones

from aiogram import F, Router
from aiogram.filters import Command, CommandObject
from aiogram.filters.callback_data import CallbackData
from aiogram.types import CallbackQuery, InlineKeyboardMarkup, Message

from bot.i18n import Translator
from bot.keyboard import InlineKeyboard
from bot.settings import Settings
from domain.clock import Clock
from storage.models import User
from storage.repositories.holder import Repositories

router = Router(name=__name__)

# Zone -> the suffix of its label key (``tz-zone-<suffix>``), west to east.
COMMON_ZONES: dict[str, str] = {
    "Europe/Kaliningrad": "kaliningrad",
    "Europe/Moscow": "moscow",
    "Europe/Samara": "samara",
    "Asia/Yekaterinburg": "yekaterinburg",
    "Asia/Omsk": "omsk",
    "Asia/Novosibirsk": "novosibirsk",
    "Asia/Krasnoyarsk": "krasnoyarsk",
    "Asia/Irkutsk": "irkutsk",
    "Asia/Yakutsk": "yakutsk",
    "Asia/Vladivostok": "vladivostok",
    "Asia/Magadan": "magadan",
    "Asia/Kamchatka": "kamchatka",
}


class TimeZoneChoice(CallbackData, prefix="tz"):
    """A press on one of the zone buttons."""

    zone: str


@cache
def _known_zones() -> dict[str, str]:
    """Every IANA zone name by its lower-case spelling, so typing is case-insensitive."""
    return {name.lower(): name for name in available_timezones()}


def find_zone(text: str) -> str | None:
    """The IANA zone ``text`` names (``europe/berlin`` -> ``Europe/Berlin``), if any."""
    return _known_zones().get(text.strip().lower())


def utc_offset(zone: str, now: datetime) -> str:
    """``UTC+3``, ``UTC+5:30``, ``UTC`` for the zone at this moment."""
    offset = now.astimezone(ZoneInfo(zone)).utcoffset() or timedelta(0)
    minutes = int(offset.total_seconds() // 60)
    if minutes == 0:
        return "UTC"
    sign = "+" if minutes > 0 else "-"
    hours, rest = divmod(abs(minutes), 60)
    return f"UTC{sign}{hours}" + (f":{rest:02d}" if rest else "")


def zone_label(t: Translator, zone: str, now: datetime) -> str:
    """``Москва (UTC+3)`` for a common zone, ``Europe/Berlin (UTC+1)`` for any other."""
    suffix = COMMON_ZONES.get(zone)
    name = t(f"tz-zone-{suffix}") if suffix else zone
    return f"{name} ({utc_offset(zone, now)})"


def zones_keyboard(t: Translator, now: datetime) -> InlineKeyboardMarkup:
    builder = InlineKeyboard()
    for zone in COMMON_ZONES:
        builder.button(text=zone_label(t, zone, now), callback_data=TimeZoneChoice(zone=zone))
    builder.adjust(2)
    return builder.as_markup()


async def _store(repo: Repositories, user: User, zone: str) -> None:
    await repo.users.set_time_zone(user.id, zone)
    await repo.events.add(kind="user.time_zone_changed", actor_id=user.id, data={"zone": zone})


def _confirmation(t: Translator, zone: str, now: datetime) -> str:
    local = now.astimezone(ZoneInfo(zone))
    return t("tz-changed", zone=zone_label(t, zone, now), time=f"{local:%H:%M}")


@router.message(Command("tz"))
async def time_zone_command(
    message: Message,
    command: CommandObject,
    t: Translator,
    user: User,
    repo: Repositories,
    settings: Settings,
    clock: Clock,
) -> None:
    """Without an argument: show the zone and offer buttons; with one: set that zone."""
    now = clock.now()
    if command.args:
        zone = find_zone(command.args)
        if zone is None:
            await message.answer(t("tz-unknown", name=command.args.strip()))
            return
        await _store(repo, user, zone)
        await message.answer(_confirmation(t, zone, now))
        return
    current = user.time_zone or settings.timezone
    await message.answer(
        t("tz-current", zone=zone_label(t, current, now)), reply_markup=zones_keyboard(t, now)
    )


@router.callback_query(TimeZoneChoice.filter(F.zone.in_(COMMON_ZONES)))
async def time_zone_button(
    query: CallbackQuery,
    callback_data: TimeZoneChoice,
    t: Translator,
    user: User,
    repo: Repositories,
    clock: Clock,
) -> None:
    """Store the zone pressed and confirm in place of the buttons."""
    await _store(repo, user, callback_data.zone)
    if isinstance(query.message, Message):
        await query.message.edit_text(_confirmation(t, callback_data.zone, clock.now()))


@router.callback_query(TimeZoneChoice.filter())
async def forged_time_zone_button(query: CallbackQuery, t: Translator) -> None:
    """A zone button we never offered: an old or forged one."""
    await query.answer(t("common-stale-button"), show_alert=True)
