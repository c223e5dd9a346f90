"""Who may take a request, and taking, releasing and assigning it with everyone told."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from bot.services.audience import roles_of
from bot.services.cards import post_update
from bot.services.desk import Desk, display_name, mention, plain
from bot.services.request_view import refresh_request, show_view
from bot.services.topics import sync_request_topic
from domain.claim_policy import ClaimPolicy, ClaimRefusal, ClaimVerdict, may_claim
from scenarios.schema import Scenario
from storage.models import FINAL_STAGES, Request, Role, Stage, User


def policy_of(desk: Desk) -> ClaimPolicy:
    """The ``CLAIM_POLICY`` setting as the domain spells it."""
    return ClaimPolicy.OPEN if desk.settings.claim_policy == "open" else ClaimPolicy.EXPERTS_ONLY


def required_tags(scenario: Scenario | None) -> list[str]:
    return list(scenario.competences) if scenario is not None else []


async def refusal_for(
    desk: Desk, person: User, roles: frozenset[str], request: Request
) -> ClaimVerdict | None:
    """Why ``person`` may not take ``request`` now (``None``: they may), asking Telegram."""
    verdict = may_claim(
        roles=roles,
        tags=person.tags,
        in_group=await desk.group.is_member(desk.bot, person.id),
        required_tags=required_tags(desk.scenario(request.scenario_id)),
        policy=policy_of(desk),
    )
    return None if verdict.ok else verdict


def refusal_text(desk: Desk, reader: User, verdict: ClaimVerdict) -> str:
    """The alert that tells someone why a request may not be taken."""
    refusal = verdict.refusal or ClaimRefusal.NOT_IN_GROUP
    key = "claims-refused-" + refusal.value.replace("_", "-")
    return desk.t_for(reader)(key, tags=plain(", ".join(verdict.missing_tags)))


async def eligible_experts(desk: Desk, request: Request) -> list[User]:
    """Experts who may take ``request`` now: in the group, with the tags it needs."""
    chosen = []
    for expert in await desk.repo.users.with_role(Role.EXPERT):
        if expert.is_blocked:
            continue
        verdict = may_claim(
            roles=[str(role) for role in expert.roles],
            tags=expert.tags,
            in_group=await desk.group.is_member(desk.bot, expert.id),
            required_tags=required_tags(desk.scenario(request.scenario_id)),
            policy=ClaimPolicy.EXPERTS_ONLY,
        )
        if verdict.ok:
            chosen.append(expert)
    return chosen


class TakeOutcome(StrEnum):
    """What a press on "Take" came to."""

    TAKEN = "taken"
    ALREADY_YOURS = "yours"
    TAKEN_BY_OTHER = "other"
    CLOSED = "closed"


@dataclass(frozen=True, slots=True)
class Taking:
    """The outcome of a claim, with the owner it ended with (for "already taken by ...")."""

    outcome: TakeOutcome
    owner: User | None = None
    brief_delivered: bool = False


async def take(desk: Desk, request: Request, taker: User) -> Taking:
    """Claim ``request`` for ``taker``; one conditional UPDATE decides any race."""
    now = desk.now()
    if not await desk.repo.requests.claim(request.id, taker.id, now):
        owner_id = await desk.repo.team.owner_of(request.id)
        if owner_id == taker.id:
            return Taking(TakeOutcome.ALREADY_YOURS, taker)
        if owner_id is None:
            return Taking(TakeOutcome.CLOSED)
        return Taking(TakeOutcome.TAKEN_BY_OTHER, await desk.repo.users.get(owner_id))
    await desk.repo.events.add(
        kind="request.taken", actor_id=taker.id, request_id=request.id, data={}
    )
    delivered = await after_owner_changed(desk, request.id, taker, previous=None, by=taker)
    return Taking(TakeOutcome.TAKEN, taker, delivered)


class Assigned(StrEnum):
    """What an assignment came to: nothing, or a new owner who got the brief or did not."""

    UNCHANGED = "unchanged"
    DELIVERED = "delivered"
    UNDELIVERED = "undelivered"
    """The request is theirs, but they never opened a chat with the bot: the manager who
    assigned it must hear that the brief did not reach them."""


async def assign(
    desk: Desk, request: Request, expert: User, *, by: User | None, kind: str = "request.assigned"
) -> Assigned:
    """Give ``request`` to ``expert`` on a manager's word (``by``) or by the bot (``None``)."""
    previous = request.owner_id
    if previous == expert.id or Stage(request.stage) in FINAL_STAGES:
        return Assigned.UNCHANGED
    if not await desk.repo.team.assign(request.id, expert.id, desk.now()):
        return Assigned.UNCHANGED
    await desk.repo.events.add(
        kind=kind,
        actor_id=by.id if by else None,
        request_id=request.id,
        data={"from": previous, "to": expert.id},
    )
    previous_owner = await desk.repo.users.get(previous) if previous else None
    if await after_owner_changed(desk, request.id, expert, previous=previous_owner, by=by):
        return Assigned.DELIVERED
    return Assigned.UNDELIVERED


async def after_owner_changed(
    desk: Desk, request_id: int, owner: User, *, previous: User | None, by: User | None
) -> bool:
    """Card, topic, group, brief, author and the previous owner all learn the new owner.

    ``by`` is who gave it: the owner themself for a take, a manager, or ``None`` for the
    bot's round-robin, which the group must not read as the expert having taken it.
    Returns whether the brief reached the new owner in private.
    """
    await desk.repo.team.stop_waiting(request_id)
    request = await refresh_request(desk, request_id)
    if request is None:
        return False
    await sync_request_topic(desk, request)
    team_t = desk.team_t
    if by is not None and by.id == owner.id:
        note = team_t("claims-update-taken", number=request.id, owner=mention(owner))
    else:
        note = team_t(
            "claims-update-assigned",
            number=request.id,
            owner=mention(owner),
            manager=display_name(by) if by else team_t("claims-the-bot"),
        )
    await post_update(desk, request, note)
    delivered = await show_view(desk, request.id, owner, roles_of(desk, owner), with_files=True)
    author = await desk.repo.users.get(request.author_id)
    if author is not None and author.id != owner.id:
        t = desk.t_for(author)
        await desk.notify(
            author.id, t("claims-author-taken", number=request.id, owner=display_name(owner))
        )
    if previous is not None and previous.id != owner.id:
        t = desk.t_for(previous)
        await desk.notify(
            previous.id,
            t("claims-owner-reassigned", number=request.id, owner=display_name(owner)),
        )
    return delivered


async def release(desk: Desk, request: Request, owner: User) -> bool:
    """Give the request back to the queue; only its owner can, and only while it is open."""
    now = desk.now()
    if not await desk.repo.requests.release(request.id, owner.id, now):
        return False
    await desk.repo.team.start_waiting(request.id, now)
    await desk.repo.events.add(
        kind="request.released", actor_id=owner.id, request_id=request.id, data={}
    )
    fresh = await refresh_request(desk, request.id)
    if fresh is None:
        return True
    await sync_request_topic(desk, fresh)
    await post_update(
        desk, fresh, desk.team_t("claims-update-released", number=fresh.id, owner=mention(owner))
    )
    author = await desk.repo.users.get(fresh.author_id)
    if author is not None and author.id != owner.id:
        await desk.notify(author.id, desk.t_for(author)("claims-author-released", number=fresh.id))
    return True
