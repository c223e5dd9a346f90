"""/export: a manager picks a form, a format and a period, and gets the file when it is built."""

from __future__ import annotations

from aiogram import Router
from aiogram.filters import Command, CommandObject
from aiogram.filters.callback_data import CallbackData
from aiogram.types import CallbackQuery, InlineKeyboardMarkup, Message
from aiogram.utils.callback_answer import CallbackAnswer

from bot.i18n import Translator
from bot.keyboard import InlineKeyboard
from bot.reporting.export import ExportJob, Exports
from bot.reporting.gather import Scope
from bot.reporting.sheets import ExportFormat
from bot.settings import Settings
from domain.metrics.periods import PeriodKind
from handlers.reports import PERIOD_BUTTONS, REPORT_ROLES, pressed_period, typed_period
from scenarios.loader import ScenarioCatalog
from scenarios.schema import localized
from storage.models import User
from storage.repositories.holder import Repositories

router = Router(name=__name__)


class ExportPick(CallbackData, prefix="xp"):
    """A press on the export's keyboard: ``go`` starts the export, else it re-marks the choice."""

    period: PeriodKind
    form: str
    fmt: ExportFormat
    go: bool


def keyboard(t: Translator, catalog: ScenarioCatalog, pick: ExportPick) -> InlineKeyboardMarkup:
    """Periods (pressing one starts the export), then the forms, then the formats."""

    def mark(text: str, chosen: bool) -> str:
        return t("report-chosen", label=text) if chosen else text

    def choice(**changes: object) -> ExportPick:
        return pick.model_copy(update={"go": False, **changes})

    builder = InlineKeyboard()
    for kind in PERIOD_BUTTONS:
        builder.button(
            text=t(f"report-period-{kind.value}"),
            callback_data=pick.model_copy(update={"period": kind, "go": True}),
        )
    builder.adjust(2, 2, 1)
    forms = InlineKeyboard()
    forms.button(text=mark(t("report-all-forms"), not pick.form), callback_data=choice(form=""))
    for scenario in catalog.all():
        forms.button(
            text=mark(localized(scenario.title, t.locale), pick.form == scenario.id),
            callback_data=choice(form=scenario.id),
        )
    builder.attach(forms.adjust(1))
    formats = InlineKeyboard()
    for fmt in ExportFormat:
        formats.button(
            text=mark(t(f"export-format-{fmt.value}"), pick.fmt is fmt),
            callback_data=choice(fmt=fmt),
        )
    builder.attach(formats.adjust(2))
    return builder.as_markup()


@router.message(Command("export"))
async def export_command(
    message: Message,
    command: CommandObject,
    user: User,
    t: Translator,
    roles: frozenset[str],
    scenarios: ScenarioCatalog,
    settings: Settings,
    exports: Exports,
) -> None:
    """Buttons for the form, format and period; with two dates, an XLSX of those days."""
    if not roles & REPORT_ROLES:
        await message.answer(t("export-managers-only"))
        return
    if command.args:
        typed = await typed_period(
            message, command.args, user=user, settings=settings, t=t, usage="export-dates-usage"
        )
        if typed is not None:
            period, tz = typed
            job = ExportJob(message.chat.id, Scope(period), ExportFormat.XLSX, t, tz)
            if exports.start(job) is None:
                await message.answer(t("export-already"))
        return
    pick = ExportPick(period=PeriodKind.THIS_MONTH, form="", fmt=ExportFormat.XLSX, go=False)
    await message.answer(t("export-choose"), reply_markup=keyboard(t, scenarios, pick))


@router.callback_query(ExportPick.filter())
async def export_pressed(
    query: CallbackQuery,
    callback_data: ExportPick,
    repo: Repositories,
    user: User,
    t: Translator,
    roles: frozenset[str],
    scenarios: ScenarioCatalog,
    settings: Settings,
    exports: Exports,
    callback_answer: CallbackAnswer,
) -> None:
    """A period starts the export in the background; a form or a format re-marks the keyboard."""
    pressed = await pressed_period(
        query,
        callback_data,
        now=repo.clock.now(),
        user=user,
        t=t,
        roles=roles,
        scenarios=scenarios,
        settings=settings,
        callback_answer=callback_answer,
        refused="export-managers-only",
        usage="export-dates-usage",
        remark=lambda: keyboard(t, scenarios, callback_data),
    )
    if pressed is None:
        return
    message, period, tz = pressed
    scope = Scope(period=period, form=callback_data.form or None)
    started = exports.start(ExportJob(message.chat.id, scope, callback_data.fmt, t, tz))
    callback_answer.text = t("export-building" if started else "export-already")
