"""One object that hands out every repository bound to one session."""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession

from domain.clock import Clock, SystemClock
from storage.repositories.backlog import BacklogRepository
from storage.repositories.crm import CrmLinkRepository
from storage.repositories.deliveries import DeliveryRepository
from storage.repositories.drafts import DraftRepository
from storage.repositories.events import EventLog
from storage.repositories.followups import FollowupRepository
from storage.repositories.invites import InviteRepository
from storage.repositories.job_states import JobStateRepository
from storage.repositories.leases import LeaseRepository
from storage.repositories.outbox import OutboxRepository
from storage.repositories.process import ProcessRepository
from storage.repositories.reminders import ReminderRepository
from storage.repositories.request_lists import RequestListRepository
from storage.repositories.requests import RequestRepository
from storage.repositories.team import TeamRepository
from storage.repositories.team_cards import TeamCardRepository
from storage.repositories.updates import UpdateInbox
from storage.repositories.users import UserRepository
from storage.repositories.workspace import WorkspaceRepository


class Repositories:
    """``repo.users``, ``repo.updates``, ``repo.events``, ``repo.requests`` in one session.

    Built per update by the database middleware; everything done through one holder
    commits or rolls back together. ``clock`` stamps rows when no time is passed.
    """

    def __init__(self, session: AsyncSession, *, clock: Clock | None = None) -> None:
        self.session = session
        self.clock: Clock = clock or SystemClock()
        self.users = UserRepository(session, self.clock)
        self.updates = UpdateInbox(session, self.clock)
        self.events = EventLog(session, self.clock)
        self.requests = RequestRepository(session, self.clock)
        self.request_lists = RequestListRepository(session, self.clock)
        self.cards = TeamCardRepository(session, self.clock)
        self.drafts = DraftRepository(session, self.clock)
        self.reminders = ReminderRepository(session, self.clock)
        self.outbox = OutboxRepository(session, self.clock)
        self.team = TeamRepository(session, self.clock)
        self.followups = FollowupRepository(session, self.clock)
        self.invites = InviteRepository(session, self.clock)
        self.process = ProcessRepository(session, self.clock)
        self.deliveries = DeliveryRepository(session, self.clock)
        self.workspace = WorkspaceRepository(session, self.clock)
        self.leases = LeaseRepository(session, self.clock)
        self.job_states = JobStateRepository(session, self.clock)
        self.backlog = BacklogRepository(session, self.clock)
        self.crm_links = CrmLinkRepository(session, self.clock)

    async def commit(self) -> None:
        """Commit everything done through this holder."""
        await self.session.commit()
