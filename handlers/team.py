"""/team: admins grant and revoke roles and competence tags, and choose supervisors."""

from __future__ import annotations

from aiogram import Bot, F, Router
from aiogram.filters import Command, CommandObject
from aiogram.types import CallbackQuery, Message
from aiogram.utils.callback_answer import CallbackAnswer

from bot.commands import set_person_menu
from bot.i18n import I18n, Translator
from bot.services.buttons import (
    GRANTABLE_ROLES,
    TeamMember,
    TeamPage,
    TeamRole,
    TeamSupervisor,
    TeamTag,
)
from bot.services.departures import tell_of_departure
from bot.services.desk import Desk
from bot.services.member_tags import show_role_tag
from bot.settings import Settings
from handlers.team_view import (
    LIST_MANAGERS,
    NO_SUPERVISOR,
    members_page,
    person_view,
    supervisor_choice,
)
from scenarios.loader import ScenarioCatalog
from storage.models import Role, User
from storage.repositories.holder import Repositories

router = Router(name=__name__)


def is_admin(roles: frozenset[str]) -> bool:
    return Role.ADMIN in roles


def may_open(roles: frozenset[str]) -> bool:
    """Managers see the team too: they grant the lead-generator role to the company's people."""
    return is_admin(roles) or Role.MANAGER in roles


def may_grant(roles: frozenset[str], role: Role) -> bool:
    """Admins grant every role; managers only lead generator."""
    return is_admin(roles) or (Role.MANAGER in roles and role is Role.LEAD_GENERATOR)


async def show_person(
    repo: Repositories,
    t: Translator,
    scenarios: ScenarioCatalog,
    target: Message,
    user_id: int,
    admins: frozenset[int],
) -> None:
    person = await repo.users.get(user_id)
    if person is None:
        await target.edit_text(t("claims-unknown-person"))
        return
    await repo.session.refresh(person)
    supervisor = await repo.users.get(person.supervisor_id) if person.supervisor_id else None
    text, keyboard = person_view(t, person, scenarios, supervisor, admins)
    await target.edit_text(text, reply_markup=keyboard)


async def update_menu(
    bot: Bot, i18n: I18n, repo: Repositories, user_id: int, admins: frozenset[int]
) -> None:
    """The person's command menu follows their roles, so it changes when a role does."""
    person = await repo.users.get(user_id)
    if person is None:
        return
    await repo.session.refresh(person)
    held = {str(r) for r in person.roles} | ({Role.ADMIN} if person.id in admins else set())
    await set_person_menu(bot, i18n, person, held)


@router.message(Command("team"))
async def team_command(
    message: Message,
    command: CommandObject,
    repo: Repositories,
    t: Translator,
    roles: frozenset[str],
    settings: Settings,
    scenarios: ScenarioCatalog,
) -> None:
    """The team list, or one person when named: ``/team @username``."""
    if not may_open(roles):
        await message.answer(t("team-managers-only"))
        return
    if command.args:
        person = await repo.team.find_user(command.args)
        if person is None:
            await message.answer(t("claims-unknown-person"))
            return
        supervisor = await repo.users.get(person.supervisor_id) if person.supervisor_id else None
        text, keyboard = person_view(t, person, scenarios, supervisor, settings.admin_ids)
        await message.answer(text, reply_markup=keyboard)
        return
    text, keyboard = await members_page(repo, t, 0, settings.admin_ids)
    await message.answer(text, reply_markup=keyboard)


@router.callback_query(TeamPage.filter())
async def page_pressed(
    query: CallbackQuery,
    callback_data: TeamPage,
    repo: Repositories,
    t: Translator,
    roles: frozenset[str],
    settings: Settings,
    callback_answer: CallbackAnswer,
) -> None:
    if not may_open(roles) or not isinstance(query.message, Message):
        callback_answer.show_alert, callback_answer.text = True, t("team-managers-only")
        return
    text, keyboard = await members_page(repo, t, callback_data.page, settings.admin_ids)
    await query.message.edit_text(text, reply_markup=keyboard)


@router.callback_query(TeamMember.filter())
async def member_pressed(
    query: CallbackQuery,
    callback_data: TeamMember,
    repo: Repositories,
    t: Translator,
    roles: frozenset[str],
    settings: Settings,
    scenarios: ScenarioCatalog,
    callback_answer: CallbackAnswer,
) -> None:
    if not may_open(roles) or not isinstance(query.message, Message):
        callback_answer.show_alert, callback_answer.text = True, t("team-managers-only")
        return
    await show_person(repo, t, scenarios, query.message, callback_data.user, settings.admin_ids)


