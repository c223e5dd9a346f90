"""Inline keyboards of the intake dialog, and the reply keyboard that shares a contact.

Button labels are plain text for Telegram (never parsed as HTML), so texts with user or
scenario content are built with ``Html`` arguments to skip escaping.
"""

from __future__ import annotations

from datetime import datetime, tzinfo

from aiogram.types import (
    InlineKeyboardMarkup,
    KeyboardButton,
    ReplyKeyboardMarkup,
)

from bot.i18n import Html, Translator
from bot.keyboard import ButtonStyle, InlineKeyboard
from domain.dates import quick_dates
from domain.flow import visible_fields
from handlers.intake.callbacks import (
    CancelAct,
    CancelButton,
    DraftAct,
    DraftButton,
    DuplicateAct,
    DuplicateButton,
    FieldAct,
    FieldButton,
    NewRequestButton,
    ScenarioButton,
    SummaryAct,
    SummaryButton,
)
from handlers.intake.draft import Draft
from handlers.intake.render import BUTTON_LABEL_LIMIT, edit_button_label, shorten
from scenarios.schema import FieldType, FormField, Scenario, localized


def scenario_picker(scenarios: list[Scenario], t: Translator) -> InlineKeyboardMarkup:
    """One button per form."""
    builder = InlineKeyboard()
    for scenario in scenarios:
        builder.button(
            text=localized(scenario.title, t.locale),
            callback_data=ScenarioButton(scenario=scenario.id),
        )
    builder.adjust(1)
    return builder.as_markup()


def question_keyboard(
    scenario: Scenario,
    draft: Draft,
    field: FormField,
    t: Translator,
    *,
    now: datetime,
    tz: str | tzinfo,
) -> InlineKeyboardMarkup | None:
    """Answer buttons for the field's type, then back / skip / keep."""
    builder = InlineKeyboard()
    sizes: list[int] = []

    def add(text: str, act: FieldAct, arg: int = 0) -> None:
        builder.button(
            text=text,
            callback_data=FieldButton(draft=draft.serial, field=field.id, act=act, arg=arg),
        )

    if field.type in (FieldType.SINGLE_CHOICE, FieldType.MULTI_CHOICE):
        multi = field.type is FieldType.MULTI_CHOICE
        for index, option in enumerate(field.options):
            label = localized(option.label, t.locale)
            if multi:
                ticked = option.id in draft.picked
                add(
                    t("intake-button-ticked", label=Html(label)) if ticked else label,
                    FieldAct.TOGGLE,
                    index,
                )
            else:
                add(label, FieldAct.OPTION, index)
            sizes.append(1)
        if field.allow_other and multi and draft.own_other:
            # The own answer kept from before, ticked like an option; a press unticks it.
            own = shorten(draft.own_other, BUTTON_LABEL_LIMIT)
            add(t("intake-button-ticked", label=Html(own)), FieldAct.OTHER)
            sizes.append(1)
        elif field.allow_other:
            add(t("intake-button-other"), FieldAct.OTHER)
            sizes.append(1)
        if multi:
            add(t("intake-button-done"), FieldAct.DONE)
            sizes.append(1)
    elif field.type is FieldType.YES_NO:
        add(t("intake-button-yes"), FieldAct.YES)
        add(t("intake-button-no"), FieldAct.NO)
        sizes.append(2)
    elif field.type in (FieldType.DATE, FieldType.DATETIME) and draft.pending_day is None:
        for index, quick in enumerate(quick_dates(now=now, tz=tz)):
            add(t(quick.message_id), FieldAct.QUICK, index)
        sizes.append(3)
    elif field.type is FieldType.ATTACHMENTS:
        add(t("intake-button-files-done"), FieldAct.DONE)
        sizes.append(1)

    navigation = 0
    # At "what time?" after a day button, Back returns to the day buttons, even on a first
    # question or one opened from the summary.
    back_to_days = draft.pending_day is not None
    if back_to_days or (not draft.editing and _has_previous(scenario, draft, field)):
        add(t("intake-button-back"), FieldAct.BACK)
        navigation += 1
    if not field.required:
        add(t("intake-button-skip"), FieldAct.SKIP)
        navigation += 1
    if field.id in draft.answers:
        add(t("intake-button-keep"), FieldAct.KEEP)
        navigation += 1
    if navigation:
        sizes.append(navigation)
    if not sizes:
        return None
    builder.adjust(*sizes)
    return builder.as_markup()


