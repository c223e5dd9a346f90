"""An answer as its reader reads it: drawn again from its stored value, in the reader's language.

What the author saw (``RequestAnswer.display``) is in the author's language and format, so an
English author's "Website form" and "1,500,000 ₽" would reach a Russian team group as typed.
An answer the form can read (a choice, yes or no, a date, a moment, a number, an amount) is
drawn again here, by the functions the intake drew it with, for the reader's locale; free
text, phones, e-mails and links stay as typed, and so does a value that can no longer be read
(the form changed since, an option is gone). A file or a CRM gets the same words as plain
text (:func:`plain_answer_text`): a moment written out in one zone, no HTML.
"""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

from pydantic import JsonValue

from bot.i18n import Translator
from scenarios.choices import choice_text
from scenarios.fields import date_text, money_text, number_text
from scenarios.schema import FieldType, FormField
from storage.models import RequestAnswer


def answer_text(
    field: FormField | None, answer: RequestAnswer, t: Translator, zone: ZoneInfo
) -> str:
    """The answer in ``t``'s language; a date and time is the moment itself, a Telegram
    date-time entity (already HTML) written in ``zone`` and shown on each reader's clock."""
    drawn = drawn_text(field, answer.value, t, zone, entity=True) if field is not None else None
    return answer.display if drawn is None else drawn


def plain_answer_text(
    field: FormField | None, value: JsonValue, display: str, t: Translator, zone: ZoneInfo
) -> str:
    """The answer in ``t``'s language as plain text, for a file or another system that shows
    it as it is (no HTML, no entity): a date and time is written as read in ``zone``."""
    drawn = drawn_text(field, value, t, zone, entity=False) if field is not None else None
    return display if drawn is None else drawn


def yes_no_word(t: Translator, yes: bool) -> str:
    """A yes/no answer as the word ("Да", "Yes"), not as a bare mark."""
    return t("intake-button-yes" if yes else "intake-button-no")


def drawn_text(
    field: FormField, value: JsonValue, t: Translator, zone: ZoneInfo, *, entity: bool
) -> str | None:
    """The words of an answer the form can read, in ``t``'s language; ``None`` for typed
    text and for a value the form can no longer read. A date and time is an ``entity``
    (HTML, see :func:`answer_text`) or plain text written as read in ``zone``."""
    locale = t.locale
    match field.type:
        case FieldType.SINGLE_CHOICE | FieldType.MULTI_CHOICE:
            return choice_text(field, value, locale=locale)
        case FieldType.YES_NO if isinstance(value, bool):
            return yes_no_word(t, value)
        case FieldType.INTEGER if isinstance(value, int) and not isinstance(value, bool):
            return number_text(value, locale)
        case FieldType.MONEY if isinstance(value, dict):
            amount, currency = value.get("amount"), value.get("currency")
            if isinstance(amount, int) and isinstance(currency, str):
                return money_text(amount, currency, locale)
        case FieldType.DATE:
            day = _day_of(value)
            return date_text(day, locale) if day is not None else None
        case FieldType.DATETIME:
            moment = _moment_of(value)
            if moment is None:
                return None
            return t.moment(moment, zone) if entity else t.datetime(moment.astimezone(zone))
    return None


def _day_of(value: JsonValue) -> date | None:
    """The day a date answer holds (stored as ``YYYY-MM-DD``), if it is one."""
    if not isinstance(value, str):
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        return None


def _moment_of(value: JsonValue) -> datetime | None:
    """The moment a date-and-time answer holds (stored with its offset), if it is one."""
    if not isinstance(value, str):
        return None
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        return None
    return moment if moment.tzinfo is not None else None
