"""The team group's fixtures, and the verbs the workspace stories share."""

from __future__ import annotations

from emulator import EmMessage
from tests.e2e.followups.conftest import Presses, next_to, take
from tests.e2e.team.conftest import Team, clock, make_team, team, tg

__all__ = [
    "Presses",
    "Team",
    "ask",
    "clock",
    "labels",
    "make_team",
    "next_to",
    "take",
    "team",
    "tg",
]


async def ask(team: Team, user_id: int, text: str, containing: str = "") -> EmMessage:
    """Send ``text`` as ``user_id``; the bot's answer (the first message with
    ``containing``, notices in between are passed over) once its transaction has committed.
    """
    await team.tg.send_message(user_id, text)
    answer = await next_to(team, user_id, containing)
    await team.settle(answer, user_id)
    return answer


def labels(message: EmMessage) -> list[str]:
    """Every button's text under a message, row by row."""
    return [button.text for row in message.buttons for button in row]
