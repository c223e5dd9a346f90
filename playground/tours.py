"""Guided tours: short stories the bot plays by itself, paused before every step.

The page shows the coming step's caption; "Next" plays it, "To the end" plays the rest
without pausing. A tour starts from whatever the visitor did before and leaves everything
as it is afterwards, so free play goes on from there.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import datetime, time, timedelta
from typing import Any

from playground.actions import ActionError, Actions
from playground.script import Script
from playground.team import DENIS, MANAGER, MARIA, OLGA, PETR, TEAM_CHAT_ID

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Step:
    """One pause of a tour: its caption's key, whose eyes to show, and what happens."""

    caption: str
    look: int
    play: Callable[[], Awaitable[None]]


class Tour:
    """A story in steps; subclasses keep what one step leaves for the next."""

    id = ""

    def __init__(self, script: Script) -> None:
        self.script = script
        self.number = 0

    def steps(self) -> list[Step]:
        raise NotImplementedError

    def step(self, index: int, look: int, play: Callable[[], Awaitable[None]]) -> Step:
        return Step(f"playground-tour-{self.id}-{index}", look, play)

    async def take(self, expert: int) -> None:
        """An expert presses Take on the tour's card; the brief comes to them."""
        after = self.script.latest(expert)
        await self.script.press(expert, await self.script.card(self.number), "Беру")
        await self.script.text(expert, after, f"Заявка #{self.number}")


class RequestTour(Tour):
    """The lead generator's request end to end."""

    id = "request"

    def steps(self) -> list[Step]:
        return [
            self.step(1, OLGA.id, self.fill),
            self.step(2, OLGA.id, self.submit),
            self.step(3, PETR.id, lambda: self.take(PETR.id)),
            self.step(4, OLGA.id, self.my_requests),
        ]

    async def fill(self) -> None:
        self.summary = await self.script.fill_form(OLGA.id)

    async def submit(self) -> None:
        self.number = await self.script.submit(OLGA.id, self.summary)
        await self.script.card(self.number)

    async def my_requests(self) -> None:
        after = self.script.latest(OLGA.id)
        await self.script.say(OLGA.id, "/my")
        await self.script.text(OLGA.id, after, f"#{self.number}")


class RaceTour(Tour):
    """Two experts press Take at the same moment; exactly one gets the request."""

    id = "race"

    def steps(self) -> list[Step]:
        return [
            self.step(1, DENIS.id, self.submit),
            self.step(2, MARIA.id, self.race),
            self.step(3, PETR.id, self.outcome),
        ]

    async def submit(self) -> None:
        self.number = await self.script.submit_request(DENIS.id, hot=True)
        await self.script.card(self.number)

    async def race(self) -> None:
        card = await self.script.card(self.number)
        await asyncio.gather(
            self.script.press(PETR.id, card, "Беру"), self.script.press(MARIA.id, card, "Беру")
        )

    async def outcome(self) -> None:
        await self.script.until(lambda: self.script.card_says(self.number, "Взял(а)"), "an owner")


class EscalationTour(Tour):
    """A hot request nobody takes: the group is reminded, then the manager, then it is assigned."""

    id = "escalation"

    def steps(self) -> list[Step]:
        return [
            self.step(1, MANAGER.id, self.submit),
            self.step(2, MANAGER.id, self.reminded),
            self.step(3, MANAGER.id, self.escalated),
        ]

    async def submit(self) -> None:
        self.number = await self.script.submit_request(OLGA.id, hot=True)
        await self.script.card(self.number)
        self.posted = self.script.actions.clock.now()

    async def reminded(self) -> None:
        after = self.script.latest(TEAM_CHAT_ID)
        await self.script.travel_to(self.posted + timedelta(minutes=15))
        await self.script.text(TEAM_CHAT_ID, after, "⏰", f"#{self.number}")

    async def escalated(self) -> None:
        after = self.script.latest(MANAGER.id)
        await self.script.travel_to(self.posted + timedelta(minutes=30))
        await self.script.text(MANAGER.id, after, "🚨", f"#{self.number}")
        await self.script.until(
            lambda: self.script.card_says(self.number, "Взял(а)"), "the automatic owner"
        )


