"""Reading a typed answer for any field of a scenario.

:func:`parse_answer` is the single entry point for text a user typed; buttons, shared
contacts and files go through :mod:`scenarios.choices`. Every function is pure: the dialog
passes ``now``, the user's zone and locale, and renders the result from ``locales/``.
"""

from __future__ import annotations

import re
from datetime import date, datetime, tzinfo
from decimal import ROUND_HALF_UP, Decimal
from urllib.parse import urlsplit

from babel.dates import format_date, format_time
from babel.numbers import format_currency, format_decimal

from domain.dates import DateProblem, parse_date, parse_datetime, zone
from domain.normalize import format_phone, normalize_email, normalize_phone
from domain.numbers import parse_amount
from scenarios.answers import SKIPPED_DISPLAY, ErrorCode, FieldError, Parsed
from scenarios.choices import parse_choice_text, parse_yes_no
from scenarios.schema import FieldType, FormField

EMAIL = re.compile(r"^[^@\s]+@[^@\s.]+(?:\.[^@\s.]+)*\.[^@\s.\d]{2,}$")
HOST = re.compile(r"^(?:[\w-]+\.)+[\w-]{2,}$|^localhost$")
YEAR_MIN_DEFAULT = 1950
_LETTER_OR_DIGIT = re.compile(r"\w")


def parse_answer(
    field: FormField, raw_text: str, *, now: datetime, tz: str | tzinfo, locale: str
) -> Parsed | FieldError:
    """Check and normalize what the user typed for ``field``."""
    text = raw_text.strip()
    if not text:
        return FieldError(ErrorCode.EMPTY)
    match field.type:
        case FieldType.SHORT_TEXT | FieldType.LONG_TEXT:
            return parse_text(field, text)
        case FieldType.INTEGER:
            return parse_integer(field, text, locale=locale)
        case FieldType.MONEY:
            return parse_money(field, text, locale=locale)
        case FieldType.PHONE:
            return parse_phone(text)
        case FieldType.EMAIL:
            return parse_email(text)
        case FieldType.URL:
            return parse_url(text)
        case FieldType.SINGLE_CHOICE | FieldType.MULTI_CHOICE:
            return parse_choice_text(field, text, locale=locale)
        case FieldType.YES_NO:
            return parse_yes_no(text)
        case FieldType.DATE | FieldType.DATETIME:
            return parse_when(field, text, now=now, tz=tz, locale=locale)
        case FieldType.YEAR_RANGE:
            return parse_year_range(field, text, now=now)
        case FieldType.ATTACHMENTS:
            return FieldError(ErrorCode.SEND_FILE)


def skip_answer(field: FormField) -> Parsed | FieldError:
    """The "skip" button: an empty answer for optional fields, an error for required ones."""
    if field.required:
        return FieldError(ErrorCode.REQUIRED)
    return Parsed(None, SKIPPED_DISPLAY)


def parse_text(field: FormField, text: str) -> Parsed | FieldError:
    """Free text; short text is kept on one line, long text keeps its paragraphs."""
    if field.type is FieldType.LONG_TEXT:
        lines = [line.rstrip() for line in text.strip().splitlines()]
        cleaned = re.sub(r"\n{3,}", "\n\n", "\n".join(lines))
    else:
        cleaned = " ".join(text.split())
    if len(cleaned) > field.effective_max_length:
        return FieldError(
            ErrorCode.TOO_LONG, {"length": len(cleaned), "max": field.effective_max_length}
        )
    if not _LETTER_OR_DIGIT.search(cleaned):
        return FieldError(ErrorCode.NO_LETTERS)
    if len(cleaned) < field.effective_min_length:
        return FieldError(
            ErrorCode.TOO_SHORT, {"length": len(cleaned), "min": field.effective_min_length}
        )
    return Parsed(cleaned, cleaned)


def parse_integer(field: FormField, text: str, *, locale: str) -> Parsed | FieldError:
    """A whole number such as a headcount or mileage; "1 500" and "15k" are fine."""
    amount = parse_amount(text)
    if amount is None:
        return FieldError(ErrorCode.NOT_A_NUMBER, {"value": text[:40]})
    if amount != amount.to_integral_value():
        return FieldError(ErrorCode.NOT_WHOLE, {"value": text[:40]})
    number = int(amount)
    return _check_bounds(field, number) or Parsed(number, number_text(number, locale))


def number_text(number: int, locale: str) -> str:
    """A whole number as ``locale`` writes it ("1 500", "1,500"): for the author, and
    drawn again for each reader from the stored number."""
    return format_decimal(number, locale=locale)


def parse_money(field: FormField, text: str, *, locale: str) -> Parsed | FieldError:
    """An amount in the field's currency, rounded to whole units: budgets have no kopecks."""
    amount = parse_amount(text)
    if amount is None:
        return FieldError(ErrorCode.NOT_A_NUMBER, {"value": text[:40]})
    number = int(amount.quantize(Decimal(1), rounding=ROUND_HALF_UP))
    currency = field.effective_currency
    error = _check_bounds(field, number, default_min=0)
    if error is not None:
        return error
    return Parsed({"amount": number, "currency": currency}, money_text(number, currency, locale))


