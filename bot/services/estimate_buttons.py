"""The buttons of an estimate: typed callback data with short prefixes and the keyboards
built from them. They sit apart because the ask (:mod:`bot.services.estimates`), its
deadline reminders (:mod:`bot.services.estimate_deadlines`) and the handlers all send them,
and the ask plans those reminders: buttons kept in either would make the two import each
other.
"""

from __future__ import annotations

from aiogram.filters.callback_data import CallbackData
from aiogram.types import InlineKeyboardMarkup
from pydantic import Field

from bot.i18n import Translator
from bot.keyboard import InlineKeyboard

ANYONE = 0
"""``EstimatePick.user`` for "whoever is free"."""


class EstimateNew(CallbackData, prefix="en"):
    """ "Ask for an estimate" under the brief."""

    request: int = Field(ge=1)


class EstimatePick(CallbackData, prefix="ep"):
    """One estimator, or ``ANYONE``."""

    request: int = Field(ge=1)
    user: int = Field(ge=0)


class EstimateDefault(CallbackData, prefix="eu"):
    """The default deadline, under "by when?"."""

    days: int = Field(ge=1, le=60)


class EstimateReply(CallbackData, prefix="ea"):
    """The estimator accepts or declines."""

    estimate: int = Field(ge=1)
    accept: bool


class EstimateDeliver(CallbackData, prefix="ed"):
    """ "Deliver the estimate": the estimator sends the file and the summary."""

    estimate: int = Field(ge=1)


class EstimateFile(CallbackData, prefix="ef"):
    """The owner opens the delivered file."""

    estimate: int = Field(ge=1)


class EstimateRework(CallbackData, prefix="er"):
    """The owner sends a delivered estimate back with a reason."""

    estimate: int = Field(ge=1)


def reply_keyboard(t: Translator, estimate_id: int) -> InlineKeyboardMarkup:
    builder = InlineKeyboard()
    builder.button(
        text=t("estimates-accept"), callback_data=EstimateReply(estimate=estimate_id, accept=True)
    )
    builder.button(
        text=t("estimates-decline"),
        callback_data=EstimateReply(estimate=estimate_id, accept=False),
    )
    builder.adjust(1)
    return builder.as_markup()


def deliver_keyboard(t: Translator, estimate_id: int) -> InlineKeyboardMarkup:
    builder = InlineKeyboard()
    builder.button(
        text=t("estimates-deliver"), callback_data=EstimateDeliver(estimate=estimate_id)
    )
    return builder.as_markup()


def delivered_keyboard(t: Translator, estimate_id: int) -> InlineKeyboardMarkup:
    builder = InlineKeyboard()
    builder.button(text=t("estimates-open-file"), callback_data=EstimateFile(estimate=estimate_id))
    builder.button(text=t("estimates-rework"), callback_data=EstimateRework(estimate=estimate_id))
    builder.adjust(1)
    return builder.as_markup()
