"""A request's history: its lines in the event log told as a timeline people read.

Each event kind has a text ``history-<kind>`` in ``locales/*/history.ftl`` (dots and
underscores become dashes: ``request.stage_changed`` is ``history-request-stage-changed``);
the event's data are its arguments, with people named, stages spelled and moments shown
in the reader's zone. A kind with no text yet is still listed, by its name, so a new kind
of event never disappears from the history.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from bot.i18n import Html, Translator
from bot.services.card_text import (
    junk_reason_text,
    lost_reason_text,
    stage_label,
)
from bot.services.desk import Desk, display_name, shorten
from bot.services.message_size import MESSAGE_LIMIT
from storage.models import Event, Request, Stage, User

PAGE_SIZE = 15
HIDDEN = frozenset({"request.topic_opened"})
"""Kinds that are plumbing, not history."""
_PEOPLE = ("owner", "manager", "estimator_id", "closer_id", "assignee_id")
_GROUPS = ("added", "removed")
"""Keys whose value is a list of people."""
_MOMENTS = ("until", "due", "due_at", "starts_at", "from", "to")
"""Keys that may hold a moment (``from`` and ``to`` of a moved meeting; of others, not)."""
_STAGES = frozenset(stage.value for stage in Stage)
_PREVIEW = 80
_PREVIEWS = (_PREVIEW * 4, _PREVIEW, _PREVIEW // 4)
"""How much of a typed text a line shows: less and less until the page fits a message."""


@dataclass(frozen=True, slots=True)
class HistoryPage:
    """One page of the timeline, oldest first, and where it is among the pages."""

    text: str
    page: int
    pages: int


async def history_page(desk: Desk, request: Request, reader: User, page: int) -> HistoryPage:
    """Page ``page`` (from 0) of the request's timeline, as ``reader`` reads it."""
    t = desk.t_for(reader)
    events = [e for e in await desk.repo.events.for_request(request.id) if e.kind not in HIDDEN]
    pages = max(1, -(-len(events) // PAGE_SIZE))
    page = min(max(page, 0), pages - 1)
    shown = events[page * PAGE_SIZE : (page + 1) * PAGE_SIZE]
    ids: set[int] = {e.actor_id for e in shown if e.actor_id is not None}
    for event in shown:
        ids |= {v for k, v in event.data.items() if k in (*_PEOPLE, "from", "to") and _is_id(v)}
        ids |= {v for k in _GROUPS for v in event.data.get(k) or () if _is_id(v)}
    people = await desk.repo.team.users(ids)
    zone = desk.zone_of(reader)
    for preview in _PREVIEWS:
        # Long reasons, steps and corrections on one page would not fit one message,
        # and a message too long is not sent at all: the texts are cut shorter instead.
        lines = [t("history-head", number=request.id, page=page + 1, pages=pages)]
        for event in shown:
            lines.append(await _line(desk, t, zone, event, people, preview))
        text = "\n".join(lines)
        if len(text) <= MESSAGE_LIMIT:
            break
    return HistoryPage(text, page, pages)


async def _line(
    desk: Desk,
    t: Translator,
    zone: ZoneInfo,
    event: Event,
    people: dict[int, User],
    preview: int,
) -> str:
    """``when · who — what`` for one event, its typed texts cut to ``preview`` characters."""
    who = display_name(people.get(event.actor_id)) if event.actor_id else t("history-the-bot")
    args = _args(t, zone, event.data, people, preview)
    args.update(await _details(desk, event, preview))
    key = "history-" + event.kind.replace(".", "-").replace("_", "-")
    what = t(key, **args) if t.has(key) else t("history-other", kind=event.kind)
    if event.kind == "request.stage_changed" and "until" in args:
        what += t("history-until", day=args["until"])
    if "reason" in args:
        what += t("history-reason", reason=args["reason"])
    if event.data.get("override"):
        what += t("history-override")
    when = t.datetime(event.at.astimezone(zone))
    return t("history-line", when=when, who=who, what=Html(what))


def _is_id(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _moment(value: str) -> datetime | None:
    """``value`` as an aware moment, if it is one (a stage's name is not)."""
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        return None
    return moment if moment.tzinfo is not None else None


def _args(
    t: Translator, zone: ZoneInfo, data: dict[str, Any], people: dict[int, User], preview: int
) -> dict[str, Any]:
    """The event's data as texts: people by name, stages by label, moments in ``zone``."""
    args: dict[str, Any] = {}
    for key, value in data.items():
        if key in ("from", "to", *_PEOPLE) and _is_id(value):
            args[key] = display_name(people.get(value))
        elif isinstance(value, str) and value in _STAGES:
            args[key] = stage_label(t, value)
        elif key in _MOMENTS and isinstance(value, str) and (moment := _moment(value)):
            args[key] = t.datetime(moment.astimezone(zone))
        elif key in _GROUPS and isinstance(value, list):
            named = [display_name(people.get(v)) for v in value if _is_id(v)]
            args[key] = ", ".join(named) or "—"
        elif isinstance(value, str):
            args[key] = shorten(value, preview)
        elif _is_id(value):
            args[key] = value
    args.setdefault("from", t("history-nobody"))
    if isinstance(data.get("lost_reason"), str):
        # A lost reason from the list, by its code: in the reader's words, not the owner's.
        args["reason"] = lost_reason_text(t, data["lost_reason"])
    if isinstance(data.get("junk_kept"), str):
        args["reason"] = junk_reason_text(t, data["junk_kept"])
    return args


async def _details(desk: Desk, event: Event, preview: int) -> dict[str, str]:
    """What an id in the event points to: the step's text, the file's name, the note."""
    data = event.data
    if _is_id(data.get("step")):
        step = await desk.repo.followups.step(int(data["step"]))
        return {"text": shorten(step.text, preview)} if step is not None else {}
    if _is_id(data.get("attachment_id")):
        files = await desk.repo.workspace.files(event.request_id or 0)
        named = [f.file_name for f in files if f.id == data["attachment_id"]]
        return {"name": named[0] or "📷"} if named else {}
    if _is_id(data.get("note_id")):
        notes = await desk.repo.workspace.notes(event.request_id or 0)
        found = [n.text for n in notes if n.id == data["note_id"]]
        return {"note": shorten(found[0], min(preview, _PREVIEW))} if found else {}
    return {}
