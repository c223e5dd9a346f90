"""The working schedule the working-hours tests count in: a Moscow office, 9 to 6 on weekdays."""

from __future__ import annotations

from datetime import time
from zoneinfo import ZoneInfo

from domain.working_hours import WorkingSchedule

MOSCOW = ZoneInfo("Europe/Moscow")
WEEKDAYS = frozenset({1, 2, 3, 4, 5})
OFFICE = WorkingSchedule(start=time(9), end=time(18), days=WEEKDAYS, tz=MOSCOW)
