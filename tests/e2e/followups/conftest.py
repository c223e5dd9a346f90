"""The team group's fixtures, and the verbs the follow-up stories share."""

from __future__ import annotations

from datetime import datetime

from emulator import EmMessage
from storage.models import Meeting, NextStep, Reminder
from tests.e2e.team.conftest import Team, clock, make_team, team, tg

__all__ = ["Team", "clock", "make_team", "team", "tg"]


class Presses:
    """Presses buttons as one person and counts them: a story can say "three taps"."""

    def __init__(self, team: Team, user_id: int) -> None:
        self.team = team
        self.user_id = user_id
        self.count = 0

    async def press(self, message: EmMessage, label: str) -> str:
        """Press the button whose label contains ``label``; returns the popup text."""
        self.count += 1
        answer = await self.team.tg.press(self.user_id, message, message.callback_data_of(label))
        await self.team.settle(message, self.user_id)  # its transaction has committed
        return (answer.text or "") if answer is not None else ""

    async def type(self, text: str) -> EmMessage:
        """Send a text and return the bot's answer, once its transaction has committed."""
        await self.team.tg.send_message(self.user_id, text)
        answer = await self.team.tg.next_bot_message(self.user_id)
        await self.team.settle(answer, self.user_id)
        return answer

    async def next(self, containing: str = "") -> EmMessage:
        """The bot's next message to this person that contains ``containing``.

        Others (the daily digest, say) may arrive in between and are passed over.
        """
        return await next_to(self.team, self.user_id, containing)


async def next_to(team: Team, user_id: int, containing: str = "") -> EmMessage:
    """The bot's next message to ``user_id`` that contains ``containing``."""
    while True:
        message = await team.tg.next_bot_message(user_id)
        if containing in message.text:
            return message


async def take(team: Team, expert_id: int, number: int) -> EmMessage:
    """Press "Take" as ``expert_id``; returns the (last part of the) brief with its buttons."""
    card = team.card(number)
    await team.tg.press(expert_id, card, card.callback_data_of("Беру"))
    brief = await team.tg.next_bot_message(expert_id)
    while not brief.buttons:  # a long brief comes in parts, the buttons under the last
        brief = await team.tg.next_bot_message(expert_id)
    return brief


async def steps_of(team: Team, number: int) -> list[NextStep]:
    async with team.repo() as repo:
        return await repo.followups.open_steps(number)


async def step(team: Team, step_id: int) -> NextStep:
    async with team.repo() as repo:
        found = await repo.followups.step(step_id)
    assert found is not None
    return found


async def meeting(team: Team, meeting_id: int) -> Meeting:
    async with team.repo() as repo:
        found = await repo.followups.meeting(meeting_id)
    assert found is not None
    return found


async def reminders_of(team: Team, number: int) -> list[Reminder]:
    async with team.repo() as repo:
        return await repo.reminders.find(request_id=number)


async def move_to(team: Team, moment: datetime) -> None:
    """Move the clock and wait until everything due by then went to the outbox."""
    team.clock.set(moment)
    await team.bot.app.reminders.settled()
