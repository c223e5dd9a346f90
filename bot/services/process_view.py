"""The estimator's and the closer's part of a request, as lines of its view."""

from __future__ import annotations

from zoneinfo import ZoneInfo

from bot.i18n import Translator
from bot.services.closer import call_line
from bot.services.desk import Desk
from bot.services.estimates import estimate_line

PREVIEW = 200
"""How much of a scope, a summary or a note a line shows: the view holds every line of the
request in one message, and the estimator and the closer have the whole text."""


async def process_lines(desk: Desk, t: Translator, request_id: int, zone: ZoneInfo) -> list[str]:
    """The request's estimates and closer calls, one line each, for its view; times in the
    reader's ``zone``."""
    estimates = await desk.repo.process.estimates_of(request_id)
    calls = await desk.repo.process.calls_of(request_id)
    people = await desk.repo.team.users(
        [e.estimator_id for e in estimates] + [c.closer_id for c in calls]
    )
    lines = [estimate_line(t, e, people.get(e.estimator_id), zone, PREVIEW) for e in estimates]
    lines += [call_line(t, c, people.get(c.closer_id), PREVIEW) for c in calls]
    return lines
