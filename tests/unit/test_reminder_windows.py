"""Working windows applied in each recipient's own time zone."""

from __future__ import annotations

from datetime import UTC, datetime

from bot.reminders.windows import WorkingWindows
from storage.models import User

WINDOWS = WorkingWindows(hours="09:00-18:00", days="1-5", default_zone="Europe/Moscow")


def user_in(zone: str | None) -> User:
    return User(id=1, first_name="Анна", time_zone=zone)


def test_three_at_night_in_the_users_zone_moves_to_nine_there() -> None:
    night = datetime(2026, 3, 2, 22, 0, tzinfo=UTC)  # 03:00 Tuesday in Yekaterinburg
    assert WINDOWS.send_at(user_in("Asia/Yekaterinburg"), night, urgent=False) == datetime(
        2026, 3, 3, 4, 0, tzinfo=UTC
    )


def test_urgent_goes_at_once() -> None:
    night = datetime(2026, 3, 2, 22, 0, tzinfo=UTC)
    assert WINDOWS.send_at(user_in("Asia/Yekaterinburg"), night, urgent=True) == night


def test_a_saturday_moves_to_monday_morning_in_the_default_zone_for_groups() -> None:
    saturday = datetime(2026, 3, 7, 9, 0, tzinfo=UTC)
    assert WINDOWS.send_at(None, saturday, urgent=False) == datetime(2026, 3, 9, 6, 0, tzinfo=UTC)


def test_an_unknown_stored_zone_falls_back_to_the_default() -> None:
    assert WINDOWS.zone_of(user_in("Mars/Olympus")).key == "Europe/Moscow"
    assert WINDOWS.zone_of(user_in(None)).key == "Europe/Moscow"
