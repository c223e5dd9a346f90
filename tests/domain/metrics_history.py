"""A week of requests built by hand, shared by the metric tests; every figure is worked out there.

The week is Monday 2 March 2026 in Moscow: ``[1 Mar 21:00 UTC, 8 Mar 21:00 UTC)``; ``h(n)`` is
``n`` hours after Monday 09:00 Moscow time. Authors: Anna (1), Boris (2), Clara (3); experts:
Xenia (10), Yuri (11), Zoe (12); manager 20 and 21; estimators 30 and 31; closers 40 and 41.

| request | form | author | source | path (hours) | now |
| --- | --- | --- | --- | --- | --- |
| 1 | it_erp | Anna | website | X takes 0.5, mp 2, mh 26, rc 30, ps 50, won 74 | won |
| 2 | it_erp | Anna | referral | Y takes 2, mp 5, mh 29, lost 40 ("price") | lost |
| 3 | it_erp | Boris | website | overdue 4, auto-assigned to Z 6, junk 8 (duplicate) | junk |
| 4 | car_import | Boris | - | X takes 3h10m, stage overdue 12, lost 20 ("no budget") | lost |
| 5 | car_import | Clara | - | nobody takes it | new |
| 6 | it_erp | Clara | website | X takes 7 | taken |
| 7 | it_erp | Anna | website | X takes 6h20m, mp 7, mh 30, won 48 | won |
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from domain.metrics.history import EventFact, History, MeetingFact, RequestFact, StepFact

MOSCOW = ZoneInfo("Europe/Moscow")
MONDAY = datetime(2026, 3, 2, 6, 0, tzinfo=UTC)
WEEK_START = datetime(2026, 3, 1, 21, 0, tzinfo=UTC)
WEEK_END = datetime(2026, 3, 8, 21, 0, tzinfo=UTC)
ANNA, BORIS, CLARA = 1, 2, 3
XENIA, YURI, ZOE = 10, 11, 12


def h(hours: float) -> datetime:
    return MONDAY + timedelta(hours=hours)


def request(
    number: int,
    form: str,
    author: int,
    created: float,
    stage: str,
    *,
    owner: int | None = None,
    source: str | None = None,
    lost_reason: str | None = None,
) -> RequestFact:
    return RequestFact(
        id=number,
        form=form,
        author_id=author,
        owner_id=owner,
        stage=stage,
        priority="normal",
        created_at=h(created),
        source=source,
        lost_reason=lost_reason,
    )


def event(
    at: float, kind: str, number: int | None, actor: int | None = None, **data: Any
) -> EventFact:
    return EventFact(at=h(at), kind=kind, request_id=number, actor_id=actor, data=data)


def move(at: float, number: int, actor: int, source: str, target: str, **data: Any) -> EventFact:
    return event(
        at, "request.stage_changed", number, actor, **{"from": source, "to": target}, **data
    )


REQUESTS = [
    request(1, "it_erp", ANNA, 0, "won", owner=XENIA, source="website"),
    request(2, "it_erp", ANNA, 1, "lost", owner=YURI, source="referral", lost_reason="price"),
    request(3, "it_erp", BORIS, 2, "junk", owner=ZOE, source="website"),
    request(4, "car_import", BORIS, 3, "lost", owner=XENIA, lost_reason="no budget"),
    request(5, "car_import", CLARA, 4, "new"),
    request(6, "it_erp", CLARA, 5, "taken", owner=XENIA, source="website"),
    request(7, "it_erp", ANNA, 6, "won", owner=XENIA, source="website"),
]

EVENTS = [
    *(EventFact(r.created_at, "request.submitted", r.id, r.author_id) for r in REQUESTS),
    # 1: claimed in 30 minutes, then every stage to won.
    event(0.5, "request.taken", 1, XENIA),
    move(2, 1, XENIA, "taken", "meeting_planned"),
    move(26, 1, XENIA, "meeting_planned", "meeting_held"),
    move(30, 1, XENIA, "meeting_held", "recap_confirmed"),
    move(50, 1, XENIA, "recap_confirmed", "proposal_sent"),
    move(74, 1, XENIA, "proposal_sent", "won"),
    # 2: claimed in an hour, lost after the meeting.
    event(2, "request.taken", 2, YURI),
    move(5, 2, YURI, "taken", "meeting_planned"),
    move(29, 2, YURI, "meeting_planned", "meeting_held"),
    move(40, 2, YURI, "meeting_held", "lost", reason="price"),
    # 3: missed its claim limit, handed out by round robin after 4 hours, junk.
    event(4, "request.claim_overdue", 3, None, level=1, managers=[20]),
    event(6, "request.auto_assigned", 3, None, to=ZOE),
    move(8, 3, ZOE, "taken", "junk", reason="seen", junk_reason="duplicate"),
    # 4: claimed in 10 minutes, over its stage limit, lost.
    event(3 + 10 / 60, "request.taken", 4, XENIA),
    event(12, "request.stage_overdue", 4, None, stage="taken", managers=[20, 21]),
    move(20, 4, XENIA, "taken", "lost", reason="no budget"),
    # 6: claimed in two hours.
    event(7, "request.taken", 6, XENIA),
    # 7: claimed in 20 minutes, won without a recap or a proposal.
    event(6 + 20 / 60, "request.taken", 7, XENIA),
    move(7, 7, XENIA, "taken", "meeting_planned"),
    move(30, 7, XENIA, "meeting_planned", "meeting_held"),
    move(48, 7, XENIA, "meeting_held", "won"),
    # Estimates: 30 delivers on time and is asked to rework; 31 delivers late, rework too.
    event(35, "estimate.requested", 2, YURI, estimate_id=2, estimator_id=31),
    event(40, "estimate.requested", 1, XENIA, estimate_id=1, estimator_id=30),
    event(45, "estimate.delivered", 1, 30, estimate_id=1, on_time=True, summary="ok"),
    event(46, "estimate.rework_requested", 1, XENIA, estimate_id=1, reason="more"),
    event(60, "estimate.delivered", 2, 31, estimate_id=2, on_time=False, summary="late"),
    event(61, "estimate.rework_requested", 2, YURI, reason="wrong"),
    # Closers: 40 is called twice and joins the won request 1; 41 is called once.
    event(35, "closer.called", 2, YURI, closer_id=40, note=""),
    event(60, "closer.called", 1, XENIA, closer_id=40, note=""),
    event(61, "closer.joined", 1, 40),
    event(62, "closer.called", 6, XENIA, closer_id=41, note=""),
]

STEPS = [
    StepFact(1, XENIA, h(10), "done", h(9)),  # on time
    StepFact(2, YURI, h(10), "done", h(12)),  # late
    StepFact(6, XENIA, h(20), "open"),  # overdue at h(100)
    StepFact(7, XENIA, h(150), "open"),  # not due yet
    StepFact(7, XENIA, h(11), "cancelled"),  # does not count
]

MEETINGS = [
    MeetingFact(1, XENIA, h(24), h(25), "held", "confirmed", h(28)),  # confirmed 3 h after
    MeetingFact(2, YURI, h(27), h(28), "held", "corrections", None, corrections=True),
    MeetingFact(7, XENIA, h(29), h(30), "held", "confirmed", h(35)),  # 5 h after
    MeetingFact(6, XENIA, h(120), h(121), "planned"),
]


def week(**changes: Any) -> History:
    """The hand-built week as of Thursday (``h(100)``)."""
    values: dict[str, Any] = {
        "start": WEEK_START,
        "end": WEEK_END,
        "now": h(100),
        "requests": REQUESTS,
        "events": EVENTS,
        "period_events": [e for e in EVENTS if WEEK_START <= e.at < WEEK_END],
        "steps": STEPS,
        "meetings": MEETINGS,
        "open_load": {XENIA: 6, YURI: 2, ZOE: 2},
        "in_nurture": 1,
        "overdue_steps": [STEPS[2]],
        "stages": {1: "won", 2: "lost", 6: "taken"},
    }
    values.update(changes)
    return History(**values)
