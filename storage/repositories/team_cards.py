"""Where each request's card stands in the team group, and which requests have none yet.

Apart from the requests' other queries because a card has a life of its own: posted once
(a copy posted after a lost answer is not the card), deleted in the group, posted again.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select

from storage.models import FINAL_STAGES, Request
from storage.repositories.base import Repository
from storage.repositories.requests import change_request


class TeamCardRepository(Repository):
    """The team-group card columns of ``requests``."""

    async def record(
        self,
        request_id: int,
        *,
        chat_id: int,
        message_id: int,
        thread_id: int | None = None,
        now: datetime | None = None,
    ) -> bool:
        """Remember where the request's card is in the team group, unless it has one.

        The first card recorded is the request's card; ``False`` for a copy recorded
        after it (posted again after a lost answer, or pressed before the bot knew its
        id): :meth:`message_of` says which message the card is.
        """
        return await change_request(
            self.session,
            request_id,
            (Request.team_message_id.is_(None),),
            team_chat_id=chat_id,
            team_message_id=message_id,
            topic_thread_id=thread_id,
            updated_at=self._now(now),
        )

    async def forget(self, request_id: int, message_id: int, now: datetime | None = None) -> bool:
        """The card ``message_id`` is gone from the group (deleted there): the request has none.

        Conditional on the card being that message, so a card posted again meanwhile
        stays; the poster then finds the request among those :meth:`not_in_group`.
        """
        return await change_request(
            self.session,
            request_id,
            (Request.team_message_id == message_id,),
            team_message_id=None,
            updated_at=self._now(now),
        )

    async def message_of(self, request_id: int) -> int | None:
        """The message id of the request's card in the team group, as stored right now."""
        result: int | None = await self.session.scalar(
            select(Request.team_message_id).where(Request.id == request_id)
        )
        return result

    async def not_in_group(self, limit: int | None = 50, after: int = 0) -> list[int]:
        """Requests still in work whose card the team group does not have yet, oldest first.

        A page of ``limit`` (every one with ``None``) numbered above ``after``: a caller
        going through all of them pages on from the last number it got, so cards that
        failed again do not fill every page.
        """
        result = await self.session.scalars(
            select(Request.id)
            .where(
                Request.id > after,
                Request.team_message_id.is_(None),
                Request.stage.not_in([stage.value for stage in FINAL_STAGES]),
            )
            .order_by(Request.id)
            .limit(limit)
        )
        return list(result.all())
