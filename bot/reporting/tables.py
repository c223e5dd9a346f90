"""A report's tables as one rich message (``sendRichMessage`` with table blocks)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from aiogram.types import (
    InputRichBlockParagraph,
    InputRichBlockSectionHeading,
    InputRichBlockTable,
    InputRichBlockUnion,
    InputRichMessage,
    RichBlockTableCell,
)

from bot.i18n import Html, Translator
from bot.reporting.formats import duration, percent
from bot.services.card_text import lost_reason_text, stage_label
from domain.metrics.report import Report

#: Rows per people table: a phone shows this many without scrolling sideways for long.
TABLE_ROWS = 10


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
    # A rich message's text is plain, not HTML: a typed reason goes as it was typed. Each
    # kind is cut to its most frequent reasons, as the people tables are, so a quarter of
    # typed reasons (up to 500 characters each) cannot push the message past Telegram's
    # limit and lose the tables and the charts with it.
    lost, junk = report.outcomes.lost_reasons, report.outcomes.junk_reasons
    reasons = [
        *(
            t("report-reason-lost", reason=Html(lost_reason_text(t, reason)), count=count)
            for reason, count in lost[:TABLE_ROWS]
        ),
        *(
            t("report-reason-junk", reason=Html(junk_reason(t, reason)), count=count)
            for reason, count in junk[:TABLE_ROWS]
        ),
    ]
    hidden = max(len(lost) - TABLE_ROWS, 0) + max(len(junk) - TABLE_ROWS, 0)
    if hidden:
        reasons.append(t("report-reasons-more", count=hidden))
    if reasons:
        blocks.append(InputRichBlockParagraph(text="\n".join(reasons)))
    return InputRichMessage(blocks=blocks)
