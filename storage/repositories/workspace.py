"""Where people last saw a request, and the notes and files added to it after submitting."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import delete, select

from storage.models import Event, RequestAttachment, RequestNote, RequestView
from storage.repositories.base import Repository
from storage.upsert import upsert


class WorkspaceRepository(Repository):
    """Reads and changes ``request_views`` and ``request_notes``, and later attachments."""

    async def remember_view(
        self, *, request_id: int, user_id: int, chat_id: int, message_id: int
    ) -> None:
        """This message is now the one that shows ``user_id`` the request; older ones retire."""
        statement = upsert(
            self.session.get_bind().dialect.name,
            RequestView.__table__,
            key=("request_id", "user_id"),
            replace=("chat_id", "message_id", "seen_at"),
        )
        await (await self._core()).execute(
            statement,
            {
                "request_id": request_id,
                "user_id": user_id,
                "chat_id": chat_id,
                "message_id": message_id,
                "seen_at": self._now(None),
            },
        )

    async def views(self, request_id: int) -> list[RequestView]:
        """Every live view of a request, to edit after a change."""
        result = await self.session.scalars(
            select(RequestView).where(RequestView.request_id == request_id)
        )
        return list(result.all())

    async def forget_view(self, request_id: int, user_id: int) -> None:
        """The view's message is gone (deleted, or the chat closed): stop editing it."""
        await self.session.execute(
            delete(RequestView).where(
                RequestView.request_id == request_id, RequestView.user_id == user_id
            )
        )

    async def last_touched(self, user_id: int) -> int | None:
        """The request ``user_id`` last opened or acted on, whichever came later."""
        viewed = (
            await self.session.execute(
                select(RequestView.request_id, RequestView.seen_at)
                .where(RequestView.user_id == user_id)
                .order_by(RequestView.seen_at.desc())
                .limit(1)
            )
        ).first()
        acted = (
            await self.session.execute(
                select(Event.request_id, Event.at)
                .where(Event.actor_id == user_id, Event.request_id.is_not(None))
                .order_by(Event.id.desc())
                .limit(1)
            )
        ).first()
        candidates = [
            (row[1], int(row[0])) for row in (viewed, acted) if row is not None and row[0]
        ]
        return max(candidates)[1] if candidates else None

    async def add_note(
        self, *, request_id: int, author_id: int, text: str, for_author: bool
    ) -> RequestNote:
        """A note in the caller's transaction; its ``id`` is set on return."""
        note = RequestNote(
            request_id=request_id,
            author_id=author_id,
            text=text,
            for_author=for_author,
            created_at=self._now(None),
        )
        self.session.add(note)
        await self.session.flush()
        return note

    async def notes(self, request_id: int) -> list[RequestNote]:
        """A request's notes, oldest first."""
        result = await self.session.scalars(
            select(RequestNote)
            .where(RequestNote.request_id == request_id)
            .order_by(RequestNote.id)
        )
        return list(result.all())

    async def add_file(
        self,
        *,
        request_id: int,
        added_by: int,
        kind: str,
        file_id: str,
        file_unique_id: str,
        file_name: str | None,
        for_author: bool,
        now: datetime | None = None,
    ) -> RequestAttachment:
        """A file added after submitting; it joins the request's attachments."""
        attachment = RequestAttachment(
            request_id=request_id,
            field_id="",
            kind=kind,
            file_id=file_id,
            file_unique_id=file_unique_id,
            file_name=file_name,
            added_by=added_by,
            added_at=self._now(now),
            for_author=for_author,
        )
        self.session.add(attachment)
        await self.session.flush()
        return attachment

    async def files(self, request_id: int) -> list[RequestAttachment]:
        """Every file of a request, the form's first, oldest first."""
        result = await self.session.scalars(
            select(RequestAttachment)
            .where(RequestAttachment.request_id == request_id)
            .order_by(RequestAttachment.id)
        )
        return list(result.all())
