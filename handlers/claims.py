"""The team group: the card's buttons (take, full text, reassign), who is in it, its new id."""

from __future__ import annotations

import logging
from datetime import datetime

from aiogram import F, Router
from aiogram.enums import ChatMemberStatus
from aiogram.filters import (
    ADMINISTRATOR,
    IS_MEMBER,
    IS_NOT_MEMBER,
    MEMBER,
    RESTRICTED,
    ChatMemberUpdatedFilter,
)
from aiogram.types import CallbackQuery, ChatMemberUpdated, InlineKeyboardMarkup, Message
from aiogram.utils.callback_answer import CallbackAnswer

from bot.i18n import Translator
from bot.keyboard import InlineKeyboard
from bot.sending.outbox import Outbox
from bot.services.brief import send_brief
from bot.services.buttons import AssignButton, FullTextButton, ReassignButton, TakeButton
from bot.services.cards import adopt_card
from bot.services.claims import TakeOutcome, eligible_experts, refusal_for, refusal_text, take
from bot.services.deep_links import request_link
from bot.services.departures import tell_of_departure
from bot.services.desk import Desk, InTeamChat, display_name
from bot.services.member_tags import show_role_tag
from bot.services.team_group import TeamGroup
from domain.stages import is_final
from storage.models import Request, Role, Stage, User

logger = logging.getLogger(__name__)

router = Router(name=__name__)

MANAGING_ROLES = frozenset({Role.MANAGER, Role.ADMIN})
GONE = frozenset({ChatMemberStatus.LEFT, ChatMemberStatus.KICKED})
"""A member's status once they are no longer in the group."""


async def card_request(desk: Desk, query: CallbackQuery, request_id: int) -> Request | None:
    """The request behind a card button, if the button really is on that request's card.

    A card pressed before its sender recorded it is recorded by the press (see
    :func:`adopt_card`), so the first press on a new card is never "out of date".
    """
    request = await desk.repo.requests.get(request_id)
    message = query.message
    if request is None or message is None:
        return None
    if request.team_message_id is None and isinstance(message, Message) and query.data:
        await adopt_card(desk, request, message, query.data)
    if request.team_chat_id != message.chat.id or request.team_message_id != message.message_id:
        return None
    return request


@router.callback_query(TakeButton.filter())
async def take_request(
    query: CallbackQuery,
    callback_data: TakeButton,
    desk: Desk,
    user: User,
    roles: frozenset[str],
    t: Translator,
    callback_answer: CallbackAnswer,
) -> None:
    """Claim the request; whoever comes second learns who has it."""
    callback_answer.show_alert = True
    request = await card_request(desk, query, callback_data.request)
    if request is None:
        callback_answer.text = t("common-stale-button")
        return
    refusal = await refusal_for(desk, user, roles, request)
    if refusal is not None:
        callback_answer.text = refusal_text(desk, user, refusal)
        return
    taking = await take(desk, request, user)
    if taking.outcome is TakeOutcome.TAKEN:
        callback_answer.show_alert = not taking.brief_delivered
        key = "claims-taken-you" if taking.brief_delivered else "claims-taken-start-bot"
        callback_answer.text = t(key, number=request.id)
        if not taking.brief_delivered:
            callback_answer.url = await request_link(desk.bot, request.id)
    elif taking.outcome is TakeOutcome.TAKEN_BY_OTHER:
        callback_answer.text = t(
            "claims-already-taken", number=request.id, owner=display_name(taking.owner)
        )
    elif taking.outcome is TakeOutcome.ALREADY_YOURS:
        callback_answer.text = t("claims-already-yours", number=request.id)
    else:
        callback_answer.text = t("claims-closed", number=request.id)


@router.callback_query(FullTextButton.filter())
async def full_text(
    query: CallbackQuery,
    callback_data: FullTextButton,
    desk: Desk,
    user: User,
    t: Translator,
    callback_answer: CallbackAnswer,
) -> None:
    """Send the whole brief to a member of the group, in private."""
    request = await card_request(desk, query, callback_data.request)
    callback_answer.show_alert = True
    if request is None:
        callback_answer.text = t("common-stale-button")
    elif not await desk.group.is_member(desk.bot, user.id):
        callback_answer.text = t("claims-refused-not-in-group")
    elif await send_brief(desk, request.id, user):
        callback_answer.show_alert = False
        callback_answer.text = t("claims-full-sent")
    else:
        callback_answer.text = t("claims-start-bot-first")
        callback_answer.url = await request_link(desk.bot, request.id)


def experts_keyboard(request: Request, experts: list[User]) -> InlineKeyboardMarkup:
    """One button per expert who may take the request, for a manager to choose."""
    builder = InlineKeyboard()
    for expert in experts:
        if expert.id != request.owner_id:
            builder.button(
                text=display_name(expert),
                callback_data=AssignButton(request=request.id, user=expert.id),
            )
    builder.adjust(2)
    return builder.as_markup()


