"""Report stories run on the team group's fixtures, with helpers to build a history fast."""

from __future__ import annotations

import struct
from datetime import timedelta

from emulator import EmMessage, TelegramEmulator
from storage.models import Stage
from tests.e2e.team.conftest import Team, clock, make_team, team, tg

__all__ = ["clock", "make_team", "png_size", "settle_stage", "team", "tg", "upcoming"]


async def upcoming(tg: TelegramEmulator, chat_id: int, count: int) -> list[EmMessage]:
    """The bot's next ``count`` messages in a chat."""
    return [await tg.next_bot_message(chat_id, timeout=15) for _ in range(count)]


def png_size(data: bytes | None) -> tuple[int, int]:
    """Width and height from a PNG's header; fails for anything that is not a PNG."""
    assert data is not None
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    width, height = struct.unpack(">II", data[16:24])
    return width, height


async def settle_stage(
    team: Team,
    number: int,
    owner: int,
    source: Stage,
    target: Stage,
    *,
    after: timedelta,
    reason: str | None = None,
) -> None:
    """Move a request as its owner's button would, ``after`` from now on the test clock."""
    team.clock.advance(after)
    async with team.repo() as repo:
        await repo.requests.set_stage(number, target, team.clock.now(), lost_reason=reason)
        data = {"from": source.value, "to": target.value}
        if reason:
            data["reason"] = reason
        await repo.events.add(
            kind="request.stage_changed", actor_id=owner, request_id=number, data=data
        )
