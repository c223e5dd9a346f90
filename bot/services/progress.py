"""Moving a request through its stages, with the card, the topic and the author following.

Every move goes through :func:`change_stage`, which asks the stage machine whether this
move may be made this way (:func:`domain.stages.ensure_move`) and writes one event: a
reopening is ``request.reopened``, anything else ``request.stage_changed``, marked
``override`` when a manager set the rules aside.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from typing import Any

from bot.i18n import Translator
from bot.services.card_text import (
    junk_reason_text,
    lost_reason_text,
    owner_zone,
    stage_label,
    stage_summary,
)
from bot.services.cards import post_update
from bot.services.desk import Desk, mention
from bot.services.estimates import cancel_estimates
from bot.services.meeting_moves import tell_people
from bot.services.request_view import refresh_request
from bot.services.topics import sync_request_topic
from domain.stages import StageChangeError, Via, ensure_move, is_final
from storage.models import Request, Stage, User


class MoveOutcome(StrEnum):
    """What a move came to; every value but ``moved`` is a refusal with its own text."""

    MOVED = "moved"
    CLOSED = "closed"
    NOT_YOURS = "not-yours"
    NOT_FROM_HERE = "not_allowed"
    MANAGER_ONLY = "manager_only"
    NEEDS_RECORD = "needs_record"
    NEEDS_REASON = "needs_reason"
    NEEDS_DATE = "needs_date"
    MEETING_AHEAD = "meeting_ahead"


@dataclass(frozen=True, slots=True)
class Move:
    """What a move carries besides its target: who asks, how, why, until when.

    ``lost_reason`` is the code of a lost reason from the list (``LostReason``), and
    ``junk_kept`` what a junk request keeps as its reason (:func:`junk_kept`): the request
    keeps the code, so every reader gets it in their own language; ``reason`` is then its
    name in the team's language, for the event log and the webhooks.
    """

    via: Via = Via.OWNER
    reason: str | None = None
    until: datetime | None = None
    junk_reason: str | None = None
    junk_kept: str | None = None
    lost_reason: str | None = None
    came_from: Stage | None = None


def outcome_text(t: Translator, outcome: MoveOutcome, number: int, target: Stage) -> str:
    """What the person who asked for a move is told it came to."""
    if outcome is MoveOutcome.CLOSED:
        return t("claims-closed", number=number)
    if outcome is MoveOutcome.NOT_YOURS:
        return t("claims-not-yours", number=number)
    if outcome is MoveOutcome.NOT_FROM_HERE:
        return t("claims-stage-unchanged", number=number)
    if outcome is not MoveOutcome.MOVED:
        return t(f"stages-refused-{outcome.value.replace('_', '-')}", number=number)
    return t("claims-stage-done", number=number, stage=stage_label(t, target.value))


async def change_stage(
    desk: Desk, request: Request, actor: User, target: Stage, move: Move | None = None
) -> MoveOutcome:
    """Move ``request`` to ``target`` if the stage machine allows it for ``move``.

    The owner's moves (buttons and records) need the request to be open and theirs; a
    manager's role is checked by the caller. The stage guard is part of the UPDATE, so a
    double press or a stale button moves nothing.
    """
    move = move or Move()
    owners_move = move.via in {Via.OWNER, Via.RECORD}
    source = Stage(request.stage)
    if owners_move and is_final(source):
        return MoveOutcome.CLOSED
    if owners_move and request.owner_id != actor.id:
        return MoveOutcome.NOT_YOURS
    try:
        ensure_move(
            source,
            target,
            via=move.via,
            came_from=move.came_from,
            reason=move.reason,
            until=move.until,
        )
    except StageChangeError as refused:
        return MoveOutcome(refused.reason.value)
    if await _meeting_ahead(desk, request, source, target, move):
        return MoveOutcome.MEETING_AHEAD
    moved = await desk.repo.requests.set_stage(
        request.id,
        target,
        desk.now(),
        only_from=[source],
        owner_id=actor.id if owners_move else None,
        lost_reason=_closing_reason(move, target),
        postponed_until=move.until if target is Stage.POSTPONED else None,
    )
    if not moved:
        return MoveOutcome.NOT_FROM_HERE
    await _record(desk, request.id, actor, source, target, move)
    if is_final(target) and not is_final(source):
        await _wind_down(desk, request.id, actor)
    await _follow(desk, request.id, actor, source, move)
    return MoveOutcome.MOVED


def _closing_reason(move: Move, target: Stage) -> str | None:
    """What the request keeps as the reason it closed: a listed lost reason by its code."""
    if target is Stage.LOST:
        return move.lost_reason or move.reason
    return (move.junk_kept or move.reason) if target is Stage.JUNK else None


def _told_reason(t: Translator, move: Move) -> str:
    """The move's reason in the words of the person told of it."""
    if move.lost_reason:
        return lost_reason_text(t, move.lost_reason)
    if move.junk_kept:
        return junk_reason_text(t, move.junk_kept)
    return move.reason or "—"


