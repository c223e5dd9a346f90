"""Texts of the intake dialog: a question with its step, the summary card, the receipt.

Everything a user typed or a scenario file says reaches the message as an argument of a
Fluent message, so it is HTML-escaped on the way (see :mod:`bot.i18n`).
"""

from __future__ import annotations

from bot.i18n import Html, Translator
from domain.flow import progress, visible_fields
from handlers.intake.draft import Draft
from scenarios.answers import ErrorCode, FieldError
from scenarios.schema import FieldType, FormField, Scenario, localized

SUMMARY_LIMIT = 3800
"""Telegram's message limit is 4096 characters; the rest is room for the frame."""
BUTTON_LABEL_LIMIT = 40
CURRENT_LIMIT = 1000
"""How much of the current answer a question asked again shows: Fluent renders an argument
past 2,500 characters as "{???}", and "Keep it" keeps the whole answer anyway."""


def shorten(text: str, limit: int) -> str:
    """Cut a text to ``limit`` characters, marking the cut with an ellipsis."""
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def field_label(field: FormField, t: Translator) -> str:
    """The question in the user's language."""
    return localized(field.asked, t.locale)


def question_text(scenario: Scenario, draft: Draft, field: FormField, t: Translator) -> str:
    """A question with "step N of M", its hint, how to answer and the current answer."""
    step, total = progress(scenario, draft.values(), field.id)
    lines = [
        t("intake-step", step=step, total=total, scenario=localized(scenario.title, t.locale)),
        t("intake-question", label=field_label(field, t)),
    ]
    if field.hint:
        lines.append(t("intake-hint", hint=localized(field.hint, t.locale)))
    lines.append(t(f"intake-how-{field.type.value.replace('_', '-')}"))
    if not field.required:
        lines.append(t("intake-optional"))
    if draft.typing_other:
        lines.append(t("intake-type-other"))
    if draft.pending_day is not None:
        lines.append(t("intake-need-time"))
    if field.type is FieldType.ATTACHMENTS and draft.files:
        lines.append(t("intake-files-received", count=len(draft.files)))
    current = draft.answers.get(field.id)
    if current is not None:
        lines.append(t("intake-current", answer=shorten(current.display, CURRENT_LIMIT)))
    return "\n".join(lines)


FORMAT_ERRORS = frozenset(
    {
        ErrorCode.NOT_A_NUMBER,
        ErrorCode.NOT_WHOLE,
        ErrorCode.BAD_PHONE,
        ErrorCode.BAD_EMAIL,
        ErrorCode.BAD_URL,
        ErrorCode.BAD_YES_NO,
        ErrorCode.BAD_DATE,
        ErrorCode.BAD_TIME,
        ErrorCode.NEEDS_TIME,
        ErrorCode.BAD_YEAR_RANGE,
    }
)
"""Errors whose message already shows how to write the answer; the hint would repeat it."""


def error_text(error: FieldError, field: FormField, t: Translator) -> str:
    """What was wrong with an answer, with one example: the message's own for a format
    problem, else the field's hint, else a general one (``field-example-<code>``): a general
    example beside the hint would contradict it (a VIN's 17 characters are no "John Smith")."""
    lines = [t("intake-error", problem=Html(t(error.message_id, **error.args)))]
    general = f"field-example-{error.code}"
    if field.hint and error.code not in FORMAT_ERRORS:
        lines.append(t("intake-hint", hint=localized(field.hint, t.locale)))
    elif t.has(general):
        lines.append(t(general))
    return "\n".join(lines)


def summary_text(scenario: Scenario, draft: Draft, t: Translator) -> str:
    """The card the user checks before submitting: every visible question and its answer."""
    fields = visible_fields(scenario, draft.values())
    limit = 600
    while True:
        items = [
            t(
                "intake-summary-item",
                number=index,
                label=field_label(field, t),
                answer=shorten(_display(draft, field), limit),
            )
            for index, field in enumerate(fields, start=1)
        ]
        body = "\n\n".join(items)
        if len(body) < SUMMARY_LIMIT or limit <= 60:
            break
        limit //= 2
    head = t("intake-summary-head", scenario=localized(scenario.title, t.locale))
    return f"{head}\n\n{body}\n\n{t('intake-summary-footer')}"


def _display(draft: Draft, field: FormField) -> str:
    answer = draft.answers.get(field.id)
    return answer.display if answer is not None else "—"


def edit_button_label(number: int, field: FormField, t: Translator) -> str:
    """The label of a summary "edit" button: the question's number and its start."""
    return t(
        "intake-button-edit",
        number=number,
        label=Html(shorten(field_label(field, t), BUTTON_LABEL_LIMIT)),
    )
