"""The rules a form sets for the requests it produces: where they go in the team group,
when one is hot, how long it may wait to be claimed and stay in a stage."""

from __future__ import annotations

from enum import StrEnum
from typing import Self

from pydantic import Field, model_validator

from scenarios.base import LocalizedText, SnakeId, Strict


class Priority(StrEnum):
    """How fast a request must be claimed."""

    HOT = "hot"
    NORMAL = "normal"


class Topic(Strict):
    """Where in the team group a request goes: a configured key or a topic name."""

    key: SnakeId | None = None
    name: LocalizedText | None = None

    @model_validator(mode="after")
    def _key_or_name(self) -> Self:
        if self.key is None and self.name is None:
            raise ValueError("topic needs a key or a name")
        return self


class PriorityRule(Strict):
    """A request is hot when any rule matches; each rule has exactly one test."""

    field: SnakeId
    within_days: int | None = Field(default=None, ge=0)
    at_least: int | None = Field(default=None, ge=0)
    equals: str | int | bool | None = None
    in_: list[str | int | bool] | None = Field(default=None, alias="in")

    @model_validator(mode="after")
    def _one_test(self) -> Self:
        tests = [self.within_days, self.at_least, self.equals, self.in_]
        if sum(test is not None for test in tests) != 1:
            raise ValueError(
                "a priority rule needs exactly one of: within_days, at_least, equals, in"
            )
        return self


class ClaimLimit(Strict):
    """How long a request may wait to be claimed before reminders, then escalation."""

    minutes: int = Field(ge=1)
    escalate_after_minutes: int = Field(ge=1)
    working_time: bool = False
    """Count only working minutes, so a request sent at night does not expire by morning."""

    @model_validator(mode="after")
    def _escalation_later(self) -> Self:
        if self.escalate_after_minutes <= self.minutes:
            raise ValueError("escalate_after_minutes must be greater than minutes")
        return self


class ClaimLimits(Strict):
    """Claim limits per priority."""

    hot: ClaimLimit = ClaimLimit(minutes=15, escalate_after_minutes=30)
    normal: ClaimLimit = ClaimLimit(minutes=120, escalate_after_minutes=240, working_time=True)

    def for_priority(self, priority: Priority) -> ClaimLimit:
        """The limit that applies to a request of this priority."""
        return self.hot if priority is Priority.HOT else self.normal


class StageLimit(Strict):
    """Longest time a request may stay in one stage before someone is reminded."""

    hours: int = Field(ge=1)
    working_time: bool = True
