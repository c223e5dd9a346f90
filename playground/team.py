"""The ready team a visitor finds in the playground: who they are and what they may do."""

from __future__ import annotations

from dataclasses import dataclass

from bot.app import App
from emulator import TelegramEmulator
from storage.models import Role
from storage.repositories.holder import Repositories

TEAM_CHAT_ID = -1001000000900
TEAM_TITLE = "Presale team"


@dataclass(frozen=True)
class Member:
    """One person of the playground's team; ``role`` is also the page's label for them."""

    id: int
    name: str
    role: str
    roles: tuple[Role, ...] = ()
    tags: tuple[str, ...] = ()
    phone: str = ""
    in_group: bool = True


ADMIN = Member(1001, "Ирина", "admin", phone="+79160000001")
MANAGER = Member(1002, "Михаил", "manager", (Role.MANAGER,), phone="+79160000002")
PETR = Member(1003, "Пётр", "expert", (Role.EXPERT,), ("erp", "crm"), "+79160000003")
MARIA = Member(1004, "Мария", "expert", (Role.EXPERT,), ("erp", "cars"), "+79160000004")
ESTIMATOR = Member(1005, "Евгений", "estimator", (Role.ESTIMATOR,), phone="+79160000005")
CLOSER = Member(1006, "Кирилл", "closer", (Role.CLOSER,), phone="+79160000006")
OLGA = Member(
    1007, "Ольга", "lead_generator", (Role.LEAD_GENERATOR,), phone="+79161234567", in_group=False
)
DENIS = Member(
    1008, "Денис", "lead_generator", (Role.LEAD_GENERATOR,), phone="+79167654321", in_group=False
)
TEAM: tuple[Member, ...] = (OLGA, DENIS, PETR, MARIA, MANAGER, ESTIMATOR, CLOSER, ADMIN)
"""In the order the page lists them: a request's story starts with a lead generator."""


def member(user_id: int) -> Member | None:
    """The team member with this Telegram id."""
    return next((person for person in TEAM if person.id == user_id), None)


def add_people(tg: TelegramEmulator) -> None:
    """Everyone as a Telegram user, and the team group as a forum they are members of."""
    for person in TEAM:
        tg.add_user(person.id, person.name, language_code="ru")
    tg.add_group(
        TEAM_CHAT_ID,
        TEAM_TITLE,
        forum=True,
        members=[person.id for person in TEAM if person.in_group and person != ADMIN],
        creator=ADMIN.id,
        bot_is_admin=True,
    )


async def grant_roles(app: App) -> None:
    """Roles and competence tags, as an admin would grant them with /team."""
    async with app.session_factory() as session:
        repo = Repositories(session, clock=app.clock)
        for person in TEAM:
            await repo.users.upsert_from_telegram(
                user_id=person.id,
                first_name=person.name,
                last_name=None,
                username=None,
                language_code="ru",
            )
            for role in person.roles:
                await repo.users.grant_role(person.id, role)
            await repo.users.set_tags(person.id, list(person.tags))
        await session.commit()
