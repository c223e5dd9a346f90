"""Per person, by role: what each lead generator, expert, estimator, closer and manager did."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from domain.metrics.history import (
    FUNNEL,
    JUNK,
    TAKE_KINDS,
    WON,
    EventFact,
    History,
    first_take,
)
from domain.metrics.numbers import median, minutes, share

MEETING_RANK = FUNNEL.index("meeting_held")

# Points a request earns its author; the quality score is the mean over the maximum.
JUNK_POINTS, SUBMITTED_POINTS, MEETING_POINTS, WON_POINTS = 0, 1, 2, 4


@dataclass(frozen=True, slots=True)
class LeadGenerator:
    """An author's cohort: submitted, taken, reached a meeting, won, junk, and lead quality.

    ``quality`` is 0-100: a junk request scores 0 points, any other 1, one that reached a
    held meeting 2, a won one 4; the score is the mean over the maximum of 4.
    """

    person_id: int
    submitted: int
    taken: int
    met: int
    won: int
    junk: int
    quality: float


def lead_generators(history: History) -> list[LeadGenerator]:
    """Every author of the cohort, most won first."""
    grouped: dict[int, list[tuple[int, str]]] = defaultdict(list)
    for request in history.requests:
        rank = history.rank_of(request)
        grouped[request.author_id].append((rank, request.stage))
    rows = []
    for author, outcomes in grouped.items():
        points = sum(_points(rank, stage) for rank, stage in outcomes)
        rows.append(
            LeadGenerator(
                person_id=author,
                submitted=len(outcomes),
                taken=sum(rank >= 1 for rank, _ in outcomes),
                met=sum(rank >= MEETING_RANK for rank, _ in outcomes),
                won=sum(stage == WON for _, stage in outcomes),
                junk=sum(stage == JUNK for _, stage in outcomes),
                quality=100 * points / (WON_POINTS * len(outcomes)),
            )
        )
    return sorted(rows, key=lambda row: (-row.won, -row.quality, row.person_id))


def _points(rank: int, stage: str) -> int:
    if stage == JUNK:
        return JUNK_POINTS
    if stage == WON:
        return WON_POINTS
    return MEETING_POINTS if rank >= MEETING_RANK else SUBMITTED_POINTS


def owner_of(event: EventFact) -> int | None:
    """Who a take event made the owner: the taker, or the person assigned."""
    if event.kind == "request.taken":
        return event.actor_id
    target = event.data.get("to")
    return int(target) if target is not None else None


@dataclass(frozen=True, slots=True)
class Expert:
    """An expert's period.

    ``taken`` are cohort requests they were the first owner of, with the median minutes to
    that claim; ``won`` cohort requests they own that were won; ``load`` their requests in
    work now; ``meetings`` held meetings they moderated that started in the period, and
    ``confirmed_share`` the share of those with a client-confirmed recap;
    ``overdue_steps`` their open steps past the deadline now.
    """

    person_id: int
    taken: int
    median_claim_minutes: float | None
    load: int
    meetings: int
    confirmed_share: float | None
    won: int
    overdue_steps: int


def experts(history: History, known: Iterable[int] = ()) -> list[Expert]:
    """Every expert who took, owns, met or owes something, plus ``known`` ones; most load first."""
    by_request = history.events_by_request()
    claims: dict[int, list[float]] = defaultdict(list)
    won: dict[int, int] = defaultdict(int)
    for request in history.requests:
        take = first_take(by_request[request.id])
        taker = owner_of(take) if take is not None else None
        if take is not None and taker is not None:
            claims[taker].append(minutes(take.at - request.created_at))
        if request.stage == WON and request.owner_id is not None:
            won[request.owner_id] += 1
    held: dict[int, int] = defaultdict(int)
    confirmed: dict[int, int] = defaultdict(int)
    for meeting in history.meetings:
        if meeting.status == "held":
            held[meeting.moderator_id] += 1
            confirmed[meeting.moderator_id] += meeting.recap_status == "confirmed"
    overdue: dict[int, int] = defaultdict(int)
    for step in history.overdue_steps:
        overdue[step.assignee_id] += 1
    people = (
        set(known) | set(claims) | set(won) | set(held) | set(history.open_load) | set(overdue)
    )
    rows = [
        Expert(
            person_id=person,
            taken=len(claims.get(person, [])),
            median_claim_minutes=median(claims.get(person, [])),
            load=history.open_load.get(person, 0),
            meetings=held.get(person, 0),
            confirmed_share=share(confirmed.get(person, 0), held.get(person, 0)),
            won=won.get(person, 0),
            overdue_steps=overdue.get(person, 0),
        )
        for person in people
    ]
    return sorted(rows, key=lambda row: (-row.load, -row.taken, row.person_id))


@dataclass(frozen=True, slots=True)
class Estimator:
    """Estimates asked of them in the period, delivered (and the on-time share), reworks asked."""

    person_id: int
    requested: int
    delivered: int
    on_time_share: float | None
    reworks: int


def estimators(history: History) -> list[Estimator]:
    """From the period's ``estimate.*`` events.

    A rework is charged to the estimator of its ``estimate_id``, else to whoever was last
    asked for an estimate on that request.
    """
    requested: dict[int, int] = defaultdict(int)
    delivered: dict[int, int] = defaultdict(int)
    on_time: dict[int, int] = defaultdict(int)
    reworks: dict[int, int] = defaultdict(int)
    by_estimate: dict[object, int] = {}
    by_request: dict[int | None, int] = {}
    for event in sorted(history.period_events, key=lambda event: event.at):
        if event.kind == "estimate.requested" and event.data.get("estimator_id") is not None:
            person = int(event.data["estimator_id"])
            requested[person] += 1
            by_estimate[event.data.get("estimate_id")] = person
            by_request[event.request_id] = person
        elif event.kind == "estimate.delivered" and event.actor_id is not None:
            delivered[event.actor_id] += 1
            on_time[event.actor_id] += bool(event.data.get("on_time"))
        elif event.kind == "estimate.rework_requested":
            estimate_id = event.data.get("estimate_id")
            person_or_none = by_estimate.get(estimate_id) if estimate_id is not None else None
            person_or_none = person_or_none or by_request.get(event.request_id)
            if person_or_none is not None:
                reworks[person_or_none] += 1
    people = set(requested) | set(delivered) | set(reworks)
    return sorted(
        (
            Estimator(
                person_id=person,
                requested=requested.get(person, 0),
                delivered=delivered.get(person, 0),
                on_time_share=share(on_time.get(person, 0), delivered.get(person, 0)),
                reworks=reworks.get(person, 0),
            )
            for person in people
        ),
        key=lambda row: (-row.delivered, row.person_id),
    )


@dataclass(frozen=True, slots=True)
class Closer:
    """Times called in during the period, times joined, and requests won after they joined."""

    person_id: int
    called: int
    joined: int
    won_after_joining: int


def closers(history: History) -> list[Closer]:
    """From the period's ``closer.*`` events and the requests' stages now."""
    called: dict[int, int] = defaultdict(int)
    joined: dict[int, set[int]] = defaultdict(set)
    for event in history.period_events:
        if event.kind == "closer.called" and event.data.get("closer_id") is not None:
            called[int(event.data["closer_id"])] += 1
        elif event.kind == "closer.joined" and event.actor_id and event.request_id:
            joined[event.actor_id].add(event.request_id)
    people = set(called) | set(joined)
    return sorted(
        (
            Closer(
                person_id=person,
                called=called.get(person, 0),
                joined=len(joined.get(person, set())),
                won_after_joining=sum(
                    history.stages.get(request) == WON for request in joined.get(person, set())
                ),
            )
            for person in people
        ),
        key=lambda row: (-row.won_after_joining, -row.joined, row.person_id),
    )


ESCALATION_KINDS = frozenset({"request.claim_overdue", "request.stage_overdue"})
#: What counts as a reaction to an escalation: someone took, handed over or moved the request.
REACTION_KINDS = TAKE_KINDS | {"request.stage_changed", "request.reopened", "request.released"}


@dataclass(frozen=True, slots=True)
class Manager:
    """Escalations a manager was told of in the period, and the median minutes until someone
    took, reassigned or moved the request after it (``None`` while nobody has)."""

    person_id: int
    escalations: int
    median_reaction_minutes: float | None


def managers(history: History) -> list[Manager]:
    """From the period's escalation events, which name the managers told."""
    everything = sorted([*history.events, *history.period_events], key=lambda event: event.at)
    received: dict[int, int] = defaultdict(int)
    reactions: dict[int, list[float]] = defaultdict(list)
    for event in history.period_events:
        if event.kind not in ESCALATION_KINDS:
            continue
        reaction = next(
            (
                later
                for later in everything
                if later.request_id == event.request_id
                and later.at >= event.at
                and later.kind in REACTION_KINDS
                and later.actor_id is not None
            ),
            None,
        )
        for manager in event.data.get("managers", []):
            received[int(manager)] += 1
            if reaction is not None:
                reactions[int(manager)].append(minutes(reaction.at - event.at))
    return sorted(
        (
            Manager(
                person_id=person,
                escalations=count,
                median_reaction_minutes=median(reactions.get(person, [])),
            )
            for person, count in received.items()
        ),
        key=lambda row: (-row.escalations, row.person_id),
    )
