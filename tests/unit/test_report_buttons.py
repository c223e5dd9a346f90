"""A report's buttons fit Telegram's 64 bytes for every form the scenario check lets in."""

from __future__ import annotations

from domain.metrics.periods import PeriodKind
from handlers.reports import ReportPick
from scenarios.schema import REPORT_BUTTON_IDS


def test_the_longest_ids_the_scenario_check_allows_fit_a_report_button() -> None:
    form = "f" * 15
    source = "s" * (REPORT_BUTTON_IDS - len(form))
    for period in PeriodKind:
        for go in (True, False):
            packed = ReportPick(period=period, form=form, source=source, go=go).pack()
            assert len(packed.encode()) <= 64, packed
