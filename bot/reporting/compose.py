"""A report as the reader gets it: a short text, tables as a rich message, and the charts.

Texts and chart labels come from ``locales/`` in the reader's language; numbers go
through Fluent's ``NUMBER`` so decimals read as the reader writes them.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from aiogram.types import (
    InputRichBlockParagraph,
    InputRichBlockSectionHeading,
    InputRichBlockTable,
    InputRichBlockUnion,
    InputRichMessage,
    RichBlockTableCell,
)

from bot.i18n import Translator
from bot.reporting.charts import Chart, ClaimChart, FunnelChart, PeopleChart, TrendChart
from bot.services.cards import stage_label
from domain.metrics.report import Report
from domain.metrics.trend import TrendWeek

#: Rows per people table: a phone shows this many without scrolling sideways for long.
TABLE_ROWS = 10


@dataclass(frozen=True)
class Composed:
    """What is sent: ``text`` (HTML), ``tables`` (one rich message) and ``charts`` to draw."""

    text: str
    tables: InputRichMessage
    charts: list[Chart]


def percent(t: Translator, value: float | None) -> str:
    """A share as "45%", or a dash when there was nothing to divide."""
    return t("report-percent", value=round(value * 100)) if value is not None else "—"


def duration(t: Translator, minutes: float | None) -> str:
    """Minutes up to two hours, hours up to two days, days beyond."""
    if minutes is None:
        return "—"
    if minutes < 120:
        return t("report-minutes", value=round(minutes))
    if minutes < 48 * 60:
        return t("report-hours", value=round(minutes / 60, 1))
    return t("report-days", value=round(minutes / 1440, 1))


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


def junk_reason(t: Translator, reason: str) -> str:
    """A junk reason's name in the reader's language; one typed by a person as it is."""
    key = f"report-junk-{reason}"
    return t(key) if t.has(key) else reason


def _cell(text: str, *, header: bool = False, align: str = "left") -> RichBlockTableCell:
    return RichBlockTableCell(
        text=text, align=align, valign="middle", is_header=True if header else None
    )


def _table(
    caption: str, head: Sequence[str], rows: Sequence[Sequence[str | int]]
) -> InputRichBlockTable:
    cells = [[_cell(name, header=True) for name in head]]
    cells += [
        [
            _cell(str(value), align="left" if index == 0 else "right")
            for index, value in enumerate(row)
        ]
        for row in rows
    ]
    return InputRichBlockTable(cells=cells, caption=caption, is_bordered=True, is_striped=True)


def tables(
    report: Report, t: Translator, *, title: str, names: Mapping[int, str]
) -> InputRichMessage:
    """The funnel, stage times and people as tables, in one rich message."""

    def name(person: int) -> str:
        return names.get(person, str(person))

    blocks: list[InputRichBlockUnion]
    blocks = [InputRichBlockSectionHeading(text=title, size=2)]
    blocks.append(
        _table(
            t("report-table-funnel"),
            [
                t("report-col-stage"),
                t("report-col-reached"),
                t("report-col-step"),
                t("report-col-cumulative"),
                t("report-col-target"),
            ],
            [
                [
                    stage_label(t, row.stage),
                    row.reached,
                    percent(t, row.conversion),
                    percent(t, row.cumulative),
                    percent(t, row.target),
                ]
                for row in report.funnel
            ],
        )
    )
    if report.stages:
        blocks.append(
            _table(
                t("report-table-stages"),
                [
                    t("report-col-stage"),
                    t("report-col-median"),
                    t("report-col-p90"),
                    t("report-col-limit"),
                    t("report-col-breaches"),
                ],
                [
                    [
                        stage_label(t, row.stage),
                        duration(
                            t, row.median_hours * 60 if row.median_hours is not None else None
                        ),
                        duration(t, row.p90_hours * 60 if row.p90_hours is not None else None),
                        duration(t, row.limit_hours * 60 if row.limit_hours else None),
                        row.breaches + row.over_limit,
                    ]
                    for row in report.stages
                ],
            )
        )
    if report.experts:
        blocks.append(
            _table(
                t("report-table-experts"),
                [
                    t("report-col-person"),
                    t("report-col-taken"),
                    t("report-col-claim"),
                    t("report-col-load"),
                    t("report-col-meetings"),
                    t("report-col-recaps"),
                    t("report-col-won"),
                    t("report-col-overdue"),
                ],
                [
                    [
                        name(row.person_id),
                        row.taken,
                        duration(t, row.median_claim_minutes),
                        row.load,
                        row.meetings,
                        percent(t, row.confirmed_share),
                        row.won,
                        row.overdue_steps,
                    ]
                    for row in report.experts[:TABLE_ROWS]
                ],
            )
        )
    if report.lead_generators:
        blocks.append(
            _table(
                t("report-table-authors"),
                [
                    t("report-col-person"),
                    t("report-col-submitted"),
                    t("report-col-taken"),
                    t("report-col-met"),
                    t("report-col-won"),
                    t("report-col-junk"),
                    t("report-col-quality"),
                ],
                [
                    [
                        name(row.person_id),
                        row.submitted,
                        row.taken,
                        row.met,
                        row.won,
                        row.junk,
                        round(row.quality),
                    ]
                    for row in report.lead_generators[:TABLE_ROWS]
                ],
            )
        )
    if report.estimators:
        blocks.append(
            _table(
                t("report-table-estimators"),
                [
                    t("report-col-person"),
                    t("report-col-estimates"),
                    t("report-col-on-time"),
                    t("report-col-reworks"),
                ],
                [
                    [
                        name(row.person_id),
                        row.delivered,
                        percent(t, row.on_time_share),
                        row.reworks,
                    ]
                    for row in report.estimators[:TABLE_ROWS]
                ],
            )
        )
    if report.closers:
        blocks.append(
            _table(
                t("report-table-closers"),
                [
                    t("report-col-person"),
                    t("report-col-called"),
                    t("report-col-joined"),
                    t("report-col-won"),
                ],
                [
                    [name(row.person_id), row.called, row.joined, row.won_after_joining]
                    for row in report.closers[:TABLE_ROWS]
                ],
            )
        )
    if report.managers:
        blocks.append(
            _table(
                t("report-table-managers"),
                [t("report-col-person"), t("report-col-escalations"), t("report-col-reaction")],
                [
                    [
                        name(row.person_id),
                        row.escalations,
                        duration(t, row.median_reaction_minutes),
                    ]
                    for row in report.managers[:TABLE_ROWS]
                ],
            )
        )
    reasons = [
        *(
            t("report-reason-lost", reason=reason, count=count)
            for reason, count in report.outcomes.lost_reasons
        ),
        *(
            t(
                "report-reason-junk",
                reason=junk_reason(t, reason),
                count=count,
            )
            for reason, count in report.outcomes.junk_reasons
        ),
    ]
    if reasons:
        blocks.append(InputRichBlockParagraph(text="\n".join(reasons)))
    return InputRichMessage(blocks=blocks)


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
