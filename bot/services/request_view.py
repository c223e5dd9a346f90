"""The request's view: one renderer for everyone who may open a request, and its live refresh.

What a person sees depends on who they are to the request, and is always rendered from the
request as it is now:

- the owner, managers and the participants of its meetings get the whole brief, then the
  live panel (stage, owner, next meeting, next step, and the actions allowed now);
- the author gets the stage, the owner and the next meeting;
- other team members get the card, as the group sees it;
- anyone else gets a polite refusal.

The last message of a view (the panel) is remembered per person; after any change
:func:`refresh_request` edits every remembered panel in place.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from aiogram.exceptions import TelegramBadRequest, TelegramForbiddenError
from aiogram.types import InlineKeyboardMarkup

from bot.i18n import Translator
from bot.services.attachments import send_attachments
from bot.services.audience import MANAGING_ROLES, Audience, audience_of, roles_of
from bot.services.brief import render_brief
from bot.services.card_text import render_card, request_head, status_line
from bot.services.cards import refresh_card
from bot.services.desk import Desk, display_name, people
from bot.services.message_size import MESSAGE_LIMIT
from bot.services.panel import Viewer, panel_actions, panel_keyboard
from bot.services.process_view import process_lines
from bot.services.request_files import items_block, items_for, may_add
from storage.models import Request, User

logger = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class View:
    """A rendered view: ``pages`` go first and are never edited, ``panel`` is the live part."""

    audience: Audience
    pages: list[str]
    panel: str
    keyboard: InlineKeyboardMarkup | None


async def render_view(desk: Desk, request: Request, user: User, roles: frozenset[str]) -> View:
    """``request`` (loaded with its answers and attachments) as ``user`` may see it now."""
    t = desk.t_for(user)
    audience = await audience_of(desk, request, user, roles)
    if audience is Audience.STRANGER:
        return View(audience, [], t("view-refused", number=request.id), None)
    author, owner = await people(desk, request)
    if audience is Audience.CARD:
        card = render_card(desk, request, author, owner, t=t)
        viewer = Viewer(user_id=user.id, is_owner=False, is_manager=False, history=True)
        return View(audience, [], card.text, panel_keyboard(t, panel_actions(request, viewer)))
    summary = await _summary(desk, t, request, user, owner, with_step=audience is Audience.BRIEF)
    items = await items_for(desk, request, audience, user, files=request.attachments)
    if items:
        summary += "\n\n" + await items_block(desk, t, items, user)
    viewer = Viewer(
        user_id=user.id,
        is_owner=request.owner_id == user.id,
        is_manager=bool(roles & MANAGING_ROLES),
        is_author=audience is Audience.AUTHOR,
        may_add=may_add(audience),
        items=len(items),
        history=audience is Audience.BRIEF,
    )
    keyboard = panel_keyboard(t, panel_actions(request, viewer))
    if audience is Audience.AUTHOR:
        head = request_head(desk, t, request, author, zone=desk.zone_of(user))
        return View(audience, [], f"{head}\n\n{summary}", keyboard)
    pages = render_brief(desk, t, request, author, owner, status=False)
    if len(pages) == 1 and len(pages[0]) + len(summary) < MESSAGE_LIMIT - 96:
        return View(audience, [], f"{pages[0]}\n\n{summary}", keyboard)
    return View(audience, pages, summary, keyboard)


async def _summary(
    desk: Desk,
    t: Translator,
    request: Request,
    reader: User,
    owner: User | None,
    *,
    with_step: bool,
) -> str:
    """Owner and stage, the next meeting and (for the team) the next step, in the reader's zone."""
    zone = desk.zone_of(reader)
    lines = [status_line(desk, t, request, owner, zone=zone)]
    meeting = await desk.repo.followups.next_meeting(request.id)
    if meeting is not None:
        lines.append(
            t(
                "view-meeting",
                when=t.datetime(meeting.starts_at.astimezone(zone)),
                place=meeting.place,
            )
        )
    if with_step:
        steps = await desk.repo.followups.open_steps(request.id)
        if steps:
            assignee = await desk.repo.users.get(steps[0].assignee_id)
            lines.append(
                t(
                    "view-step",
                    text=steps[0].text,
                    when=t.datetime(steps[0].due_at.astimezone(zone)),
                    who=display_name(assignee),
                )
            )
        elif request.owner_id is not None:
            lines.append(t("view-no-step"))
        lines += await process_lines(desk, t, request.id, zone)
        lines += [
            t("claims-brief-crm", crm=link.crm, entity=link.entity, id=link.crm_id)
            for link in await desk.repo.crm_links.of_request(request.id)
        ]
    return "\n".join(lines)


async def show_view(
    desk: Desk,
    request_id: int,
    user: User,
    roles: frozenset[str],
    *,
    with_files: bool = False,
) -> bool:
    """Send ``user`` the request's view and remember its panel; ``False`` if undelivered.

    ``with_files`` also sends the request's files after the panel (what the owner gets on
    taking a request).
    """
    request = await desk.repo.requests.with_answers(request_id)
    t = desk.t_for(user)
    if request is None:
        return await desk.tell(user.id, t("view-not-found", number=request_id)) is not None
    view = await render_view(desk, request, user, roles)
    try:
        for page in view.pages:
            await desk.bot.send_message(user.id, page)
        panel = await desk.bot.send_message(user.id, view.panel, reply_markup=view.keyboard)
        if with_files and view.audience is Audience.BRIEF:
            await send_attachments(desk, user.id, request.attachments)
    except (TelegramForbiddenError, TelegramBadRequest) as error:
        logger.info("event=view.undelivered user_id=%s error=%s", user.id, error)
        return False
    if view.audience is not Audience.STRANGER:
        await desk.repo.workspace.remember_view(
            request_id=request.id,
            user_id=user.id,
            chat_id=panel.chat.id,
            message_id=panel.message_id,
        )
    return True


async def refresh_views(desk: Desk, request_id: int) -> None:
    """Edit every remembered panel of the request to show it as it is now."""
    views = await desk.repo.workspace.views(request_id)
    if not views:
        return
    request = await desk.repo.requests.with_answers(request_id)
    if request is None:
        return
    readers = await desk.repo.team.users([view.user_id for view in views])
    for stored in views:
        reader = readers.get(stored.user_id)
        if reader is None:
            continue
        view = await render_view(desk, request, reader, roles_of(desk, reader))
        try:
            await desk.bot.edit_message_text(
                view.panel,
                chat_id=stored.chat_id,
                message_id=stored.message_id,
                reply_markup=view.keyboard,
            )
        except TelegramBadRequest as error:
            logger.info("event=view.edit_failed request_id=%s error=%s", request_id, error)
            await desk.repo.workspace.forget_view(request_id, stored.user_id)
        except TelegramForbiddenError:
            await desk.repo.workspace.forget_view(request_id, stored.user_id)


async def refresh_request(desk: Desk, request_id: int) -> Request | None:
    """After a change: the card in the group and every open view show the request as it is."""
    request = await refresh_card(desk, request_id)
    await refresh_views(desk, request_id)
    return request