@router.callback_query(ReassignButton.filter())
async def offer_reassign(
    query: CallbackQuery,
    callback_data: ReassignButton,
    desk: Desk,
    user: User,
    roles: frozenset[str],
    t: Translator,
    callback_answer: CallbackAnswer,
) -> None:
    """A manager gets the list of experts in private; everyone else is told it is not theirs."""
    callback_answer.show_alert = True
    request = await card_request(desk, query, callback_data.request)
    if request is None:
        callback_answer.text = t("common-stale-button")
        return
    if not roles & MANAGING_ROLES:
        callback_answer.text = t("claims-managers-only")
        return
    if is_final(Stage(request.stage)):
        callback_answer.text = t("claims-closed", number=request.id)
        return
    experts = await eligible_experts(desk, request)
    if not [expert for expert in experts if expert.id != request.owner_id]:
        callback_answer.text = t("claims-no-experts", number=request.id)
        return
    sent = await desk.tell(
        user.id,
        t("claims-choose-expert", number=request.id),
        reply_markup=experts_keyboard(request, experts),
    )
    callback_answer.show_alert = sent is None
    callback_answer.text = t("claims-choose-sent" if sent else "claims-start-bot-first")
    if sent is None:
        callback_answer.url = await request_link(desk.bot, request.id)


@router.chat_member(InTeamChat())
async def membership_changed(event: ChatMemberUpdated, team_group: TeamGroup, desk: Desk) -> None:
    """Someone joined or left the team group: forget what we knew about them; one who
    joins with a role wears it as their tag, and if they left with requests still theirs,
    the managers are to hand those on."""
    person = event.new_chat_member.user
    team_group.forget_member(person.id)
    if event.new_chat_member.status in GONE:
        await _left(desk, person.id, event.date)
        return
    known = await desk.repo.users.get(person.id)
    if known is not None and known.roles and event.old_chat_member.status in GONE:
        await show_role_tag(desk, known)


@router.message(InTeamChat(), F.left_chat_member | F.new_chat_members)
async def member_message(message: Message, team_group: TeamGroup, desk: Desk) -> None:
    """The service message of a join or a leave: forget what we knew about those people.

    A leave comes twice when the bot also gets member updates (as an admin of the group):
    the managers hear of it once.
    """
    for person in [message.left_chat_member, *(message.new_chat_members or [])]:
        if person is not None:
            team_group.forget_member(person.id)
    if message.left_chat_member is not None:
        await _left(desk, message.left_chat_member.id, message.date)


async def _left(desk: Desk, user_id: int, when: datetime) -> None:
    person = await desk.repo.users.get(user_id)
    if person is not None:
        await tell_of_departure(desk, person, "left", key=f"{user_id}:{int(when.timestamp())}")


@router.message(InTeamChat(), F.migrate_to_chat_id)
async def group_upgraded(message: Message, desk: Desk) -> None:
    """The team group became a supergroup: its id changed, and ``TEAM_CHAT_ID`` must follow.

    Every call to the old id is refused from now on, so cards would wait in ``/queue``
    with nobody told why; the managers hear the new id at once.
    """
    new_id = str(message.migrate_to_chat_id)
    logger.error("event=team.group_upgraded new_chat_id=%s", new_id)
    await desk.notify_managers(lambda t: t("claims-group-upgraded", new_id=new_id))


@router.my_chat_member(InTeamChat(), ChatMemberUpdatedFilter(IS_MEMBER >> IS_NOT_MEMBER))
async def bot_removed(event: ChatMemberUpdated, desk: Desk) -> None:
    """The bot was removed from the team group: new cards wait, and the managers know why now.

    Without this they would hear of it only when the next card is refused.
    """
    logger.error("event=team.bot_removed by=%s", event.from_user.id)
    who = event.from_user.full_name
    if event.from_user.id == event.new_chat_member.user.id:  # it left by itself
        await desk.notify_managers(lambda t: t("claims-bot-left"))
    else:
        await desk.notify_managers(lambda t: t("claims-bot-removed", who=who))


@router.my_chat_member(
    InTeamChat(),
    F.chat.is_forum,
    ChatMemberUpdatedFilter(ADMINISTRATOR >> (MEMBER | +RESTRICTED)),
)
async def bot_demoted(event: ChatMemberUpdated, desk: Desk) -> None:
    """No longer an admin of the forum team group: it cannot open a topic per request, so
    cards and updates fall back to General. The managers hear it now, and what to do."""
    logger.error("event=team.bot_demoted by=%s", event.from_user.id)
    who = event.from_user.full_name
    await desk.notify_managers(lambda t: t("claims-bot-demoted", who=who))


@router.my_chat_member(InTeamChat(), ChatMemberUpdatedFilter(IS_NOT_MEMBER >> IS_MEMBER))
async def bot_back(event: ChatMemberUpdated, desk: Desk, outbox: Outbox) -> None:
    """Back in the team group: every card still waiting goes out now, not at its next try,
    and so does what else was kept for the group meanwhile (reports, update lines)."""
    await outbox.resume(desk.repo, event.chat.id)
    waiting = await desk.repo.cards.not_in_group(limit=None)
    logger.info("event=team.bot_back by=%s waiting=%s", event.from_user.id, len(waiting))
    for request_id in waiting:
        desk.nudge_card(request_id)
    await desk.notify_managers(lambda t: t("claims-bot-back", count=len(waiting)))
