"""/stats: own numbers beside the team's, and the leaderboard of lead generators."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TypeVar

from aiogram import Router
from aiogram.filters import Command
from aiogram.types import Message

from bot.i18n import Translator
from bot.reporting.formats import duration, percent
from bot.reporting.gather import names_of, source_fields
from bot.settings import Settings
from domain.metrics.people import Expert, LeadGenerator, experts, lead_generators
from domain.metrics.periods import PeriodKind, period_of
from domain.metrics.standing import place_of, team_median
from handlers.reports import period_title, reader_zone
from scenarios.loader import ScenarioCatalog
from storage.models import Role, User
from storage.repositories.holder import Repositories
from storage.repositories.report_filters import Filters
from storage.repositories.reports import ReportQueries

router = Router(name=__name__)

TEAM_ROLES = frozenset({Role.EXPERT, Role.MANAGER, Role.ADMIN})
BOARD_SIZE = 5
PERIODS = (PeriodKind.THIS_MONTH, PeriodKind.QUARTER)

Row = TypeVar("Row")


def _with_median(
    t: Translator, rows: Sequence[Row], mine: Row, value: Callable[[Row], float | None]
) -> str:
    """One figure of mine with the team's median beside it."""
    own = value(mine)
    middle = team_median(rows, value)
    return t(
        "stats-figure",
        value="—" if own is None else round(own),
        team="—" if middle is None else round(middle, 1),
    )


def author_lines(
    t: Translator,
    rows: list[LeadGenerator],
    me: int,
    *,
    leaderboard: bool,
    names_shown: bool,
    names: dict[int, str],
) -> list[str]:
    """A lead generator's period: figures beside the team's median, place and board."""
    mine = next((row for row in rows if row.person_id == me), None)
    if mine is None:
        return [t("stats-no-requests")]
    lines = [
        t(
            "stats-author",
            submitted=_with_median(t, rows, mine, lambda row: row.submitted),
            taken=_with_median(t, rows, mine, lambda row: row.taken),
            met=_with_median(t, rows, mine, lambda row: row.met),
            won=_with_median(t, rows, mine, lambda row: row.won),
            junk=_with_median(t, rows, mine, lambda row: row.junk),
            quality=_with_median(t, rows, mine, lambda row: row.quality),
        )
    ]
    if not leaderboard:
        return lines
    by_won = place_of(rows, me, key=lambda row: row.won, person=lambda row: row.person_id)
    by_quality = place_of(rows, me, key=lambda row: row.quality, person=lambda row: row.person_id)
    if by_won is not None and by_quality is not None:
        lines.append(t("stats-place", won=by_won.place, quality=by_quality.place, of=by_won.of))
    if names_shown:
        best = sorted(rows, key=lambda row: (-row.won, -row.quality, row.person_id))
        lines.append(t("stats-board"))
        lines += [
            t(
                "stats-board-line",
                place=index,
                person=names.get(row.person_id, str(row.person_id)),
                won=row.won,
                quality=round(row.quality),
            )
            for index, row in enumerate(best[:BOARD_SIZE], start=1)
        ]
    return lines


def expert_lines(t: Translator, rows: list[Expert], me: int) -> list[str]:
    """An expert's period beside the team's median."""
    mine = next((row for row in rows if row.person_id == me), None)
    if mine is None:
        return []
    return [
        t(
            "stats-expert",
            taken=_with_median(t, rows, mine, lambda row: row.taken),
            claim=t(
                "stats-figure-text",
                value=duration(t, mine.median_claim_minutes),
                team=duration(t, team_median(rows, lambda row: row.median_claim_minutes)),
            ),
            load=_with_median(t, rows, mine, lambda row: row.load),
            meetings=mine.meetings,
            recaps=percent(t, mine.confirmed_share),
            won=_with_median(t, rows, mine, lambda row: row.won),
            overdue=mine.overdue_steps,
        )
    ]


@router.message(Command("stats"))
async def stats_command(
    message: Message,
    repo: Repositories,
    user: User,
    t: Translator,
    roles: frozenset[str],
    scenarios: ScenarioCatalog,
    settings: Settings,
) -> None:
    """This month and this quarter: own figures, the team's median, and the leaderboard."""
    tz = reader_zone(user, settings)
    queries = ReportQueries(repo.session, repo.clock)
    filters = Filters(source_fields=source_fields(scenarios))
    is_expert = Role.EXPERT in roles
    parts = [t("stats-title")]
    for kind in PERIODS:
        period = period_of(kind, repo.clock.now(), tz)
        history = await queries.history(start=period.start, end=period.end, filters=filters)
        authors = lead_generators(history)
        names = await names_of(repo, {row.person_id for row in authors[:BOARD_SIZE]})
        lines = [t(f"stats-period-{kind.value}", period=period_title(t, period))]
        lines += author_lines(
            t,
            authors,
            user.id,
            leaderboard=settings.leaderboard,
            names_shown=bool(roles & TEAM_ROLES),
            names=names,
        )
        if is_expert:
            lines += expert_lines(t, experts(history), user.id)
        parts.append("\n".join(lines))
    await message.answer("\n\n".join(parts))
