"""What reading an answer produces: a stored value with its display text, or an error code.

Error codes become Fluent message ids (``field-error-<code>`` in ``locales/*/fields.ftl``),
so the words stay in the locale files and the parsers stay free of language.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

from pydantic import JsonValue


@dataclass(frozen=True, slots=True)
class Parsed:
    """An accepted answer: ``value`` is stored as JSON, ``display`` goes on the request card."""

    value: JsonValue
    display: str


class ErrorCode(StrEnum):
    """Why an answer was refused; each has a ``field-error-<code>`` message in both locales."""

    EMPTY = "empty"
    REQUIRED = "required"
    TOO_LONG = "too-long"
    TOO_SHORT = "too-short"
    NO_LETTERS = "no-letters"
    NOT_A_NUMBER = "not-a-number"
    NOT_WHOLE = "not-whole"
    NUMBER_TOO_SMALL = "number-too-small"
    NUMBER_TOO_LARGE = "number-too-large"
    BAD_PHONE = "bad-phone"
    BAD_EMAIL = "bad-email"
    BAD_URL = "bad-url"
    UNKNOWN_OPTION = "unknown-option"
    TOO_MANY_OPTIONS = "too-many-options"
    NOTHING_TICKED = "nothing-ticked"
    BAD_YES_NO = "bad-yes-no"
    BAD_DATE = "bad-date"
    BAD_TIME = "bad-time"
    NEEDS_TIME = "needs-time"
    DATE_IN_PAST = "date-in-past"
    BAD_YEAR_RANGE = "bad-year-range"
    YEAR_OUT_OF_RANGE = "year-out-of-range"
    SEND_FILE = "send-file"
    WRONG_ATTACHMENT = "wrong-attachment"
    TOO_FEW_ATTACHMENTS = "too-few-attachments"
    TOO_MANY_ATTACHMENTS = "too-many-attachments"


@dataclass(frozen=True, slots=True)
class FieldError:
    """A refused answer; ``args`` are the Fluent variables of its message."""

    code: ErrorCode
    args: dict[str, str | int] = field(default_factory=dict)

    @property
    def message_id(self) -> str:
        """The Fluent message that explains this error to the user."""
        return f"field-error-{self.code}"


SKIPPED_DISPLAY = "—"
