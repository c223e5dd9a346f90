"""Repositories: every query the bot runs, grouped by aggregate behind one holder."""

from storage.repositories.events import EventLog
from storage.repositories.holder import Repositories
from storage.repositories.requests import NewAnswer, NewAttachment, RequestRepository
from storage.repositories.updates import UpdateInbox
from storage.repositories.users import UserRepository

__all__ = [
    "EventLog",
    "NewAnswer",
    "NewAttachment",
    "Repositories",
    "RequestRepository",
    "UpdateInbox",
    "UserRepository",
]
