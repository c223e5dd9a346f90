"""Turning what the user did (typed, pressed, sent) into an answer or a refusal.

The parsing rules belong to :mod:`scenarios`; this module only picks the right rule for
the dialog's situation (typing an own option, a day already chosen by a button, ...).
"""

from __future__ import annotations

import re
from datetime import date

from bot.services.answer_text import yes_no_word
from domain.dates import quick_dates
from handlers.intake.callbacks import FieldAct
from handlers.intake.draft import Draft
from handlers.intake.screens import Screen
from scenarios.answers import ErrorCode, FieldError, Parsed
from scenarios.choices import (
    OTHER_MAX_LENGTH,
    choose_option,
    finish_attachments,
    finish_choices,
    finish_ticks,
    parse_choice_text,
    toggle_option,
)
from scenarios.fields import date_answer, parse_answer, skip_answer
from scenarios.schema import FieldType, FormField

UNKNOWN = "?"
"""An option id no field has: what a forged option number is read as."""


def worded(field: FormField, parsed: Parsed, screen: Screen) -> Parsed:
    """A yes/no answer shown as the word ("Да", "Yes"), not as a bare mark."""
    if field.type is FieldType.YES_NO and isinstance(parsed.value, bool):
        return Parsed(parsed.value, yes_no_word(screen.t, parsed.value))
    return parsed


def read_text(field: FormField, draft: Draft, text: str, screen: Screen) -> Parsed | FieldError:
    """Typed text as the answer to ``field``."""
    locale = screen.t.locale
    if field.type is FieldType.ATTACHMENTS:
        return FieldError(ErrorCode.SEND_FILE)
    if draft.typing_other and field.type is FieldType.MULTI_CHOICE:
        own = " ".join(text.split())
        if len(own) > OTHER_MAX_LENGTH:
            return FieldError(ErrorCode.TOO_LONG, {"length": len(own), "max": OTHER_MAX_LENGTH})
        if not re.search(r"\w", own):
            return FieldError(ErrorCode.NO_LETTERS)
        return finish_choices(field, draft.picked, locale=locale, other=own)
    if draft.typing_other and field.type is FieldType.SINGLE_CHOICE:
        return parse_choice_text(field, text, locale=locale)
    parsed = parse_answer(field, text, now=screen.now, tz=screen.tz, locale=locale)
    return worded(field, parsed, screen) if isinstance(parsed, Parsed) else parsed


def date_with_pending_day(
    field: FormField, day_iso: str, text: str, screen: Screen
) -> Parsed | FieldError:
    """The time typed after a quick day button; a full date and time typed instead wins.

    A time already past on the day pressed is refused as such: read alone, "10:00" would be
    tomorrow's, and "today" would quietly become the next day.
    """
    day = date.fromisoformat(day_iso)
    locale = screen.t.locale
    combined = parse_answer(
        field, f"{day:%d.%m.%Y} {text}", now=screen.now, tz=screen.tz, locale=locale
    )
    if isinstance(combined, Parsed) or combined.code is ErrorCode.DATE_IN_PAST:
        return combined
    return parse_answer(field, text, now=screen.now, tz=screen.tz, locale=locale)


def read_button(
    field: FormField, draft: Draft, act: FieldAct, arg: int, screen: Screen
) -> Parsed | FieldError | list[str]:
    """A pressed answer button; a list is the new selection of a multi-choice question."""
    locale = screen.t.locale
    option_id = field.options[arg].id if 0 <= arg < len(field.options) else UNKNOWN
    match act:
        case FieldAct.OPTION:
            return choose_option(field, option_id, locale=locale)
        case FieldAct.YES | FieldAct.NO if field.type is FieldType.YES_NO:
            chosen = choose_option(field, "yes" if act is FieldAct.YES else "no", locale=locale)
            return worded(field, chosen, screen) if isinstance(chosen, Parsed) else chosen
        case FieldAct.TOGGLE if field.type is FieldType.MULTI_CHOICE:
            return toggle_option(field, draft.picked, option_id, locale=locale)
        case FieldAct.DONE if field.type is FieldType.MULTI_CHOICE:
            return finish_ticks(field, draft.picked, locale=locale, other=draft.own_other)
        case FieldAct.DONE if field.type is FieldType.ATTACHMENTS:
            return finish_attachments(field, draft.files)
        case FieldAct.QUICK if field.type is FieldType.DATE:
            days = quick_dates_for(screen)
            if not 0 <= arg < len(days):
                return FieldError(ErrorCode.BAD_DATE)
            return date_answer(field, days[arg], now=screen.now, tz=screen.tz, locale=locale)
        case FieldAct.SKIP:
            return skip_answer(field)
        case FieldAct.KEEP if field.id in draft.answers:
            kept = draft.answers[field.id]
            return Parsed(kept.value, kept.display)
    return FieldError(ErrorCode.UNKNOWN_OPTION, {"options": ""})


def quick_dates_for(screen: Screen) -> list[date]:
    """The days behind the today / tomorrow / next week buttons."""
    return [quick.value for quick in quick_dates(now=screen.now, tz=screen.tz)]
