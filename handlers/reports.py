"""/report: a manager picks a period, a form and a source, and gets text, tables and charts."""

from __future__ import annotations

from collections.abc import Callable
from datetime import MAXYEAR, MINYEAR, date, datetime
from typing import Protocol
from zoneinfo import ZoneInfo

from aiogram import Bot, Router
from aiogram.filters import Command, CommandObject
from aiogram.filters.callback_data import CallbackData
from aiogram.types import CallbackQuery, InlineKeyboardMarkup, Message
from aiogram.utils.callback_answer import CallbackAnswer

from bot.failures import is_transient
from bot.i18n import Translator
from bot.keyboard import InlineKeyboard
from bot.reporting.compose import Composed, compose
from bot.reporting.deliver import send_report
from bot.reporting.gather import Scope, form_of, gather
from bot.sending.replay import kept
from bot.settings import Settings
from domain.metrics.periods import Period, PeriodKind, days_period, period_of
from scenarios.loader import ScenarioCatalog
from scenarios.schema import FieldRole, localized
from storage.models import Role, User
from storage.repositories.holder import Repositories

router = Router(name=__name__)

REPORT_ROLES = frozenset({Role.MANAGER, Role.ADMIN})
EARLIEST_DAY, LATEST_DAY = date(MINYEAR + 1, 1, 1), date(MAXYEAR - 1, 12, 31)
"""The typed dates a report can be computed for: a year inside Python's calendar, so the
days' UTC bounds and the trend's weeks before them do not fall off its ends."""
PERIOD_BUTTONS = (
    PeriodKind.THIS_WEEK,
    PeriodKind.LAST_WEEK,
    PeriodKind.THIS_MONTH,
    PeriodKind.LAST_MONTH,
    PeriodKind.QUARTER,
)


class ReportPick(CallbackData, prefix="rp"):
    """A press on the report's keyboard: ``go`` sends the report, else it re-marks the choice.

    An empty ``form`` or ``source`` means all of them.
    """

    period: PeriodKind
    form: str
    source: str
    go: bool


def keyboard(t: Translator, catalog: ScenarioCatalog, pick: ReportPick) -> InlineKeyboardMarkup:
    """Periods (pressing one sends the report), forms, and the chosen form's sources."""

    def mark(text: str, chosen: bool) -> str:
        return t("report-chosen", label=text) if chosen else text

    builder = InlineKeyboard()
    for kind in PERIOD_BUTTONS:
        builder.button(
            text=t(f"report-period-{kind.value}"),
            callback_data=ReportPick(period=kind, form=pick.form, source=pick.source, go=True),
        )
    builder.adjust(2, 2, 1)
    forms = InlineKeyboard()
    forms.button(
        text=mark(t("report-all-forms"), not pick.form),
        callback_data=ReportPick(period=pick.period, form="", source="", go=False),
    )
    for scenario in catalog.all():
        forms.button(
            text=mark(localized(scenario.title, t.locale), pick.form == scenario.id),
            callback_data=ReportPick(period=pick.period, form=scenario.id, source="", go=False),
        )
    builder.attach(forms.adjust(1))
    chosen = form_of(catalog, pick.form or None)
    field = chosen.field_with_role(FieldRole.SOURCE) if chosen is not None else None
    if field is not None:
        sources = InlineKeyboard()
        sources.button(
            text=mark(t("report-all-sources"), not pick.source),
            callback_data=ReportPick(period=pick.period, form=pick.form, source="", go=False),
        )
        for option in field.options or []:
            sources.button(
                text=mark(localized(option.label, t.locale), pick.source == option.id),
                callback_data=ReportPick(
                    period=pick.period, form=pick.form, source=option.id, go=False
                ),
            )
        builder.attach(sources.adjust(2))
    return builder.as_markup()


def reader_zone(user: User, settings: Settings) -> ZoneInfo:
    """The zone the reader chose with /tz, else the team's."""
    return ZoneInfo(user.time_zone or settings.timezone)


def period_title(t: Translator, period: Period) -> str:
    return t("report-period-range", start=t.date(period.first_day), end=t.date(period.last_day))


def scope_title(t: Translator, catalog: ScenarioCatalog, scope: Scope) -> str:
    scenario = form_of(catalog, scope.form)
    form = localized(scenario.title, t.locale) if scenario is not None else t("report-all-forms")
    parts = [period_title(t, scope.period), form]
    if scope.source is not None:
        field = scenario.field_with_role(FieldRole.SOURCE) if scenario is not None else None
        options = field.options or [] if field is not None else []
        option = next((option for option in options if option.id == scope.source), None)
        parts.append(localized(option.label, t.locale) if option else scope.source)
    return " · ".join(parts)


def read_dates(text: str) -> tuple[date, date] | None:
    """``2026-03-01 2026-03-15`` or ``01.03.2026 15.03.2026``: any two dates it can compute."""
    parts = text.split()
    if len(parts) != 2:
        return None
    days = []
    for part in parts:
        for pattern in ("%Y-%m-%d", "%d.%m.%Y"):
            try:
                days.append(datetime.strptime(part, pattern).date())
                break
            except ValueError:
                continue
    if len(days) != 2 or not all(EARLIEST_DAY <= day <= LATEST_DAY for day in days):
        return None
    return days[0], days[1]