@router.callback_query(TeamRole.filter(F.role.in_(GRANTABLE_ROLES)))
async def role_pressed(
    query: CallbackQuery,
    callback_data: TeamRole,
    bot: Bot,
    i18n: I18n,
    repo: Repositories,
    user: User,
    t: Translator,
    roles: frozenset[str],
    settings: Settings,
    scenarios: ScenarioCatalog,
    desk: Desk,
    callback_answer: CallbackAnswer,
) -> None:
    """Grant or revoke the role as the button said; the view is redrawn either way.

    Not a toggle: from a view opened earlier, or after another admin's press, toggling
    would do the opposite of what the button showed.
    """
    if not may_grant(roles, callback_data.role) or not isinstance(query.message, Message):
        callback_answer.show_alert, callback_answer.text = True, t("team-admins-only")
        return
    person = await repo.users.get(callback_data.user)
    if person is None:
        callback_answer.show_alert, callback_answer.text = True, t("claims-unknown-person")
        return
    role, grant = callback_data.role, callback_data.grant
    change = repo.users.grant_role if grant else repo.users.revoke_role
    if await change(callback_data.user, role):
        event = await repo.events.add(
            kind="team.role_granted" if grant else "team.role_revoked",
            actor_id=user.id,
            data={"user": callback_data.user, "role": role.value},
        )
        if role is Role.EXPERT and not grant:
            await tell_of_departure(desk, person, "role", key=f"role:{event.id}", also=user)
        callback_answer.text = t("team-granted" if grant else "team-revoked")
        await update_menu(bot, i18n, repo, callback_data.user, settings.admin_ids)
    else:
        already = "team-role-already-granted" if grant else "team-role-already-revoked"
        callback_answer.text = t(already)
    await repo.session.refresh(person)
    if not await show_role_tag(desk, person):
        callback_answer.show_alert, callback_answer.text = True, t("team-tags-no-right")
    await show_person(repo, t, scenarios, query.message, callback_data.user, settings.admin_ids)


@router.callback_query(TeamTag.filter())
async def tag_pressed(
    query: CallbackQuery,
    callback_data: TeamTag,
    repo: Repositories,
    user: User,
    t: Translator,
    roles: frozenset[str],
    settings: Settings,
    scenarios: ScenarioCatalog,
    callback_answer: CallbackAnswer,
) -> None:
    """Add or remove the tag as the button said (not a toggle, see ``role_pressed``)."""
    person = await repo.users.get(callback_data.user)
    if not is_admin(roles) or person is None or not isinstance(query.message, Message):
        callback_answer.show_alert, callback_answer.text = True, t("team-admins-only")
        return
    tag, add = callback_data.tag, callback_data.add
    if not await repo.users.change_tag(person.id, tag, add=add):
        callback_answer.text = t("team-tag-already-added" if add else "team-tag-already-removed")
    else:
        await repo.events.add(
            kind="team.tag_added" if add else "team.tag_removed",
            actor_id=user.id,
            data={"user": person.id, "tag": tag},
        )
    await show_person(repo, t, scenarios, query.message, person.id, settings.admin_ids)


@router.callback_query(TeamSupervisor.filter())
async def supervisor_pressed(
    query: CallbackQuery,
    callback_data: TeamSupervisor,
    repo: Repositories,
    user: User,
    t: Translator,
    roles: frozenset[str],
    settings: Settings,
    scenarios: ScenarioCatalog,
    callback_answer: CallbackAnswer,
) -> None:
    """First press lists the managers; choosing one (or "nobody") sets the supervisor."""
    if not is_admin(roles) or not isinstance(query.message, Message):
        callback_answer.show_alert, callback_answer.text = True, t("team-admins-only")
        return
    if callback_data.manager == LIST_MANAGERS:
        managers = await repo.users.with_role(Role.MANAGER)
        keyboard = supervisor_choice(t, callback_data.user, managers)
        await query.message.edit_text(t("team-pick-supervisor"), reply_markup=keyboard)
        return
    chosen = None if callback_data.manager == NO_SUPERVISOR else callback_data.manager
    if chosen is not None and not await repo.users.has_role(chosen, Role.MANAGER):
        callback_answer.show_alert, callback_answer.text = True, t("common-stale-button")
        return
    await repo.users.set_supervisor(callback_data.user, chosen)
    await repo.events.add(
        kind="team.supervisor_set",
        actor_id=user.id,
        data={"user": callback_data.user, "supervisor": chosen},
    )
    await show_person(repo, t, scenarios, query.message, callback_data.user, settings.admin_ids)
