"""What /team draws: the members list page by page, one person's view, the supervisor choice.

Kept beside :mod:`handlers.team` so its router holds only the handlers and who may press
what, while the texts and keyboards they show are read and changed here.
"""

from __future__ import annotations

from aiogram.types import InlineKeyboardMarkup

from bot.i18n import Translator
from bot.keyboard import InlineKeyboard, page_turns
from bot.services.buttons import (
    GRANTABLE_ROLES,
    TeamMember,
    TeamPage,
    TeamRole,
    TeamSupervisor,
    TeamTag,
)
from bot.services.desk import display_name
from scenarios.loader import ScenarioCatalog
from storage.models import Role, User
from storage.repositories.holder import Repositories

PAGE_SIZE = 8
NO_SUPERVISOR, LIST_MANAGERS = -1, 0


def known_tags(scenarios: ScenarioCatalog, person: User) -> list[str]:
    """Every competence some scenario asks for, plus whatever the person already has."""
    tags = {tag for scenario in scenarios.all() for tag in scenario.competences}
    return sorted(tags | set(person.tags))


def member_line(t: Translator, person: User, admins: frozenset[int]) -> str:
    """Name, username, roles (an admin of the settings too) and tags."""
    held = sorted({*person.roles, *([Role.ADMIN] if person.id in admins else [])})
    roles = ", ".join(t(f"team-role-{role.value.replace('_', '-')}") for role in held)
    return t(
        "team-member-line",
        name=display_name(person),
        username=f" @{person.username}" if person.username else "",
        roles=roles or t("team-no-roles"),
        tags=" · " + ", ".join(f"#{tag}" for tag in person.tags) if person.tags else "",
    )


async def members_page(
    repo: Repositories, t: Translator, page: int, admins: frozenset[int]
) -> tuple[str, InlineKeyboardMarkup]:
    """One page of everyone who wrote to the bot, those with roles first."""
    total = await repo.team.count_members()
    people = await repo.team.members(offset=page * PAGE_SIZE, limit=PAGE_SIZE)
    builder = InlineKeyboard()
    for person in people:
        builder.button(text=display_name(person), callback_data=TeamMember(user=person.id))
    builder.adjust(2)
    pages = -(-total // PAGE_SIZE)
    turns = page_turns(
        page=page,
        pages=pages,
        counter=t("common-page-counter", page=page + 1, pages=pages),
        back=t("team-previous"),
        forward=t("team-next"),
        turn=lambda target: TeamPage(page=target),
    )
    builder.attach(turns)
    lines = [t("team-head", count=total)] + [member_line(t, person, admins) for person in people]
    return "\n".join(lines), builder.as_markup()


def person_view(
    t: Translator,
    person: User,
    scenarios: ScenarioCatalog,
    supervisor: User | None,
    admins: frozenset[int],
) -> tuple[str, InlineKeyboardMarkup]:
    """One person: a button per role and per tag, and their supervisor.

    Each button carries what pressing it does (grant what is not held, take away what is),
    so a press on an outdated view cannot do the opposite of what it shows.
    """
    builder = InlineKeyboard()
    for role in GRANTABLE_ROLES:
        held = role in person.roles
        builder.button(
            text=f"{'✅' if held else '▫️'} {t('team-role-' + role.value.replace('_', '-'))}",
            callback_data=TeamRole(user=person.id, role=role, grant=not held),
        )
    for tag in known_tags(scenarios, person):
        held = tag in person.tags
        builder.button(
            text=f"{'✅' if held else '▫️'} #{tag}",
            callback_data=TeamTag(user=person.id, tag=tag, add=not held),
        )
    builder.button(
        text=t("team-choose-supervisor"),
        callback_data=TeamSupervisor(user=person.id, manager=LIST_MANAGERS),
    )
    builder.button(text=t("team-back"), callback_data=TeamPage(page=0))
    builder.adjust(3, 2, 3)
    text = (
        member_line(t, person, admins)
        + "\n"
        + t(
            "team-supervisor",
            name=display_name(supervisor) if supervisor else t("team-no-supervisor"),
        )
    )
    return text, builder.as_markup()


def supervisor_choice(t: Translator, user_id: int, managers: list[User]) -> InlineKeyboardMarkup:
    """A button per manager but the person (nobody supervises themself), then "nobody", and
    a way back to the person that changes nothing (opened by mistake, the list would
    otherwise offer only changes)."""
    builder = InlineKeyboard()
    for manager in managers:
        if manager.id != user_id:
            builder.button(
                text=display_name(manager),
                callback_data=TeamSupervisor(user=user_id, manager=manager.id),
            )
    builder.button(
        text=t("team-no-supervisor"),
        callback_data=TeamSupervisor(user=user_id, manager=NO_SUPERVISOR),
    )
    builder.button(text=t("team-previous"), callback_data=TeamMember(user=user_id))
    builder.adjust(2)
    return builder.as_markup()
