"""Answers that come from buttons, shared contacts and files rather than typed text.

Button payloads are option ids; a stale or forged id is an expected case and yields an
error code like any other wrong answer. Typed text for choice fields is matched against
option labels too, because people type "Корея" instead of pressing the button.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from pydantic import JsonValue

from domain.normalize import format_phone, normalize_phone
from scenarios.answers import SKIPPED_DISPLAY, ErrorCode, FieldError, Parsed
from scenarios.schema import (
    OTHER_OPTION_ID,
    AttachmentKind,
    FieldType,
    FormField,
    localized,
)

YES_DISPLAY = "✅"
NO_DISPLAY = "❌"
ATTACHMENTS_DISPLAY = "📎 {count}"
OTHER_MAX_LENGTH = 200

_YES = {"да", "д", "ага", "конечно", "есть", "yes", "y", "yep", "sure", "true", "+", "1"}
_NO = {"нет", "н", "не", "no", "n", "nope", "false", "-", "0"}


def parse_yes_no(text: str) -> Parsed | FieldError:
    """A typed yes or no in Russian or English."""
    word = text.strip().lower().strip(".!")
    if word in _YES:
        return Parsed(True, YES_DISPLAY)
    if word in _NO:
        return Parsed(False, NO_DISPLAY)
    return FieldError(ErrorCode.BAD_YES_NO)


def choose_option(field: FormField, option_id: str, *, locale: str) -> Parsed | FieldError:
    """A pressed button of a single choice or yes/no field (ids ``yes`` and ``no``)."""
    if field.type is FieldType.YES_NO:
        return parse_yes_no(option_id) if option_id in {"yes", "no"} else _unknown(field, locale)
    option = field.option(option_id)
    if field.type is not FieldType.SINGLE_CHOICE or option is None:
        return _unknown(field, locale)
    return Parsed(option.id, localized(option.label, locale))


def toggle_option(
    field: FormField, selected: Sequence[str], option_id: str, *, locale: str
) -> list[str] | FieldError:
    """Selection of a multi choice field after one more button press (press again to undo)."""
    if field.option(option_id) is None:
        return _unknown(field, locale)
    if option_id in selected:
        return [item for item in selected if item != option_id]
    if field.max_choices is not None and len(selected) >= field.max_choices:
        return FieldError(ErrorCode.TOO_MANY_OPTIONS, {"max": field.max_choices})
    known = [option.id for option in field.options]
    return sorted([*selected, option_id], key=known.index)


def finish_ticks(
    field: FormField, selected: Sequence[str], *, locale: str, other: str | None = None
) -> Parsed | FieldError:
    """The "done" button of a multi choice field; ``other`` is an own answer typed earlier
    and still ticked, which "done" must not lose.

    With nothing ticked on a required question the user is told to tick an option: the
    general "required" message asks to type what is known, which a button question can't use.
    """
    if field.required and not selected and not other:
        return FieldError(ErrorCode.NOTHING_TICKED)
    return finish_choices(field, selected, locale=locale, other=other)


def saved_ticks(field: FormField, value: JsonValue) -> list[str]:
    """The options of a saved multi choice answer, to tick again when the question is shown
    again (so "done" keeps the answer); an own typed answer and unknown ids are left out."""
    if field.type is not FieldType.MULTI_CHOICE or not isinstance(value, list):
        return []
    return [item for item in value if isinstance(item, str) and field.option(item) is not None]


def saved_other(field: FormField, value: JsonValue) -> str | None:
    """The own answer typed after "Other" in a saved multi choice answer, to keep it ticked
    when the question is shown again, as :func:`saved_ticks` does for the options."""
    if field.type is not FieldType.MULTI_CHOICE or not isinstance(value, list):
        return None
    for item in value:
        if isinstance(item, dict) and isinstance(own := item.get(OTHER_OPTION_ID), str):
            return own
    return None


def finish_choices(
    field: FormField, selected: Sequence[str], *, locale: str, other: str | None = None
) -> Parsed | FieldError:
    """A multi choice answer from the ticked or typed options; ``other`` is the typed own
    answer, if any."""
    if any(field.option(item) is None for item in selected):
        return _unknown(field, locale)
    if not selected and not other:
        return FieldError(ErrorCode.REQUIRED) if field.required else Parsed([], SKIPPED_DISPLAY)
    if field.max_choices is not None and len(selected) > field.max_choices:
        return FieldError(ErrorCode.TOO_MANY_OPTIONS, {"max": field.max_choices})
    value: list[JsonValue] = list(selected)
    labels = [_label(field, item, locale) for item in selected]
    if other:
        value.append({OTHER_OPTION_ID: other})
        labels.append(other)
    return Parsed(value, ", ".join(labels))


def parse_choice_text(field: FormField, text: str, *, locale: str) -> Parsed | FieldError:
    """Typed text for a choice field: an option label, id or number, or an own answer."""
    if field.type is FieldType.SINGLE_CHOICE:
        option_id = match_option(field, text)
        if option_id is not None:
            return Parsed(option_id, _label(field, option_id, locale))
        return _other_answer(field, text, locale) or _unknown(field, locale)
    parts = [part.strip() for part in re.split(r"[,;\n]+", text) if part.strip()]
    selected: list[str] = []
    unmatched: list[str] = []
    for part in parts:
        option_id = match_option(field, part)
        if option_id is None:
            unmatched.append(part)
        elif option_id not in selected:
            selected.append(option_id)
    other = ", ".join(unmatched) or None
    if other and not field.allow_other:
        return _unknown(field, locale)
    if other and len(other) > OTHER_MAX_LENGTH:
        return FieldError(ErrorCode.TOO_LONG, {"length": len(other), "max": OTHER_MAX_LENGTH})
    return finish_choices(field, selected, locale=locale, other=other)


def match_option(field: FormField, text: str) -> str | None:
    """The option a typed word stands for: its id, a label in any locale, or its number."""
    wanted = _simplify(text)
    if wanted.isdigit() and 1 <= int(wanted) <= len(field.options):
        return field.options[int(wanted) - 1].id
    for option in field.options:
        names = {option.id, *(_simplify(label) for label in option.label.values())}
        if wanted in names:
            return option.id
    return None


def choice_text(field: FormField, value: JsonValue, *, locale: str) -> str | None:
    """A stored choice answer as ``locale`` reads it: each option by its label, an own
    answer as typed; ``None`` when it cannot be read (an option the form no longer has)."""
    items = value if isinstance(value, list) else [value]
    if not items or (isinstance(value, list) and field.type is not FieldType.MULTI_CHOICE):
        return None
    texts = []
    for item in items:
        option = field.option(item) if isinstance(item, str) else None
        own = item.get(OTHER_OPTION_ID) if isinstance(item, dict) else None
        if option is not None:
            texts.append(localized(option.label, locale))
        elif isinstance(own, str):
            texts.append(own)
        else:
            return None
    return ", ".join(texts)


def _simplify(text: str) -> str:
    return " ".join(text.lower().replace("ё", "е").strip(" .!«»\"'").split())


def _label(field: FormField, option_id: str, locale: str) -> str:
    option = field.option(option_id)
    return localized(option.label, locale) if option else option_id


def _other_answer(field: FormField, text: str, locale: str) -> Parsed | FieldError | None:
    if not field.allow_other:
        return None
    cleaned = " ".join(text.split())
    if len(cleaned) > OTHER_MAX_LENGTH:
        return FieldError(ErrorCode.TOO_LONG, {"length": len(cleaned), "max": OTHER_MAX_LENGTH})
    if not re.search(r"\w", cleaned):
        return FieldError(ErrorCode.NO_LETTERS)
    return Parsed({OTHER_OPTION_ID: cleaned}, cleaned)


def _unknown(field: FormField, locale: str) -> FieldError:
    names = ", ".join(localized(option.label, locale) for option in field.options[:6])
    return FieldError(ErrorCode.UNKNOWN_OPTION, {"options": names})


def parse_contact_phone(phone_number: str) -> Parsed | FieldError:
    """The number from Telegram's "share contact" button.

    Telegram sends it in international form, sometimes without the plus (``79123456789``),
    so the plus is tried first and the Russian reading second.
    """
    digits = re.sub(r"\D", "", phone_number)
    e164 = normalize_phone(f"+{digits}") if digits else None
    e164 = e164 or normalize_phone(phone_number)
    if e164 is None:
        return FieldError(ErrorCode.BAD_PHONE, {"value": phone_number[:40]})
    return Parsed(e164, format_phone(e164))


@dataclass(frozen=True, slots=True)
class Attachment:
    """A file the user sent: Telegram's ``file_id`` is enough to forward it later."""

    kind: AttachmentKind
    file_id: str
    file_name: str | None = None

    def as_json(self) -> dict[str, str | None]:
        """The form in which the attachment is kept among the answers."""
        return {"kind": self.kind.value, "file_id": self.file_id, "file_name": self.file_name}


def add_attachment(
    field: FormField, current: Sequence[Mapping[str, str | None]], attachment: Attachment
) -> list[dict[str, str | None]] | FieldError:
    """The attachments collected so far plus one more, if the field accepts it."""
    if attachment.kind not in field.accept:
        return FieldError(ErrorCode.WRONG_ATTACHMENT, {"kind": field.accept[0].value})
    if len(current) >= field.effective_max_count:
        return FieldError(ErrorCode.TOO_MANY_ATTACHMENTS, {"max": field.effective_max_count})
    return [dict(item) for item in current] + [attachment.as_json()]


def finish_attachments(
    field: FormField, current: Sequence[Mapping[str, str | None]]
) -> Parsed | FieldError:
    """The "done" button of an attachments field."""
    count = len(current)
    if count < field.effective_min_count:
        return FieldError(
            ErrorCode.TOO_FEW_ATTACHMENTS, {"min": field.effective_min_count, "count": count}
        )
    value: list[JsonValue] = [dict(item) for item in current]
    return Parsed(value, ATTACHMENTS_DISPLAY.format(count=count) if count else SKIPPED_DISPLAY)
