"""The process stories run on the team group's fixtures: a bot, a group, a manual clock."""

from __future__ import annotations

from typing import Any

from emulator import EmMessage
from storage.models import Role
from tests.e2e.team.conftest import Team, clock, make_team, team, tg
from tests.e2e.workspace.conftest import ask

__all__ = ["Team", "clock", "make_team", "team", "tg"]

MANAGER = 20
EXPERT = 10
"""Пётр, the expert of the manager's stories."""


async def request_with_petr_and_the_boss(team: Team) -> int:
    """A new request, with Пётр (``EXPERT``) and his boss (``MANAGER``) in the team."""
    await team.expert(EXPERT, "Пётр")
    await team.person(MANAGER, "Босс", roles=[Role.MANAGER])
    return await team.request()


async def stage_of(team: Team, number: int) -> str:
    async with team.repo() as repo:
        request = await repo.requests.get(number)
        assert request is not None
        return request.stage


async def last_event(team: Team, number: int, kind: str) -> dict[str, Any]:
    """The data of the latest event of ``kind`` on request ``number``."""
    async with team.repo() as repo:
        events = [e for e in await repo.events.for_request(number) if e.kind == kind]
    assert events, f"no {kind} on #{number}"
    return dict(events[-1].data)


async def hears(team: Team, user_id: int, words: str) -> EmMessage:
    """The bot's next message to ``user_id`` that contains ``words``, skipping others."""
    while True:
        message = await team.tg.next_bot_message(user_id)
        if words in message.text:
            return message


async def steer(team: Team, number: int, manager: int = MANAGER) -> EmMessage:
    """The request's view as a manager (``/r``): its panel carries the manager's moves."""
    return await ask(team, manager, f"/r {number}", f"#{number}")
