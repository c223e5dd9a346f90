"""Typed callback data of the intake buttons; short prefixes keep them under 64 bytes.

Every button of a question names its field and the draft it belongs to, so a press on a
button of an old message, or of a discarded draft, is recognised and changes nothing.
"""

from __future__ import annotations

from enum import StrEnum

from aiogram.filters.callback_data import CallbackData


class FieldAct(StrEnum):
    """What a button under a question does."""

    OPTION = "o"
    TOGGLE = "t"
    OTHER = "x"
    DONE = "d"
    SKIP = "s"
    BACK = "b"
    KEEP = "k"
    YES = "y"
    NO = "n"
    QUICK = "q"


class FieldButton(CallbackData, prefix="if"):
    """A button under a question: an option, a quick date, skip, back, keep, done."""

    draft: int
    field: str
    act: FieldAct
    arg: int = 0


class ScenarioButton(CallbackData, prefix="ip"):
    """A form in the list of scenarios to pick from."""

    scenario: str


class SummaryAct(StrEnum):
    """What a button under the summary card does."""

    EDIT = "e"
    SUBMIT = "s"


class SummaryButton(CallbackData, prefix="is"):
    """Edit one answer, or submit the request."""

    draft: int
    act: SummaryAct
    field: str = ""


class DraftAct(StrEnum):
    """What to do with an open draft when a new one is asked for."""

    CONTINUE = "c"
    DISCARD = "d"


class CancelAct(StrEnum):
    """Answers to "really cancel?"."""

    CONFIRM = "y"
    RESUME = "n"


class CancelButton(CallbackData, prefix="ic"):
    """Confirm /cancel, or go back to the dialog."""

    draft: int
    act: CancelAct


class DuplicateAct(StrEnum):
    """Answers to a duplicate warning."""

    SUBMIT = "s"
    REVIEW = "r"
    DISCARD = "d"


class DuplicateButton(CallbackData, prefix="iu"):
    """Submit a request that looks like a duplicate, go back to it, or drop it."""

    draft: int
    act: DuplicateAct


class NewRequestButton(CallbackData, prefix="in"):
    """The "new request" button under the /start greeting."""

    go: int = 1


class DraftButton(CallbackData, prefix="id"):
    """Continue or discard the open draft; a discard may go on to a deep-linked form.

    It names its draft like the other buttons: an old offer or reminder must not discard a
    draft started after it. Data of the older shape (no draft) no longer unpacks, so such a
    press falls through to the fallback router's stale-button answer.
    """

    draft: int
    act: DraftAct
    scenario: str = ""
