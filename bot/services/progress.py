"""Moving a request through its stages, with the card, the topic and the author following."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from bot.services.cards import post_update, stage_summary
from bot.services.desk import Desk, mention
from bot.services.request_view import refresh_request
from bot.services.stages import can_move, sources_of
from bot.services.topics import sync_request_topic
from storage.models import Request, Stage, User


class MoveOutcome(StrEnum):
    """What a stage button came to."""

    MOVED = "moved"
    NOT_YOURS = "not-yours"
    NOT_FROM_HERE = "not-from-here"


async def change_stage(
    desk: Desk,
    request: Request,
    owner: User,
    target: Stage,
    *,
    lost_reason: str | None = None,
    postponed_until: datetime | None = None,
) -> MoveOutcome:
    """Move ``request`` to ``target`` if ``owner`` has it and the move exists from its stage.

    The guard is part of the UPDATE, so a double press or a stale brief moves nothing.
    """
    if request.owner_id != owner.id:
        return MoveOutcome.NOT_YOURS
    source = Stage(request.stage)
    if not can_move(source, target):
        return MoveOutcome.NOT_FROM_HERE
    moved = await desk.repo.requests.set_stage(
        request.id,
        target,
        desk.now(),
        only_from=sources_of(target),
        owner_id=owner.id,
        lost_reason=lost_reason,
        postponed_until=postponed_until,
    )
    if not moved:
        return MoveOutcome.NOT_FROM_HERE
    data: dict[str, str] = {"from": source.value, "to": target.value}
    if lost_reason:
        data["reason"] = lost_reason
    if postponed_until:
        data["until"] = postponed_until.isoformat()
    await desk.repo.events.add(
        kind="request.stage_changed", actor_id=owner.id, request_id=request.id, data=data
    )
    fresh = await refresh_request(desk, request.id)
    if fresh is None:
        return MoveOutcome.MOVED
    await sync_request_topic(desk, fresh)
    team_t = desk.team_t
    await post_update(
        desk,
        fresh,
        team_t(
            "claims-update-stage",
            number=fresh.id,
            owner=mention(owner),
            stage=stage_summary(team_t, fresh),
        ),
    )
    author = await desk.repo.users.get(fresh.author_id)
    if author is not None and author.id != owner.id:
        t = desk.t_for(author)
        await desk.notify(
            author.id,
            t(
                "claims-author-stage",
                number=fresh.id,
                stage=stage_summary(t, fresh),
                owner=owner.first_name,
            ),
        )
    return MoveOutcome.MOVED
