"""Typed callback data of next steps, meetings and recaps; short prefixes, checked fields."""

from __future__ import annotations

from enum import StrEnum

from aiogram.filters.callback_data import CallbackData
from pydantic import Field

from domain.followups import Slot


class StepPreset(StrEnum):
    """What a next step usually is, offered as one button."""

    CALL = "call"
    MATERIALS = "materials"
    PROPOSAL = "proposal"
    DEMO = "demo"


class StepNew(CallbackData, prefix="fn"):
    """ "Next step" under the brief."""

    request: int = Field(ge=1)


class StepWhat(CallbackData, prefix="fw"):
    """A preset of what to do."""

    request: int = Field(ge=1)
    preset: StepPreset


class StepWhen(CallbackData, prefix="ft"):
    """A deadline: for a new step (``step`` 0) or a step being rescheduled."""

    request: int = Field(ge=1)
    step: int = Field(ge=0)
    slot: Slot


class StepAction(StrEnum):
    """What a step reminder offers."""

    DONE = "done"
    SNOOZE = "snooze"
    TOMORROW = "tomorrow"
    RESCHEDULE = "move"
    ASSIGN = "assign"


class StepAct(CallbackData, prefix="fa"):
    """A button under a step or its reminder."""

    step: int = Field(ge=1)
    act: StepAction


class StepAssignee(CallbackData, prefix="fg"):
    """One team member who may do the step."""

    step: int = Field(ge=1)
    user: int = Field(ge=1)


class MeetingNew(CallbackData, prefix="mn"):
    """ "Plan a meeting" under the brief."""

    request: int = Field(ge=1)


class MeetingWhen(CallbackData, prefix="mw"):
    """A quick start time for a meeting being planned."""

    slot: Slot


class MeetingLength(CallbackData, prefix="ml"):
    """A duration in minutes."""

    minutes: int = Field(ge=15, le=480)


class MeetingPick(CallbackData, prefix="mp"):
    """Toggle a participant; ``user`` 0 means "that's everyone"."""

    user: int = Field(ge=0)


class MeetingModerator(CallbackData, prefix="mm"):
    """Who leads the meeting."""

    user: int = Field(ge=1)


class MeetingSave(CallbackData, prefix="ms"):
    """Save or drop the planned meeting."""

    save: bool


class MeetingHeld(CallbackData, prefix="mh"):
    """After its end: was the meeting held?"""

    meeting: int = Field(ge=1)
    held: bool


class RecapMore(CallbackData, prefix="rm"):
    """While writing the recap: add another next step, or finish."""

    more: bool


class RecapWho(CallbackData, prefix="rw"):
    """Who does a next step from the recap."""

    user: int = Field(ge=1)


class RecapAnswer(StrEnum):
    """What the client said about the recap."""

    CONFIRMED = "confirmed"
    CORRECTIONS = "corrections"
    NO_ANSWER = "no_answer"


class RecapReply(CallbackData, prefix="rr"):
    """The owner records the client's answer."""

    meeting: int = Field(ge=1)
    answer: RecapAnswer


class RecapWhen(CallbackData, prefix="rt"):
    """A quick deadline for a next step written into the recap."""

    slot: Slot


class MeetingAct(StrEnum):
    """What can be done to a planned meeting."""

    RESCHEDULE = "move"
    PLACE = "place"
    GOALS = "goals"
    PEOPLE = "people"
    LEAD = "lead"
    CANCEL = "cancel"
    CANT = "cant"


OWNER_ACTS = (
    MeetingAct.RESCHEDULE,
    MeetingAct.PLACE,
    MeetingAct.GOALS,
    MeetingAct.PEOPLE,
    MeetingAct.LEAD,
    MeetingAct.CANCEL,
)
PEOPLE_ACTS = frozenset({MeetingAct.PEOPLE, MeetingAct.LEAD})
"""The changes answered with a list of people to press rather than a typed answer."""


class MeetingChange(CallbackData, prefix="mx"):
    """A button under a meeting's message."""

    meeting: int = Field(ge=1)
    act: MeetingAct


class MeetingManage(CallbackData, prefix="mz"):
    """ "Change the meeting" on the request's panel: its next planned meeting."""

    request: int = Field(ge=1)


class MeetingInvite(CallbackData, prefix="mi"):
    """Tick or untick a participant of a planned meeting; ``user`` 0 saves the list."""

    meeting: int = Field(ge=1)
    user: int = Field(ge=0)


class MeetingLead(CallbackData, prefix="md"):
    """The participant who leads a planned meeting from now on."""

    meeting: int = Field(ge=1)
    user: int = Field(ge=1)