class PeriodPick(Protocol):
    """What the /report and /export keyboards' presses share."""

    period: PeriodKind
    form: str
    go: bool


async def typed_period(
    message: Message, args: str, *, user: User, settings: Settings, t: Translator, usage: str
) -> tuple[Period, ZoneInfo] | None:
    """The two dates typed after the command, as the reader's days; else ``usage`` is said."""
    dates = read_dates(args)
    if dates is None:
        await message.answer(t(usage))
        return None
    tz = reader_zone(user, settings)
    return days_period(PeriodKind.CUSTOM, *dates, tz), tz


async def pressed_period(
    query: CallbackQuery,
    pick: PeriodPick,
    *,
    now: datetime,
    user: User,
    t: Translator,
    roles: frozenset[str],
    scenarios: ScenarioCatalog,
    settings: Settings,
    callback_answer: CallbackAnswer,
    refused: str,
    usage: str,
    remark: Callable[[], InlineKeyboardMarkup],
) -> tuple[Message, Period, ZoneInfo] | None:
    """A press on a period keyboard: the message and the period when it is time to act.

    Otherwise the press is answered here: not a manager (``refused``), a form that is
    gone, a choice that only re-marks the keyboard (``remark``), or "any dates" (``usage``).
    """
    if not roles & REPORT_ROLES:
        callback_answer.show_alert = True
        callback_answer.text = t(refused)
        return None
    if not isinstance(query.message, Message):
        return None
    if pick.form and form_of(scenarios, pick.form) is None:
        callback_answer.show_alert = True
        callback_answer.text = t("report-unknown-form")
        return None
    if not pick.go:
        await query.message.edit_reply_markup(reply_markup=remark())
        return None
    if pick.period is PeriodKind.CUSTOM:
        callback_answer.text = t(usage)
        return None
    tz = reader_zone(user, settings)
    return query.message, period_of(pick.period, now, tz), tz


async def answer_report(
    bot: Bot,
    chat_id: int,
    scope: Scope,
    *,
    repo: Repositories,
    catalog: ScenarioCatalog,
    t: Translator,
    tz: ZoneInfo,
) -> None:
    """Gather, compose and send the report of ``scope`` to ``chat_id``.

    Composed once per update: when Telegram's trouble has the update handled again, the
    database may have moved on (a request submitted meanwhile), and a report counted
    anew would differ from the parts already sent, which would then go out a second time.
    The same report lets the journal answer what was sent, and only what is missing goes.
    """

    async def composed() -> Composed:
        gathered = await gather(repo, catalog, scope, zone=tz)
        return compose(
            gathered.report,
            t,
            zone=tz,
            title=scope_title(t, catalog, scope),
            names=gathered.names,
            trend=gathered.trend,
            claim_limit=gathered.claim_limit,
        )

    await send_report(bot, chat_id, await kept("report", composed))


@router.message(Command("report"))
async def report_command(
    message: Message,
    command: CommandObject,
    bot: Bot,
    repo: Repositories,
    user: User,
    t: Translator,
    roles: frozenset[str],
    scenarios: ScenarioCatalog,
    settings: Settings,
) -> None:
    """Buttons for the period and form; with two dates, the report for those days at once."""
    if not roles & REPORT_ROLES:
        await message.answer(t("report-managers-only"))
        return
    if command.args:
        typed = await typed_period(
            message, command.args, user=user, settings=settings, t=t, usage="report-dates-usage"
        )
        if typed is not None:
            period, tz = typed
            await answer_report(
                bot, message.chat.id, Scope(period), repo=repo, catalog=scenarios, t=t, tz=tz
            )
        return
    pick = ReportPick(period=PeriodKind.THIS_WEEK, form="", source="", go=False)
    await message.answer(t("report-choose"), reply_markup=keyboard(t, scenarios, pick))


@router.callback_query(ReportPick.filter())
async def report_pressed(
    query: CallbackQuery,
    callback_data: ReportPick,
    bot: Bot,
    repo: Repositories,
    user: User,
    t: Translator,
    roles: frozenset[str],
    scenarios: ScenarioCatalog,
    settings: Settings,
    callback_answer: CallbackAnswer,
) -> None:
    """A period sends the report; a form or a source re-marks the keyboard."""
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
        refused="report-managers-only",
        usage="report-dates-usage",
        remark=lambda: keyboard(t, scenarios, callback_data),
    )
    if pressed is None:
        return
    message, period, tz = pressed
    scope = Scope(
        period=period, form=callback_data.form or None, source=callback_data.source or None
    )
    # Answered before the work, so the button stops spinning while the charts are drawn.
    callback_answer.disable()
    await query.answer(t("report-building"))
    try:
        await answer_report(bot, message.chat.id, scope, repo=repo, catalog=scenarios, t=t, tz=tz)
    except Exception as error:
        # The press is answered already, so the error handler's apology cannot reach the
        # manager: said here, or they would wait for tables and charts that never come.
        if not is_transient(error):
            await message.answer(t("report-failed"))
        raise
