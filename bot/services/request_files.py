"""Files and notes added to a request after submitting: stored, listed, sent back, and told.

The author, the owner, managers and meeting participants may add them. What the author adds
reaches the owner at once; what the team adds reaches the author only when it is meant for
them (``for_author``). Both go through the outbox, like every message the bot sends on its own.
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from aiogram.exceptions import TelegramAPIError
from aiogram.types import Message

from bot.i18n import Translator
from bot.services.attachments import send_attachments
from bot.services.audience import Audience
from bot.services.desk import Desk, display_name, shorten
from bot.services.view_buttons import with_open_button
from scenarios.choices import Attachment
from scenarios.schema import AttachmentKind
from storage.models import Request, RequestAttachment, RequestNote, User

LISTED = 5
"""The view lists this many of the latest files and notes; the button sends them all."""
PREVIEW = 60
"""A note is shown this many characters long in the list."""
NOTICE_LIMIT = 900
"""A note is quoted this long in the notice to the other side (Fluent takes up to 1000)."""
ROOM = 3900
"""Notes sent back are packed into messages up to this long."""


@dataclass(frozen=True, slots=True)
class Item:
    """A file or a note as the view lists it."""

    at: datetime
    by: int | None
    file: RequestAttachment | None = None
    note: RequestNote | None = None


def attachment_of(message: Message) -> tuple[Attachment, str]:
    """The file of a document or photo message, and its unique id.

    Shared by the form's attachments question and the files added to a request later, so
    both store a file the same way.
    """
    if message.photo:
        largest = message.photo[-1]
        return Attachment(AttachmentKind.PHOTO, largest.file_id), largest.file_unique_id
    document = message.document
    if document is None:
        raise ValueError("not a file message")
    attachment = Attachment(AttachmentKind.DOCUMENT, document.file_id, document.file_name)
    return attachment, document.file_unique_id


def may_add(audience: Audience) -> bool:
    """The author and whoever reads the brief (owner, managers, participants) may add."""
    return audience in (Audience.AUTHOR, Audience.BRIEF)


async def items_for(
    desk: Desk,
    request: Request,
    audience: Audience,
    reader: User,
    *,
    files: Sequence[RequestAttachment] | None = None,
) -> list[Item]:
    """What ``reader`` may see, oldest first: the team sees everything, the author what
    they added, the form's files, and what the team meant for them.

    ``files``: the request's attachments when the caller has loaded them already (the
    view has), which saves reading them again for every view rendered.
    """
    if files is None:
        files = await desk.repo.workspace.files(request.id)
    notes = await desk.repo.workspace.notes(request.id)
    items = [Item(f.added_at or request.created_at, f.added_by, file=f) for f in files] + [
        Item(n.created_at, n.author_id, note=n) for n in notes
    ]
    if audience is Audience.AUTHOR:
        items = [
            item
            for item in items
            if item.by in (None, reader.id)
            or (item.file is not None and item.file.for_author)
            or (item.note is not None and item.note.for_author)
        ]
    return sorted(items, key=lambda item: item.at)


async def items_block(desk: Desk, t: Translator, items: list[Item], reader: User) -> str:
    """The view's list of the latest files and notes: who, when, what."""
    people = await desk.repo.team.users({item.by for item in items if item.by is not None})
    zone = desk.zone_of(reader)
    lines = [t("files-head", count=len(items))]
    for item in items[-LISTED:]:
        who = display_name(people.get(item.by)) if item.by else t("files-with-form")
        if item.file is not None:
            what = item.file.file_name or t("files-photo")
        else:
            what = "«" + shorten(item.note.text if item.note else "", PREVIEW) + "»"
        lines.append(
            t("files-line", when=t.datetime(item.at.astimezone(zone)), who=who, what=what)
        )
    return "\n".join(lines)


async def add_note(
    desk: Desk, request: Request, by: User, text: str, *, for_author: bool
) -> RequestNote:
    """Store a note, log it and tell the other side (the caller refreshes the views)."""
    note = await desk.repo.workspace.add_note(
        request_id=request.id, author_id=by.id, text=text, for_author=for_author
    )
    await desk.repo.events.add(
        kind="request.note_added",
        actor_id=by.id,
        request_id=request.id,
        data={"note_id": note.id, "for_author": for_author},
    )
    await _tell_other_side(desk, request, by, for_author, note=shorten(text, NOTICE_LIMIT))
    return note


async def add_file(
    desk: Desk,
    request: Request,
    by: User,
    attachment: Attachment,
    unique_id: str,
    *,
    for_author: bool,
) -> RequestAttachment:
    """Store a file, log it and tell the other side (the caller refreshes the views)."""
    stored = await desk.repo.workspace.add_file(
        request_id=request.id,
        added_by=by.id,
        kind=attachment.kind.value,
        file_id=attachment.file_id,
        file_unique_id=unique_id,
        file_name=attachment.file_name,
        for_author=for_author,
    )
    await desk.repo.events.add(
        kind="request.file_added",
        actor_id=by.id,
        request_id=request.id,
        data={"attachment_id": stored.id, "for_author": for_author},
    )
    await _tell_other_side(desk, request, by, for_author, file=attachment.file_name or "")
    return stored


async def _tell_other_side(
    desk: Desk,
    request: Request,
    by: User,
    for_author: bool,
    *,
    note: str | None = None,
    file: str | None = None,
) -> None:
    """The author's additions go to the owner; the team's to the author when meant for them."""
    if by.id == request.author_id:
        recipient_id = request.owner_id
    else:
        recipient_id = request.author_id if for_author else None
    if recipient_id is None or recipient_id == by.id:
        return
    recipient = await desk.repo.users.get(recipient_id)
    if recipient is None:
        return
    t = desk.t_for(recipient)
    if note is not None:
        text = t("files-told-note", number=request.id, who=display_name(by), note=note)
    else:
        name = file or t("files-photo")
        text = t("files-told-file", number=request.id, who=display_name(by), name=name)
    await desk.notify(recipient.id, text, reply_markup=with_open_button(t, request.id))


async def send_back(desk: Desk, request: Request, audience: Audience, reader: User) -> bool:
    """Send ``reader`` every file they may see and the notes in full; ``False`` if none."""
    items = await items_for(desk, request, audience, reader)
    if not items:
        return False
    t = desk.t_for(reader)
    people = await desk.repo.team.users({item.by for item in items if item.by is not None})
    zone = desk.zone_of(reader)
    messages: list[str] = []
    for item in items:
        if item.note is None:
            continue
        who = display_name(people.get(item.by or 0))
        head = t("files-note-by", when=t.datetime(item.at.astimezone(zone)), who=who)
        text = item.note.text
        for index in range(0, max(len(text), 1), ROOM):
            chunk = html.escape(text[index : index + ROOM], quote=False)
            part = f"{head}\n{chunk}" if index == 0 else chunk
            if messages and len(messages[-1]) + len(part) + 2 <= ROOM:
                messages[-1] += "\n\n" + part
            else:
                messages.append(part)
    try:
        for text in messages:
            await desk.bot.send_message(reader.id, text)
    except TelegramAPIError:
        return False
    files = [item.file for item in items if item.file is not None]
    await send_attachments(desk, reader.id, files)
    return True
