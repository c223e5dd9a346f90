"""Which logged events receivers hear of, under which names, with which data."""

from __future__ import annotations

from datetime import UTC, datetime

from integrations.endpoints import WEBHOOK_EVENTS
from integrations.planner import OUTGOING, event_details, utc_text


def test_every_event_an_endpoint_may_ask_for_comes_from_the_event_log() -> None:
    assert set(OUTGOING.values()) == set(WEBHOOK_EVENTS)


def test_a_stage_change_names_the_previous_and_the_new_stage_and_keeps_its_reason() -> None:
    details = event_details(
        "request.stage_changed", {"from": "taken", "to": "lost", "reason": "дорого"}
    )
    assert details == {"previous_stage": "taken", "new_stage": "lost", "reason": "дорого"}


def test_a_reassignment_says_who_gave_it() -> None:
    by_manager = event_details("request.assigned", {"from": 10, "to": 11})
    by_bot = event_details("request.auto_assigned", {"from": None, "to": 11})
    assert by_manager == {"previous_owner_id": 10, "new_owner_id": 11, "by": "manager"}
    assert by_bot == {"previous_owner_id": None, "new_owner_id": 11, "by": "bot"}


def test_meetings_and_recaps_carry_the_meeting_id() -> None:
    for kind in ("request.meeting_planned", "request.meeting_held", "request.recap_confirmed"):
        assert event_details(kind, {"meeting": 7}) == {"meeting_id": 7}


def test_a_moved_meeting_names_its_previous_and_its_new_time() -> None:
    details = event_details(
        "request.meeting_rescheduled",
        {"meeting": 7, "from": "2026-03-03T07:00:00+00:00", "to": "2026-03-05T09:00:00+00:00"},
    )
    assert details == {
        "meeting_id": 7,
        "previous_starts_at": "2026-03-03T07:00:00+00:00",
        "starts_at": "2026-03-05T09:00:00+00:00",
    }


def test_timestamps_are_utc_with_a_z() -> None:
    assert utc_text(datetime(2026, 3, 2, 6, 0, tzinfo=UTC)) == "2026-03-02T06:00:00Z"
