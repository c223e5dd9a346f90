"""From a period and a form to a computed report: the filters, targets and limits a form sets."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy.ext.asyncio import AsyncSession

from domain.metrics.history import FUNNEL
from domain.metrics.periods import Period, week_starts
from domain.metrics.report import Report, build_report
from domain.metrics.trend import TrendWeek
from domain.stages import default_stage_limits
from scenarios.loader import ScenarioCatalog, UnknownScenarioError
from scenarios.request_rules import ClaimLimits
from scenarios.schema import FieldRole, Scenario
from storage.models import Role
from storage.repositories.holder import Repositories
from storage.repositories.report_filters import Filters
from storage.repositories.reports import ReportQueries
from storage.repositories.trend import TrendQueries

#: Weeks on the trend chart, ending with the report's last week.
TREND_WEEKS = 8


@dataclass(frozen=True, slots=True)
class Scope:
    """What a report covers: a period, one form or all, one source or all."""

    period: Period
    form: str | None = None
    source: str | None = None


@dataclass(frozen=True)
class Gathered:
    """A computed report, its trend, and the names of everyone it mentions."""

    report: Report
    trend: list[TrendWeek]
    names: dict[int, str]
    claim_limit: float


def form_of(catalog: ScenarioCatalog, form: str | None) -> Scenario | None:
    """The form a report is filtered by, if it is still shipped."""
    if form is None:
        return None
    try:
        return catalog.get(form)
    except UnknownScenarioError:
        return None


def source_fields(catalog: ScenarioCatalog) -> dict[str, str]:
    """Each form's field that says where a request came from."""
    fields = {}
    for scenario in catalog.all():
        field = scenario.field_with_role(FieldRole.SOURCE)
        if field is not None:
            fields[scenario.id] = field.id
    return fields


def targets_of(scenario: Scenario | None) -> dict[str, float]:
    """The form's funnel targets as fractions of submitted requests."""
    if scenario is None:
        return {}
    return {
        stage: value / 100 for stage, value in scenario.funnel_targets.items() if stage in FUNNEL
    }


def stage_limits_of(scenario: Scenario | None) -> dict[str, timedelta]:
    """How long each stage may last: the form's limits over the defaults, counted as wall time.

    A new request's limit is the form's normal claim limit.
    """
    limits = {stage.value: limit for stage, limit in default_stage_limits().items()}
    limits["new"] = timedelta(minutes=claim_limit_of(scenario))
    if scenario is not None:
        limits.update(
            {stage: timedelta(hours=limit.hours) for stage, limit in scenario.stage_limits.items()}
        )
    return limits


def claim_limit_of(scenario: Scenario | None) -> float:
    """Minutes a request of normal priority may wait for its first owner."""
    limits = scenario.claim_limits if scenario is not None else ClaimLimits()
    return float(limits.normal.minutes)


async def gather(
    repo: Repositories, catalog: ScenarioCatalog, scope: Scope, *, zone: ZoneInfo
) -> Gathered:
    """Load the scope's history and trend from the database and compute every metric."""
    queries = ReportQueries(repo.session, repo.clock)
    filters = Filters(form=scope.form, source=scope.source, source_fields=source_fields(catalog))
    now = repo.clock.now()
    weeks = week_starts(min(scope.period.end, now), zone, TREND_WEEKS)
    async with asyncio.TaskGroup() as group:
        trend = group.create_task(_trend(repo, weeks, filters))
        history = await queries.history(
            start=scope.period.start, end=scope.period.end, filters=filters, now=now
        )
    scenario = form_of(catalog, scope.form)
    experts = tuple(user.id for user in await repo.users.with_role(Role.EXPERT))
    report = build_report(
        history,
        targets=targets_of(scenario),
        stage_limits=stage_limits_of(scenario),
        expert_ids=experts,
    )
    return Gathered(
        report=report,
        trend=trend.result(),
        names=await names_in(repo, report),
        claim_limit=claim_limit_of(scenario),
    )


async def _trend(repo: Repositories, weeks: list[datetime], filters: Filters) -> list[TrendWeek]:
    """The weekly trend, read on a second connection from the session's engine.

    The trend's counts are the database's work, the history's the interpreter's: on a
    second connection the database counts while this process reads the history, which
    takes a third off a report's gathering. Sessions come from the engine's factory
    (``storage.db.create_session_factory``), so their bind is the engine.
    """
    async with AsyncSession(repo.session.bind) as session:
        return await TrendQueries(session, repo.clock).trend(weeks, filters)


async def names_in(repo: Repositories, report: Report) -> dict[int, str]:
    """Display names of everyone a report mentions."""
    ids = {
        *(row.person_id for row in report.experts),
        *(row.person_id for row in report.lead_generators),
        *(row.person_id for row in report.estimators),
        *(row.person_id for row in report.closers),
        *(row.person_id for row in report.managers),
        *(step.assignee_id for step in report.history.overdue_steps),
    }
    return await names_of(repo, ids)


async def names_of(repo: Repositories, ids: set[int]) -> dict[int, str]:
    """Display names of these people."""
    users = await repo.team.users(ids)
    return {
        user_id: " ".join(part for part in (user.first_name, user.last_name) if part)
        or str(user_id)
        for user_id, user in users.items()
    }
