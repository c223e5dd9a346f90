"""Quick deadlines, required goals and meeting reminder times, as plain rules."""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta
from zoneinfo import ZoneInfo

from domain.followups import (
    GoalProblem,
    Slot,
    goal_problems,
    meeting_reminder_times,
    missing_required,
    quick_slots,
    slot_moment,
    tomorrow_morning,
)

MOSCOW = ZoneInfo("Europe/Moscow")
MONDAY_9_MOSCOW = datetime(2026, 3, 2, 6, 0, tzinfo=UTC)


def test_tomorrow_at_four_is_four_in_the_persons_own_zone() -> None:
    moment = slot_moment(Slot.TOMORROW_16, now=MONDAY_9_MOSCOW, zone=ZoneInfo("Asia/Tokyo"))
    assert moment == datetime(2026, 3, 3, 7, 0, tzinfo=UTC)


def test_today_at_four_is_not_offered_once_four_has_passed() -> None:
    evening = datetime(2026, 3, 2, 14, 0, tzinfo=UTC)  # 17:00 in Moscow
    assert slot_moment(Slot.TODAY_16, now=evening, zone=MOSCOW) is None
    assert quick_slots(now=evening, zone=MOSCOW) == [
        Slot.IN_HOUR,
        Slot.TOMORROW_10,
        Slot.TOMORROW_16,
    ]
    assert Slot.TODAY_16 in quick_slots(now=MONDAY_9_MOSCOW, zone=MOSCOW)


def test_in_an_hour_and_typed() -> None:
    assert slot_moment(Slot.IN_HOUR, now=MONDAY_9_MOSCOW, zone=MOSCOW) == (
        MONDAY_9_MOSCOW + timedelta(hours=1)
    )
    assert slot_moment(Slot.TYPED, now=MONDAY_9_MOSCOW, zone=MOSCOW) is None


def test_tomorrow_morning_starts_the_next_working_day_locally() -> None:
    late = datetime(2026, 3, 2, 20, 30, tzinfo=UTC)  # 23:30 in Moscow
    moment = tomorrow_morning(now=late, zone=MOSCOW, start=time(9))
    assert moment == datetime(2026, 3, 3, 6, 0, tzinfo=UTC)


def test_both_goals_are_required_and_say_something() -> None:
    assert goal_problems("Договориться о пилоте", "Понять стоимость") == []
    assert goal_problems(None, "Понять стоимость") == [GoalProblem.NO_OUR_GOAL]
    assert goal_problems("Договориться о пилоте", " ок ") == [GoalProblem.NO_CLIENT_GOAL]
    assert goal_problems("", "-") == [GoalProblem.NO_OUR_GOAL, GoalProblem.NO_CLIENT_GOAL]


def test_meeting_reminders_that_already_passed_are_not_planned() -> None:
    starts = MONDAY_9_MOSCOW + timedelta(hours=5)
    assert meeting_reminder_times(starts, now=MONDAY_9_MOSCOW) == {
        "hour": starts - timedelta(hours=1)
    }
    later = starts + timedelta(days=2)
    assert set(meeting_reminder_times(later, now=MONDAY_9_MOSCOW)) == {"day", "hour"}


def test_missing_required_answers() -> None:
    answers = {"company": "Ромашка", "phone": "  ", "budget": None}
    assert missing_required(["company", "phone", "budget", "deadline"], answers) == [
        "phone",
        "budget",
        "deadline",
    ]