async def _meeting_ahead(
    desk: Desk, request: Request, source: Stage, target: Stage, move: Move
) -> bool:
    """Back from "meeting planned" to "taken" while a meeting is still planned: the
    stage would say there is none. The meeting is cancelled first (which moves the
    request back by itself); only a manager's override sets this aside."""
    if source is not Stage.MEETING_PLANNED or target is not Stage.TAKEN:
        return False
    if move.via is Via.OVERRIDE:
        return False
    return await desk.repo.followups.next_meeting(request.id) is not None


async def _wind_down(desk: Desk, request_id: int, actor: User) -> None:
    """A closed request keeps nobody busy: its planned meetings, open steps and estimates
    in hand are cancelled, so no reminder, digest line or overdue escalation speaks of
    them again, and no estimator's load counts them.

    The reminders already planned find their meeting, step or estimate no longer planned
    or open when they come due, and say nothing. The meetings' participants and the
    estimators are told.
    """
    for meeting in await desk.repo.followups.cancel_request_meetings(request_id):
        await desk.repo.events.add(
            kind="request.meeting_cancelled",
            actor_id=actor.id,
            request_id=request_id,
            data={"meeting": meeting.id},
        )
        await tell_people(desk, meeting, "meetings-told-closed", besides={actor.id})
    steps = await desk.repo.followups.cancel_request_steps(request_id)
    if steps:
        await desk.repo.events.add(
            kind="request.steps_cancelled",
            actor_id=actor.id,
            request_id=request_id,
            data={"count": steps},
        )
    await cancel_estimates(desk, request_id, actor)


async def _record(
    desk: Desk, request_id: int, actor: User, source: Stage, target: Stage, move: Move
) -> None:
    data: dict[str, Any] = {"from": source.value, "to": target.value}
    if move.reason:
        data["reason"] = move.reason
    reopened = is_final(source) and not is_final(target)
    if not reopened:
        if move.until:
            data["until"] = move.until.isoformat()
        if move.via is Via.OVERRIDE:
            data["override"] = True
        if target is Stage.JUNK:
            data["junk_reason"] = move.junk_reason or "other"
            if move.junk_kept:
                data["junk_kept"] = move.junk_kept
        if target is Stage.LOST and move.lost_reason:
            data["lost_reason"] = move.lost_reason
    await desk.repo.events.add(
        kind="request.reopened" if reopened else "request.stage_changed",
        actor_id=actor.id,
        request_id=request_id,
        data=data,
    )


async def _follow(desk: Desk, request_id: int, actor: User, source: Stage, move: Move) -> None:
    """The views, the card, the topic, the group's thread, the author and (for a manager)
    the owner."""
    fresh = await refresh_request(desk, request_id)
    if fresh is None:
        return
    zone = await owner_zone(desk, fresh)
    await sync_request_topic(desk, fresh)
    team_t = desk.team_t
    await post_update(
        desk,
        fresh,
        team_t(
            "claims-update-stage",
            number=fresh.id,
            owner=mention(actor),
            stage=stage_summary(team_t, fresh, zone),
        ),
    )
    by_manager = move.via in {Via.MANAGER, Via.OVERRIDE}
    author = await desk.repo.users.get(fresh.author_id)
    if author is not None and author.id != actor.id:
        t = desk.t_for(author)
        key = _author_notice(source, Stage(fresh.stage), by_manager=by_manager)
        await desk.notify(
            author.id,
            t(
                key,
                number=fresh.id,
                stage=stage_summary(t, fresh, zone),
                owner=actor.first_name,
                reason=_told_reason(t, move),
            ),
        )
    owner_id = fresh.owner_id
    if by_manager and owner_id is not None and owner_id not in {actor.id, fresh.author_id}:
        owner = await desk.repo.users.get(owner_id)
        if owner is not None:
            t = desk.t_for(owner)
            await desk.notify(
                owner.id,
                t(
                    "stages-owner-moved",
                    number=fresh.id,
                    stage=stage_summary(t, fresh, zone),
                    manager=actor.first_name,
                    reason=_told_reason(t, move),
                ),
            )


def _author_notice(source: Stage, target: Stage, *, by_manager: bool) -> str:
    """The author hears of outcomes in words of their own, and of a manager's moves."""
    if is_final(source) and not is_final(target):
        return "stages-author-reopened"
    if target is Stage.WON:
        return "stages-author-won"
    if target is Stage.LOST:
        return "stages-author-lost"
    if target is Stage.JUNK:
        return "stages-author-junk"
    if by_manager:
        return "stages-author-moved"
    return "claims-author-stage"
