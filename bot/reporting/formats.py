"""Numbers as a report shows them, in the reader's language."""

from __future__ import annotations

from bot.i18n import Translator


def percent(t: Translator, value: float | None) -> str:
    """A share as "45%", or a dash when there was nothing to divide."""
    return t("report-percent", value=round(value * 100)) if value is not None else "—"


def duration(t: Translator, minutes: float | None) -> str:
    """Minutes up to two hours, hours up to two days, days beyond."""
    if minutes is None:
        return "—"
    if minutes < 120:
        return t("report-minutes", value=round(minutes))
    if minutes < 48 * 60:
        return t("report-hours", value=round(minutes / 60, 1))
    return t("report-days", value=round(minutes / 1440, 1))
