"""Whose working hours a reminder waits for: the recipient's own, in their own zone."""

from __future__ import annotations

from datetime import datetime
from functools import lru_cache
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from domain.working_hours import WorkingSchedule, defer_to_working_window
from storage.models import User


class WorkingWindows:
    """The team's hours and days (from settings), applied in each recipient's zone."""

    def __init__(self, *, hours: str, days: str, default_zone: str) -> None:
        self.hours = hours
        self.days = days
        self.default_zone = default_zone
        self._schedule(default_zone)  # fail at start, not at the first reminder

    def zone_of(self, recipient: User | None) -> ZoneInfo:
        """The recipient's zone; groups and users without a choice get the default."""
        name = recipient.time_zone if recipient is not None else None
        if name:
            try:
                return ZoneInfo(name)
            except (ZoneInfoNotFoundError, ValueError):
                pass
        return ZoneInfo(self.default_zone)

    def send_at(self, recipient: User | None, moment: datetime, *, urgent: bool) -> datetime:
        """When a message planned for ``moment`` may reach this recipient."""
        schedule = self._schedule(self.zone_of(recipient).key)
        return defer_to_working_window(schedule, moment, urgent=urgent)

    def _schedule(self, zone: str) -> WorkingSchedule:
        return _schedule(self.hours, self.days, zone)


@lru_cache(maxsize=256)
def _schedule(hours: str, days: str, zone: str) -> WorkingSchedule:
    return WorkingSchedule.from_text(hours=hours, days=days, tz=zone)