def _has_previous(scenario: Scenario, draft: Draft, field: FormField) -> bool:
    visible = [f.id for f in visible_fields(scenario, draft.values())]
    return field.id in visible and visible.index(field.id) > 0


def contact_keyboard(t: Translator) -> ReplyKeyboardMarkup:
    """The reply keyboard whose one button shares the user's own contact."""
    return ReplyKeyboardMarkup(
        keyboard=[[KeyboardButton(text=t("intake-button-share-contact"), request_contact=True)]],
        resize_keyboard=True,
        one_time_keyboard=True,
    )


def summary_keyboard(scenario: Scenario, draft: Draft, t: Translator) -> InlineKeyboardMarkup:
    """An edit button per visible answer, then submit."""
    builder = InlineKeyboard()
    for number, field in enumerate(visible_fields(scenario, draft.values()), start=1):
        builder.button(
            text=edit_button_label(number, field, t),
            callback_data=SummaryButton(draft=draft.serial, act=SummaryAct.EDIT, field=field.id),
        )
    builder.button(
        text=t("intake-button-submit"),
        callback_data=SummaryButton(draft=draft.serial, act=SummaryAct.SUBMIT),
        style="success",
    )
    builder.adjust(1)
    return builder.as_markup()


def cancel_keyboard(draft: Draft, t: Translator) -> InlineKeyboardMarkup:
    """Really cancel, or go on."""
    builder = InlineKeyboard()
    builder.button(
        text=t("intake-button-cancel-confirm"),
        callback_data=CancelButton(draft=draft.serial, act=CancelAct.CONFIRM),
        style="danger",
    )
    builder.button(
        text=t("intake-button-cancel-resume"),
        callback_data=CancelButton(draft=draft.serial, act=CancelAct.RESUME),
    )
    builder.adjust(1)
    return builder.as_markup()


def new_request_keyboard(t: Translator) -> InlineKeyboardMarkup:
    """The one button under the /start greeting."""
    builder = InlineKeyboard()
    builder.button(text=t("intake-button-new"), callback_data=NewRequestButton())
    return builder.as_markup()


def draft_keyboard(draft: Draft, t: Translator, scenario_id: str = "") -> InlineKeyboardMarkup:
    """Continue the open draft, or discard it (and start ``scenario_id``, if given)."""
    builder = InlineKeyboard()
    builder.button(
        text=t("intake-button-continue"),
        callback_data=DraftButton(draft=draft.serial, act=DraftAct.CONTINUE),
    )
    builder.button(
        text=t("intake-button-discard"),
        callback_data=DraftButton(draft=draft.serial, act=DraftAct.DISCARD, scenario=scenario_id),
        style="danger",
    )
    builder.adjust(1)
    return builder.as_markup()


def duplicate_keyboard(draft: Draft, t: Translator) -> InlineKeyboardMarkup:
    """Submit anyway, go back to the summary, or drop the request."""
    builder = InlineKeyboard()
    acts: tuple[tuple[DuplicateAct, str, ButtonStyle | None], ...] = (
        (DuplicateAct.SUBMIT, "intake-button-submit-anyway", None),
        (DuplicateAct.REVIEW, "intake-button-review", None),
        (DuplicateAct.DISCARD, "intake-button-drop", "danger"),
    )
    for act, key, style in acts:
        builder.button(
            text=t(key),
            callback_data=DuplicateButton(draft=draft.serial, act=act),
            style=style,
        )
    builder.adjust(1)
    return builder.as_markup()
