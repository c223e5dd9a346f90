"""The live action panel: the buttons under a request's view, built from its state now.

Every move a person may make on a request is one :class:`Action` in :func:`panel_actions`.
The list is computed from the request as it is at the moment of rendering and from who
is looking, so the panel offers only the moves allowed now; the view is re-rendered
after every change (``bot.services.request_view.refresh_views``), so a panel someone
last saw never lies for long.

Adding a move is adding one entry to :func:`panel_actions`: a label key in
``locales/*/panel.ftl`` or a feature's own file, the feature's typed callback data, and
the :class:`Row` it belongs on. The handler that receives the press must check again
that the move is still allowed (an old message keeps its buttons) and, when it is not,
say what changed and offer the fresh panel (``handlers.request_view.offer_fresh_panel``).
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from aiogram.filters.callback_data import CallbackData
from aiogram.types import InlineKeyboardButton, InlineKeyboardMarkup

from bot.i18n import Translator
from bot.keyboard import ButtonStyle
from bot.services.buttons import ReleaseButton, StageButton, SteerAct, SteerAction
from bot.services.closer import CloserCallNew
from bot.services.estimate_buttons import EstimateNew
from bot.services.followup_buttons import MeetingManage, MeetingNew, StepNew
from bot.services.stages import (
    LOST_OR_POSTPONED,
    manager_moves,
    may_plan_meeting,
    next_stages,
)
from bot.services.view_buttons import ViewAdd, ViewFiles, ViewHistory, ViewReassign
from storage.models import FINAL_STAGES, Request, Stage


class Row(StrEnum):
    """Where a button goes; rows come in this order, each as wide as :data:`ROW_WIDTHS`."""

    WORK = "work"
    FORWARD = "forward"
    OUTCOME = "outcome"
    WORKSPACE = "workspace"
    HAND_OVER = "hand_over"
    STEER = "steer"


ROW_WIDTHS: dict[Row, int] = {
    Row.WORK: 2,
    Row.FORWARD: 1,
    Row.OUTCOME: 3,
    Row.WORKSPACE: 2,
    Row.HAND_OVER: 1,
    Row.STEER: 1,
}

OUTCOME_STYLES: dict[Stage, ButtonStyle] = {Stage.WON: "success", Stage.LOST: "danger"}
"""Won in green and lost in red, so neither is pressed for the other."""


@dataclass(frozen=True, slots=True)
class Viewer:
    """Who is looking at the request, as far as the panel cares."""

    user_id: int
    is_owner: bool
    is_manager: bool
    is_author: bool = False
    may_add: bool = False
    items: int = 0
    """How many files and notes of the request this viewer may see."""
    history: bool = False


@dataclass(frozen=True, slots=True)
class Action:
    """One button of the panel: the text's key in the locales, what it sends, its row."""

    label: str
    data: CallbackData
    row: Row
    style: ButtonStyle | None = None


def panel_actions(request: Request, viewer: Viewer) -> list[Action]:
    """The moves ``viewer`` may make on ``request`` now, in the order they are shown."""
    stage = Stage(request.stage)
    is_open = stage not in FINAL_STAGES and request.owner_id is not None
    actions: list[Action] = []
    if viewer.is_owner and is_open:
        actions.append(Action("followups-button-step", StepNew(request=request.id), Row.WORK))
        if may_plan_meeting(stage):
            actions.append(
                Action("followups-button-meeting", MeetingNew(request=request.id), Row.WORK)
            )
        for target in next_stages(stage):
            row = Row.OUTCOME if target in LOST_OR_POSTPONED else Row.FORWARD
            key = "claims-button-to-" + target.value.replace("_", "-")
            data = StageButton(request=request.id, to=target)
            actions.append(Action(key, data, row, OUTCOME_STYLES.get(target)))
        actions.append(
            Action("claims-button-release", ReleaseButton(request=request.id), Row.HAND_OVER)
        )
        actions.append(Action("estimates-button", EstimateNew(request=request.id), Row.WORK))
        if stage is Stage.MEETING_PLANNED:
            actions.append(Action("meetings-button", MeetingManage(request=request.id), Row.WORK))
    if viewer.may_add:
        actions.append(Action("files-button-add", ViewAdd(request=request.id), Row.WORKSPACE))
        if not viewer.is_author:
            to_author = ViewAdd(request=request.id, for_author=True)
            actions.append(Action("files-button-add-for-author", to_author, Row.WORKSPACE))
    if viewer.items:
        actions.append(Action("files-button-all", ViewFiles(request=request.id), Row.WORKSPACE))
    if (viewer.is_owner or viewer.is_manager) and is_open:
        actions.append(Action("closer-button", CloserCallNew(request=request.id), Row.WORK))
    if viewer.history:
        actions.append(Action("history-button", ViewHistory(request=request.id), Row.WORKSPACE))
    if viewer.is_manager and is_open:
        actions.append(
            Action("claims-button-reassign", ViewReassign(request=request.id), Row.HAND_OVER)
        )
    if viewer.is_manager:
        actions += [
            Action(
                f"stages-steer-{act.value}",
                SteerAction(request=request.id, act=act),
                Row.STEER,
                "danger" if act is SteerAct.JUNK else None,
            )
            for act in manager_moves(request)
        ]
    return actions


def panel_keyboard(t: Translator, actions: list[Action]) -> InlineKeyboardMarkup | None:
    """The actions laid out by row, in the reader's language; ``None`` when there are none."""
    rows: list[list[InlineKeyboardButton]] = []
    for row in Row:
        buttons = [
            InlineKeyboardButton(
                text=t(action.label), callback_data=action.data.pack(), style=action.style
            )
            for action in actions
            if action.row is row
        ]
        width = ROW_WIDTHS[row]
        rows += [buttons[i : i + width] for i in range(0, len(buttons), width)]
    return InlineKeyboardMarkup(inline_keyboard=rows) if rows else None
