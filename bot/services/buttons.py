"""Typed callback data of the team-group buttons; short prefixes keep them under 64 bytes.

Every button names its request, so a press on an old card or brief is checked against
the request as it is now and changes nothing if it no longer applies.
"""

from __future__ import annotations

from enum import StrEnum

from aiogram.filters.callback_data import CallbackData
from pydantic import Field

from storage.models import Role, Stage


class TakeButton(CallbackData, prefix="ct"):
    """ "Take" under a card in the team group."""

    request: int = Field(ge=1)


class FullTextButton(CallbackData, prefix="cf"):
    """ "Full text" under a shortened card: the whole brief, in private."""

    request: int = Field(ge=1)


class ReassignButton(CallbackData, prefix="ca"):
    """ "Reassign" under a taken card: a manager picks another expert, in private."""

    request: int = Field(ge=1)


class AssignButton(CallbackData, prefix="as"):
    """One expert in a manager's list: give the request to them."""

    request: int = Field(ge=1)
    user: int = Field(ge=1)


class StageButton(CallbackData, prefix="bs"):
    """A next stage under the brief, e.g. "Meeting held"."""

    request: int = Field(ge=1)
    to: Stage


class ReleaseButton(CallbackData, prefix="br"):
    """ "Release" under the brief: the request goes back to the queue."""

    request: int = Field(ge=1)


class LostReason(StrEnum):
    """Why a deal was lost, as offered on buttons; ``OTHER`` asks for a typed reason."""

    BUDGET = "budget"
    COMPETITOR = "competitor"
    NO_RESPONSE = "silent"
    TIMING = "timing"
    NOT_OUR_PROFILE = "profile"
    OTHER = "other"


class LostButton(CallbackData, prefix="bl"):
    """A reason under "Why was it lost?"."""

    request: int = Field(ge=1)
    reason: LostReason


class PostponeButton(CallbackData, prefix="bp"):
    """A quick date under "Postpone until when?"; an empty ``day`` means "I'll type it"."""

    request: int = Field(ge=1)
    day: str = Field(default="", pattern=r"^(\d{4}-\d{2}-\d{2})?$")


class TeamPage(CallbackData, prefix="tp"):
    """A page of the /team list."""

    page: int = Field(ge=0)


class TeamMember(CallbackData, prefix="tm"):
    """One person in /team: open their roles and tags."""

    user: int = Field(ge=1)


GRANTABLE_ROLES = (Role.MANAGER, Role.EXPERT, Role.LEAD_GENERATOR, Role.ESTIMATOR, Role.CLOSER)


class TeamRole(CallbackData, prefix="tr"):
    """Grant (``grant``) or revoke one role: what the button offers, not a toggle.

    A view opened earlier must not turn a grant into a revocation: the press does what
    its button showed, or nothing when that is already so.
    """

    user: int = Field(ge=1)
    role: Role
    grant: bool


class TeamTag(CallbackData, prefix="tt"):
    """Add (``add``) or remove one competence tag, as the button showed; see ``TeamRole``."""

    user: int = Field(ge=1)
    tag: str = Field(pattern=r"^[A-Za-z0-9_\-]{1,32}$")
    add: bool


class TeamSupervisor(CallbackData, prefix="ts"):
    """Choose the supervisor of an expert; ``manager`` 0 opens the list, -1 clears it."""

    user: int = Field(ge=1)
    manager: int = Field(ge=-1)


class SteerAct(StrEnum):
    """What a manager does to a request besides reassigning it."""

    REOPEN = "reopen"
    JUNK = "junk"
    MOVE = "move"


class SteerAction(CallbackData, prefix="sa"):
    """One of a manager's moves on a request."""

    request: int = Field(ge=1)
    act: SteerAct


class SteerStage(CallbackData, prefix="sm"):
    """The stage a manager moves a request to, for its owner."""

    request: int = Field(ge=1)
    to: Stage


class JunkReason(StrEnum):
    """Why a request is junk, as stored in the event's ``junk_reason``."""

    SPAM = "spam"
    DUPLICATE = "duplicate"
    NOT_PROFILE = "not_profile"
    WITHDREW = "withdrew"
    OTHER = "other"


class JunkButton(CallbackData, prefix="sj"):
    """A reason under "Why is it junk?"; duplicate and other ask for a typed answer."""

    request: int = Field(ge=1)
    reason: JunkReason