def money_text(amount: int, currency: str, locale: str) -> str:
    """An amount as ``locale`` writes it, whole units and the currency's sign after it:
    for the author, and drawn again for each reader from the stored amount."""
    return format_currency(
        amount, currency, format="#,##0 ¤", locale=locale, currency_digits=False
    )


def _check_bounds(
    field: FormField, number: int, default_min: int | None = None
) -> FieldError | None:
    low = field.min_value if field.min_value is not None else default_min
    if low is not None and number < low:
        return FieldError(ErrorCode.NUMBER_TOO_SMALL, {"min": low})
    if field.max_value is not None and number > field.max_value:
        return FieldError(ErrorCode.NUMBER_TOO_LARGE, {"max": field.max_value})
    return None


def parse_phone(text: str) -> Parsed | FieldError:
    """A phone number stored in E.164; numbers without a country code are Russian."""
    e164 = normalize_phone(text)
    if e164 is None:
        return FieldError(ErrorCode.BAD_PHONE, {"value": text[:40]})
    return Parsed(e164, format_phone(e164))


def parse_email(text: str) -> Parsed | FieldError:
    """An email address, trimmed and lowercased."""
    email = normalize_email(text)
    if not EMAIL.match(email) or ".." in email:
        return FieldError(ErrorCode.BAD_EMAIL, {"value": text[:60]})
    return Parsed(email, email)


def parse_url(text: str) -> Parsed | FieldError:
    """A web address; "site.ru" is read as "https://site.ru"."""
    candidate = (
        text if re.match(r"^[a-z][a-z0-9+.-]*://", text, re.IGNORECASE) else f"https://{text}"
    )
    try:
        parts = urlsplit(candidate)
        host = parts.hostname or ""
    except ValueError:
        return FieldError(ErrorCode.BAD_URL, {"value": text[:60]})
    if parts.scheme.lower() not in {"http", "https"} or not HOST.match(host) or " " in text:
        return FieldError(ErrorCode.BAD_URL, {"value": text[:60]})
    return Parsed(candidate, candidate)


def parse_when(
    field: FormField, text: str, *, now: datetime, tz: str | tzinfo, locale: str
) -> Parsed | FieldError:
    """A date or date-time typed in Russian or English, in the user's time zone."""
    if field.type is FieldType.DATE:
        day = parse_date(text, now=now, tz=tz)
        if isinstance(day, DateProblem):
            return FieldError(ErrorCode(day.code))
        return date_answer(field, day, now=now, tz=tz, locale=locale)
    moment = parse_datetime(text, now=now, tz=tz)
    if isinstance(moment, DateProblem):
        return FieldError(ErrorCode(moment.code))
    if field.future and moment < now:
        return FieldError(ErrorCode.DATE_IN_PAST)
    display = f"{format_date(moment, 'long', locale=locale)}, "
    display += format_time(moment, "short", locale=locale)
    return Parsed(moment.isoformat(), display)


def date_answer(
    field: FormField, day: date, *, now: datetime, tz: str | tzinfo, locale: str
) -> Parsed | FieldError:
    """A calendar date checked against ``future``; also used by the quick date buttons."""
    if field.future and day < now.astimezone(zone(tz)).date():
        return FieldError(ErrorCode.DATE_IN_PAST)
    return Parsed(day.isoformat(), date_text(day, locale))


def date_text(day: date, locale: str) -> str:
    """A calendar date as ``locale`` writes it in full ("3 марта 2026 г.", "March 3, 2026"):
    for the author, and drawn again for each reader from the stored day."""
    return format_date(day, "long", locale=locale)


_YEAR_SPAN = re.compile(
    r"^(?:с|от|from)?\s*(?P<a>\d{4})\s*(?:-|–|—|\.\.|до|по|to)\s*(?P<b>\d{4})(?:\s*(?:гг?|годы?)\.?)?$"
)
_YEAR_FROM = re.compile(r"^(?:(?:с|от|from|не старше)\s*(?P<a>\d{4})|(?P<b>\d{4})\s*\+)$")
_YEAR_ONE = re.compile(r"^(?P<a>\d{4})(?:\s*(?:г|года?|year))?\.?$")


def parse_year_range(field: FormField, text: str, *, now: datetime) -> Parsed | FieldError:
    """A model year or a span: "2019", "2019-2022", "с 2019 по 2022", "2019+"."""
    low = field.min_value if field.min_value is not None else YEAR_MIN_DEFAULT
    high = field.max_value if field.max_value is not None else now.year + 1
    cleaned = " ".join(text.lower().split())
    if span := _YEAR_SPAN.match(cleaned):
        first, last = sorted((int(span["a"]), int(span["b"])))
    elif since := _YEAR_FROM.match(cleaned):
        first, last = int(since["a"] or since["b"]), high
    elif one := _YEAR_ONE.match(cleaned):
        first = last = int(one["a"])
    else:
        return FieldError(ErrorCode.BAD_YEAR_RANGE, {"value": text[:40]})
    if first < low or last > high:
        return FieldError(ErrorCode.YEAR_OUT_OF_RANGE, {"min": str(low), "max": str(high)})
    display = str(first) if first == last else f"{first}–{last}"
    return Parsed({"from": first, "to": last}, display)
