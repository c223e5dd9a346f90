"""A team group with experts, and requests posted to it, for the team-group stories.

Requests are stored through the repositories and posted by the card service, as the
intake dialog's submit hook does; one story drives the real dialog end to end.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable, Iterable
from contextlib import asynccontextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import pytest

from bot.services.cards import post_card
from bot.services.desk import Desk
from bot.settings import Settings
from domain.clock import ManualClock
from emulator import EmMessage, TelegramEmulator
from storage.models import AttachmentKind, Priority, Role
from storage.repositories.holder import Repositories
from storage.repositories.requests import NewAnswer, NewAttachment
from tests.conftest import ADMIN_ID, TEAM_CHAT_ID
from tests.harness import RunningBot

MONDAY_9AM = datetime(2026, 3, 2, 6, 0, tzinfo=UTC)
"""09:00 in Moscow on a Monday: the start of a working day."""

AUTHOR_ID = 500
ERP_ANSWERS = {
    "company_name": "ООО «Ромашка» & Co",
    "industry": "Строительство <b>жилья</b>",
}


@pytest.fixture
async def tg() -> AsyncIterator[TelegramEmulator]:
    """Flood limits off: fifty people pressing at once is the point of some stories."""
    async with TelegramEmulator(rate_limits=False) as emulator:
        yield emulator


@pytest.fixture
def clock() -> ManualClock:
    return ManualClock(MONDAY_9AM)


@dataclass
class Team:
    """The running bot, its team group, and the verbs the stories need."""

    tg: TelegramEmulator
    bot: RunningBot
    clock: ManualClock

    @asynccontextmanager
    async def repo(self) -> AsyncIterator[Repositories]:
        """Repositories in a session of their own, committed at the end."""
        async with self.bot.app.session_factory() as session:
            yield Repositories(session, clock=self.clock)
            await session.commit()

    def desk(self, repo: Repositories) -> Desk:
        app = self.bot.app
        return Desk(
            bot=app.bot,
            repo=repo,
            i18n=app.i18n,
            settings=app.settings,
            scenarios=app.scenarios,
            group=app.team_group,
        )

    async def person(
        self,
        user_id: int,
        name: str,
        *,
        roles: Iterable[Role] = (),
        tags: Iterable[str] = (),
        member: bool = True,
        username: str | None = None,
        language_code: str = "ru",
    ) -> int:
        """Someone who wrote to the bot, with roles and tags, in the group or not."""
        self.tg.add_user(user_id, name, username=username, language_code=language_code)
        async with self.repo() as repo:
            await repo.users.upsert_from_telegram(
                user_id=user_id,
                first_name=name,
                last_name=None,
                username=username,
                language_code=language_code,
            )
            for role in roles:
                await repo.users.grant_role(user_id, role)
            await repo.users.set_tags(user_id, list(tags))
        if member:
            await self.tg.join(TEAM_CHAT_ID, user_id)
        return user_id

    async def expert(self, user_id: int, name: str, **kwargs: Any) -> int:
        kwargs.setdefault("tags", ["erp"])
        return await self.person(user_id, name, roles=[Role.EXPERT], **kwargs)

    async def request(
        self,
        *,
        answers: dict[str, str] | None = None,
        priority: Priority = Priority.NORMAL,
        files: int = 0,
        author_id: int = AUTHOR_ID,
        post: bool = True,
        form: str = "it_erp",
    ) -> int:
        """Store a request as the dialog would, and post its card; returns its number.

        With ``post=False`` the card is left to the bot's card-posting job.
        """
        async with self.repo() as repo:
            request = await repo.requests.create(
                scenario_id=form,
                scenario_version=1,
                author_id=author_id,
                answers=[
                    NewAnswer(field_id=key, value=value, display=value)
                    for key, value in (answers or ERP_ANSWERS).items()
                ],
                attachments=[
                    NewAttachment(
                        field_id="documents",
                        kind=AttachmentKind.DOCUMENT,
                        file_id=self.upload(f"spec-{index}.pdf"),
                        file_unique_id=f"spec-{index}",
                        file_name=f"spec-{index}.pdf",
                    )
                    for index in range(files)
                ],
                client_name="Ромашка",
                priority=priority,
            )
            if post:
                await post_card(self.desk(repo), request.id)
        return request.id

    def upload(self, name: str) -> str:
        """A file the emulator knows, as if a user had sent it: its file id."""
        stored = self.tg.world.store_file(b"%PDF-1.4", kind="document", file_name=name)
        return stored.file_id

    def find_card(self, number: int) -> EmMessage | None:
        """The card of request ``number`` in the team group, if it is there."""
        heads = (f"Заявка #{number} ·", f"Request #{number} ·")
        for message in self.tg.transcript(TEAM_CHAT_ID):
            if message.from_user_id == self.tg.bot.id and any(h in message.text for h in heads):
                return message
        return None

    def card(self, number: int) -> EmMessage:
        """The card of request ``number`` in the team group."""
        found = self.find_card(number)
        if found is None:
            shown = self.tg.render_transcript(TEAM_CHAT_ID)
            raise AssertionError(f"no card of #{number} in {shown}")
        return found

    async def posted_card(self, number: int) -> EmMessage:
        """The card of a request submitted through the dialog: it is posted after the
        submission commits, so it may still be on its way."""
        return await self.tg.wait_for(
            lambda: self.find_card(number), what=f"the card of #{number}"
        )

    async def settle(self, message: EmMessage, user_id: int = AUTHOR_ID) -> None:
        """Wait until every update of ``message``'s chat so far is handled and committed.

        Updates of one chat are handled in order, and a press is answered before its
        transaction commits; the answer to one more (unknown) button in the same chat comes
        only after the earlier updates are done.
        """
        await self.tg.press(user_id, message, "zz:settle")

    async def events(self, number: int) -> list[str]:
        async with self.repo() as repo:
            return [event.kind for event in await repo.events.for_request(number)]


@pytest.fixture
def make_team(
    tg: TelegramEmulator, settings_for: Callable[..., Settings], clock: ManualClock
) -> Callable[..., Any]:
    """Start a bot with a team group: ``async with make_team(forum=True) as team: ...``."""

    @asynccontextmanager
    async def build(*, forum: bool = False, **overrides: Any) -> AsyncIterator[Team]:
        tg.add_group(TEAM_CHAT_ID, "Presale team", forum=forum, bot_is_admin=True)
        async with RunningBot(settings_for(**overrides), clock=clock) as running:
            team = Team(tg, running, clock)
            await team.person(AUTHOR_ID, "Анна", roles=[Role.LEAD_GENERATOR], member=False)
            await team.person(ADMIN_ID, "Ирина", member=False)
            yield team

    return build


@pytest.fixture
async def team(make_team: Callable[..., Any]) -> AsyncIterator[Team]:
    """A plain team group (no topics)."""
    async with make_team() as built:
        yield built
