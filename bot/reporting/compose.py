"""A report as the reader gets it: a short text, tables as a rich message, and the charts.

Texts and chart labels come from ``locales/`` in the reader's language; numbers go
through Fluent's ``NUMBER`` so decimals read as the reader writes them.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from aiogram.types import InputRichMessage

from bot.i18n import Translator
from bot.reporting.charts import Chart, ClaimChart, FunnelChart, PeopleChart, TrendChart
from bot.reporting.formats import duration, percent
from bot.reporting.tables import TABLE_ROWS, tables
from bot.services.card_text import stage_label
from domain.metrics.report import Report
from domain.metrics.trend import TrendWeek


@dataclass(frozen=True)
class Composed:
    """What is sent: ``text`` (HTML), ``tables`` (one rich message) and ``charts`` to draw."""

    text: str
    tables: InputRichMessage
    charts: list[Chart]


def compose(
    report: Report,
    t: Translator,
    *,
    zone: ZoneInfo,
    title: str,
    names: Mapping[int, str],
    trend: Sequence[TrendWeek],
    claim_limit: float | None,
) -> Composed:
    """The text, the tables and the charts of ``report``."""
    return Composed(
        text=headline(report, t, zone=zone, title=title, names=names),
        tables=tables(report, t, title=title, names=names),
        charts=charts(report, t, zone=zone, names=names, trend=trend, claim_limit=claim_limit),
    )


def headline(
    report: Report, t: Translator, *, zone: ZoneInfo, title: str, names: Mapping[int, str]
) -> str:
    """The headline numbers and what needs attention, as one message."""
    won = report.funnel[-1]
    claims = report.claiming
    lines = [
        t("report-title", title=title),
        "",
        t(
            "report-line-volume",
            submitted=len(report.history.requests),
            taken=report.funnel[1].reached,
            won=report.outcomes.won,
            lost=report.outcomes.lost,
            junk=report.outcomes.junk,
        ),
        t(
            "report-line-conversion",
            win_rate=percent(t, report.outcomes.win_rate),
            conversion=percent(t, won.cumulative),
            target=percent(t, won.target),
        ),
        t(
            "report-line-claims",
            median=duration(t, claims.median_minutes),
            p90=duration(t, claims.p90_minutes),
            in_time=percent(t, claims.within_limit),
            escalations=sum(claims.escalations.values()),
        ),
        t(
            "report-line-followups",
            on_time=report.steps.on_time,
            late=report.steps.late,
            overdue=report.steps.overdue_now,
            held=report.meetings.held,
            confirmed=percent(t, report.meetings.confirmed_share),
        ),
        t("report-line-nurture", count=report.history.in_nurture),
    ]
    attention = _attention(report, t, zone=zone, names=names)
    if attention:
        lines += ["", t("report-attention"), *attention]
    return "\n".join(lines)


def _attention(
    report: Report, t: Translator, *, zone: ZoneInfo, names: Mapping[int, str]
) -> list[str]:
    items = []
    step = report.attention.worst_overdue
    if step is not None:
        items.append(
            t(
                "report-attention-overdue",
                number=step.request_id,
                person=names.get(step.assignee_id, str(step.assignee_id)),
                due=t.datetime(step.due_at.astimezone(zone)),
            )
        )
    slowest = report.attention.slowest
    if slowest is not None and slowest.median_hours is not None:
        items.append(
            t(
                "report-attention-slowest",
                stage=stage_label(t, slowest.stage),
                median=duration(t, slowest.median_hours * 60),
                limit=duration(t, slowest.limit_hours * 60 if slowest.limit_hours else None),
            )
        )
    busiest = report.attention.overloaded
    if busiest is not None:
        items.append(
            t(
                "report-attention-overloaded",
                person=names.get(busiest.person_id, str(busiest.person_id)),
                load=busiest.load,
            )
        )
    return items


def charts(
    report: Report,
    t: Translator,
    *,
    zone: ZoneInfo,
    names: Mapping[int, str],
    trend: Sequence[TrendWeek],
    claim_limit: float | None,
) -> list[Chart]:
    """The four charts, labelled in the reader's language."""
    busiest = report.experts[:TABLE_ROWS]
    return [
        FunnelChart(
            title=t("report-chart-funnel"),
            stages=[stage_label(t, row.stage) for row in report.funnel],
            reached=[row.reached for row in report.funnel],
            labels=[f"{row.reached} · {percent(t, row.cumulative)}" for row in report.funnel],
            targets=[row.target for row in report.funnel],
            target_label=t("report-chart-target"),
        ),
        TrendChart(
            title=t("report-chart-trend"),
            weeks=[t("report-week", date=week.start.astimezone(zone)) for week in trend],
            series=[
                (t("report-col-submitted"), [week.submitted for week in trend]),
                (t("report-col-taken"), [week.taken for week in trend]),
                (t("report-col-won"), [week.won for week in trend]),
            ],
        ),
        ClaimChart(
            title=t("report-chart-claims"),
            minutes=report.claiming.samples,
            limit=claim_limit,
            x_label=t("report-chart-minutes"),
            limit_label=t("report-chart-limit"),
        ),
        PeopleChart(
            title=t("report-chart-experts"),
            people=[names.get(row.person_id, str(row.person_id)) for row in busiest],
            series=[
                (t("report-col-load"), [row.load for row in busiest]),
                (t("report-col-taken"), [row.taken for row in busiest]),
                (t("report-col-won"), [row.won for row in busiest]),
            ],
        ),
    ]