class MeetingTour(Tour):
    """A meeting planned with goals, reminded, held, and its recap confirmed by the client."""

    id = "meeting"

    def steps(self) -> list[Step]:
        return [
            self.step(1, PETR.id, self.taken),
            self.step(2, PETR.id, self.plan),
            self.step(3, PETR.id, self.hour_before),
            self.step(4, PETR.id, self.recap),
            self.step(5, PETR.id, self.confirmed),
        ]

    async def taken(self) -> None:
        self.number = await self.script.submit_request(DENIS.id)
        await self.take(PETR.id)

    async def ask(self, label: str, *needles: str) -> None:
        """Press ``label`` under Пётр's newest message that has it, then wait for ``needles``."""
        script = self.script
        after = script.latest(PETR.id)
        await script.press(PETR.id, await script.newest_button(PETR.id, label), label)
        if needles:
            await script.text(PETR.id, after, *needles)

    async def answer(self, text: str, *needles: str) -> None:
        after = self.script.latest(PETR.id)
        await self.script.say(PETR.id, text)
        await self.script.text(PETR.id, after, *needles)

    async def plan(self) -> None:
        await self.ask("Запланировать встречу", "Когда")
        await self.ask("Завтра 10:00", "Сколько")
        await self.ask("60 мин", "Где")
        await self.answer("Офис клиента, Москва, Тверская 1", "Кто идёт")
        await self.ask("Готово", "наша цель")
        await self.answer("Договориться о пилоте на двух объектах", "цель клиента")
        await self.answer("Понять сроки внедрения и стоимость", "ведёт")
        await self.ask("Пётр", "Участники")
        await self.ask("Сохранить")
        zone = self.script.actions.schedule.tz
        tomorrow = self.script.actions.clock.now().astimezone(zone).date() + timedelta(days=1)
        self.starts = datetime.combine(tomorrow, time(10, 0), tzinfo=zone)

    async def hour_before(self) -> None:
        after = self.script.latest(PETR.id)
        await self.script.travel_to(self.starts - timedelta(hours=1))
        await self.script.text(PETR.id, after, "Через час встреча")

    async def recap(self) -> None:
        after = self.script.latest(PETR.id)
        await self.script.travel_to(self.starts + timedelta(hours=1))
        await self.script.text(PETR.id, after, "состоялась")
        await self.ask("записать итоги", "Что обсудили")
        await self.answer("Пилот на двух объектах, интеграция с 1С", "что нужно сделать")
        await self.answer("Отправить КП", "Кто делает")
        await self.ask("Пётр", "срок")
        await self.ask("Завтра 10:00", "Шагов")
        await self.ask("Это всё", "Что ответил клиент")

    async def confirmed(self) -> None:
        question = await self.script.newest_button(PETR.id, "Подтвердил")
        await self.script.press(PETR.id, question, "Подтвердил")
        # The question itself turns into the answer.
        await self.script.until(lambda: "подтвердил" in question.text, "the recap confirmed")


class WeekTour(Tour):
    """A week of work, then the weekly report on Monday morning, with its tables and charts."""

    id = "week"

    def steps(self) -> list[Step]:
        return [
            self.step(1, MANAGER.id, self.week),
            self.step(2, MANAGER.id, self.report),
        ]

    async def week(self) -> None:
        self.number = await self.script.submit_request(OLGA.id)
        await self.take(PETR.id)
        await self.script.submit_request(DENIS.id, hot=True)

    async def report(self) -> None:
        zone = self.script.actions.schedule.tz
        today = self.script.actions.clock.now().astimezone(zone).date()
        monday = today + timedelta(days=7 - today.weekday())
        after = self.script.latest(MANAGER.id)
        await self.script.travel_to(datetime.combine(monday, time(9, 0), tzinfo=zone))
        await self.script.text(MANAGER.id, after, "Итоги недели")
        await self.script.bot_says(
            MANAGER.id, after, lambda m: m.photo is not None, "the report's charts"
        )


TOURS: dict[str, type[Tour]] = {
    tour.id: tour for tour in (RequestTour, RaceTour, EscalationTour, MeetingTour, WeekTour)
}


class Tours:
    """Plays one tour at a time and tells every page where it is."""

    def __init__(self, actions: Actions) -> None:
        self.actions = actions
        self.current: dict[str, Any] | None = None
        self._task: asyncio.Task[None] | None = None
        self._go = asyncio.Event()
        self._to_the_end = False

    def start(self, tour_id: str) -> None:
        """Begin a tour (ending one already playing); it waits for the first "Next"."""
        if tour_id not in TOURS:
            raise ActionError("bad_request", f"unknown tour {tour_id!r}")
        if self._task is not None:
            self._task.cancel()
        self._go = asyncio.Event()
        self._to_the_end = False
        self._task = asyncio.create_task(self._play(TOURS[tour_id](Script(self.actions))))

    def next(self) -> None:
        """Play the step on show."""
        self._go.set()

    def finish(self) -> None:
        """Play every step left without pausing."""
        self._to_the_end = True
        self._go.set()

    async def stop(self) -> None:
        """End the tour now; what it did so far stays."""
        if self._task is not None:
            self._task.cancel()
            await asyncio.gather(self._task, return_exceptions=True)
            self._task = None
        self._tell({"state": "closed"})

    def _tell(self, event: dict[str, Any]) -> None:
        self.current = None if event["state"] == "closed" else event
        self.actions.feed.publish("tour", event)

    async def _play(self, tour: Tour) -> None:
        steps = tour.steps()
        shown: dict[str, Any] = {"tour": tour.id, "total": len(steps)}
        try:
            for index, step in enumerate(steps, 1):
                shown.update(step=index, caption=step.caption, look=step.look)
                if not self._to_the_end:
                    self._tell({**shown, "state": "waiting"})
                    await self._go.wait()
                    self._go.clear()
                self._tell({**shown, "state": "running", "finishing": self._to_the_end})
                await step.play()
            self._tell({**shown, "state": "done"})
        except (AssertionError, ActionError, LookupError) as error:
            logger.warning("event=playground.tour_failed tour=%s error=%s", tour.id, error)
            self._tell({**shown, "state": "failed", "error": str(error).split("\n", 1)[0]})
