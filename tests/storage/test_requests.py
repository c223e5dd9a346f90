"""Requests: intake with answers, /my paging, duplicates, and the race to take one."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta

from domain.clock import ManualClock
from storage.models import AttachmentKind, Priority, Request, Stage
from storage.repositories import NewAnswer, NewAttachment, Repositories
from storage.repositories.requests import RequestRepository
from tests.storage.fixtures import SessionFactory

START = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
AUTHOR, OTHER_AUTHOR = 100, 200


async def _people(session_factory: SessionFactory, *ids: int) -> None:
    async with session_factory() as session:
        repo = Repositories(session)
        for user_id in ids:
            await repo.users.upsert_from_telegram(
                user_id=user_id,
                first_name=f"User {user_id}",
                last_name=None,
                username=None,
                language_code=None,
                now=START,
            )
        await session.commit()


async def _submit(
    repo: Repositories,
    *,
    author_id: int = AUTHOR,
    at: datetime = START,
    phone: str | None = None,
    email: str | None = None,
    company_key: str | None = None,
) -> Request:
    return await repo.requests.create(
        scenario_id="lead",
        scenario_version=2,
        author_id=author_id,
        answers=[NewAnswer("client", "Acme", "Acme")],
        phone=phone,
        email=email,
        company_key=company_key,
        now=at,
    )


async def test_a_request_is_stored_with_its_answers_and_files(
    session_factory: SessionFactory,
) -> None:
    await _people(session_factory, AUTHOR)
    async with session_factory() as session:
        repo = Repositories(session)
        created = await repo.requests.create(
            scenario_id="lead",
            scenario_version=2,
            author_id=AUTHOR,
            title="CRM rollout",
            client_name="Acme",
            company_key="acme",
            phone="+79001234567",
            email="Sales@Acme.Example",
            priority=Priority.HOT,
            now=START,
            answers=[
                NewAnswer("budget", {"amount": 5000, "currency": "EUR"}, "5 000 €"),
                NewAnswer("phone", "+79001234567", "+7 900 123-45-67"),
            ],
            attachments=[
                NewAttachment("brief", AttachmentKind.DOCUMENT, "FILE1", "U1", "brief.pdf"),
            ],
        )
        await session.commit()
    assert created.id >= 1

    async with session_factory() as session:
        request = await Repositories(session).requests.with_answers(created.id)
    assert request is not None
    assert (request.stage, request.priority, request.email) == (
        "new",
        "hot",
        "sales@acme.example",
    )
    assert request.created_at == request.stage_changed_at == START
    assert [(a.field_id, a.value, a.display) for a in request.answers] == [
        ("budget", {"amount": 5000, "currency": "EUR"}, "5 000 €"),
        ("phone", "+79001234567", "+7 900 123-45-67"),
    ]
    assert [(f.kind, f.file_id, f.file_name) for f in request.attachments] == [
        ("document", "FILE1", "brief.pdf"),
    ]


async def test_my_requests_are_paged_newest_first(session_factory: SessionFactory) -> None:
    await _people(session_factory, AUTHOR, OTHER_AUTHOR)
    async with session_factory() as session:
        repo = Repositories(session)
        mine = [(await _submit(repo)).id for _ in range(5)]
        await _submit(repo, author_id=OTHER_AUTHOR)
        await session.commit()

        assert await repo.request_lists.count_by_author(AUTHOR) == 5
        first = await repo.request_lists.by_author(AUTHOR, offset=0, limit=2)
        third = await repo.request_lists.by_author(AUTHOR, offset=4, limit=2)
    assert [r.id for r in first] == [mine[4], mine[3]]
    assert [r.id for r in third] == [mine[0]]


async def test_duplicates_match_phone_email_or_company_within_the_window(
    session_factory: SessionFactory,
) -> None:
    await _people(session_factory, AUTHOR, OTHER_AUTHOR)
    async with session_factory() as session:
        repo = Repositories(session)
        by_phone = await _submit(repo, author_id=OTHER_AUTHOR, phone="+79001234567")
        by_email = await _submit(repo, author_id=OTHER_AUTHOR, email="a@b.example")
        by_company = await _submit(repo, author_id=OTHER_AUTHOR, company_key="acme")
        await _submit(
            repo, author_id=OTHER_AUTHOR, phone="+79001234567", at=START - timedelta(days=200)
        )
        own = await _submit(repo, author_id=AUTHOR, company_key="acme")
        await session.commit()

        found = await repo.requests.find_duplicates(
            phone="+79001234567",
            email="A@B.example",
            company_key="acme",
            since=START - timedelta(days=90),
        )
        assert [r.id for r in found] == [own.id, by_company.id, by_email.id, by_phone.id]

        others = await repo.requests.find_duplicates(
            phone=None,
            email=None,
            company_key="acme",
            since=START - timedelta(days=90),
            exclude_author=AUTHOR,
        )
        assert [r.id for r in others] == [by_company.id]
        assert (
            await repo.requests.find_duplicates(
                phone=None, email=None, company_key=None, since=START
            )
            == []
        )


async def test_of_fifty_experts_pressing_take_at_once_exactly_one_gets_the_request(
    session_factory: SessionFactory,
) -> None:
    experts = list(range(1, 51))
    await _people(session_factory, AUTHOR, *experts)
    async with session_factory() as session:
        request_id = (await _submit(Repositories(session))).id
        await session.commit()

    async def press_take(expert_id: int) -> bool:
        async with session_factory() as session:
            won = await RequestRepository(session, ManualClock(START)).claim(
                request_id, expert_id, START + timedelta(minutes=1)
            )
            await session.commit()
            return won

    results = await asyncio.gather(*(press_take(expert) for expert in experts))

    assert results.count(True) == 1
    winner = experts[results.index(True)]
    async with session_factory() as session:
        request = await Repositories(session).requests.get(request_id)
    assert request is not None
    assert (request.owner_id, request.stage) == (winner, "taken")
    assert request.taken_at == START + timedelta(minutes=1)


async def test_queue_release_stages_and_owner_lists(session_factory: SessionFactory) -> None:
    expert, rival = 1, 2
    await _people(session_factory, AUTHOR, expert, rival)
    later = START + timedelta(hours=1)
    async with session_factory() as session:
        repo = Repositories(session)
        first, second, third = [(await _submit(repo)).id for _ in range(3)]
        assert [r.id for r in await repo.request_lists.open_queue(limit=10)] == [
            first,
            second,
            third,
        ]

        assert await repo.requests.claim(first, expert, later)
        assert not await repo.requests.claim(first, rival, later)
        assert await repo.requests.claim(second, expert, later)
        assert [r.id for r in await repo.request_lists.open_queue(limit=10)] == [third]

        assert not await repo.requests.release(first, rival, later)
        assert await repo.requests.release(first, expert, later)
        assert [r.id for r in await repo.request_lists.open_queue(limit=10)] == [first, third]

        assert await repo.requests.set_stage(
            second, Stage.MEETING_PLANNED, later, only_from=[Stage.TAKEN], owner_id=expert
        )
        assert not await repo.requests.set_stage(
            second, Stage.MEETING_PLANNED, later, only_from=[Stage.TAKEN]
        )
        assert await repo.requests.set_stage(second, Stage.LOST, later, lost_reason="budget")
        lost = await repo.requests.get(second)
        assert lost is not None
        assert (lost.stage, lost.lost_reason) == (Stage.LOST, "budget")
        assert not await repo.requests.release(second, expert, later)

        assert await repo.cards.record(third, chat_id=-100123, message_id=77, thread_id=5)
        # A second copy of the card is not the card: the first one recorded stays.
        assert not await repo.cards.record(third, chat_id=-100123, message_id=78)
        assert await repo.cards.message_of(third) == 77
        await session.commit()

    async with session_factory() as session:
        repo = Repositories(session)
        lost = await repo.requests.get(second)
        card = await repo.requests.get(third)
    assert lost is not None
    assert card is not None
    assert (lost.stage, lost.lost_reason, lost.stage_changed_at) == ("lost", "budget", later)
    assert (card.team_chat_id, card.team_message_id, card.topic_thread_id) == (-100123, 77, 5)

    async with session_factory() as session:
        repo = Repositories(session)
        # A card deleted in the group is forgotten only if it is still the request's card.
        assert not await repo.cards.forget(third, 78)
        assert await repo.cards.forget(third, 77)
        assert await repo.cards.message_of(third) is None
        assert third in await repo.cards.not_in_group()
        assert await repo.cards.record(third, chat_id=-100123, message_id=79)


async def test_in_work_counts_every_owned_request_in_work_beyond_the_page(
    session_factory: SessionFactory,
) -> None:
    await _people(session_factory, AUTHOR)
    async with session_factory() as session:
        repo = Repositories(session)
        assert await repo.request_lists.in_work(limit=2) == ([], 0)
        stages = (Stage.TAKEN, Stage.PROPOSAL_SENT, Stage.TAKEN, Stage.WON, Stage.NEW)
        ids = []
        for index, stage in enumerate(stages):
            request = await _submit(repo, at=START + timedelta(minutes=index))
            request.stage = stage.value
            request.owner_id = None if stage is Stage.NEW else AUTHOR
            # The later submitted, the longer in its stage.
            request.stage_changed_at = START + timedelta(hours=len(stages) - index)
            ids.append(request.id)
        await session.commit()
        page, total = await repo.request_lists.in_work(limit=2)
    assert total == 3  # won and new are not in work
    assert [r.id for r in page] == [ids[2], ids[1]]  # the longest in their stage first


async def test_postponed_counts_every_owned_postponed_request_beyond_the_page(
    session_factory: SessionFactory,
) -> None:
    await _people(session_factory, AUTHOR)
    async with session_factory() as session:
        repo = Repositories(session)
        assert await repo.request_lists.postponed(limit=1) == ([], 0)
        ids = []
        for days in (5, 2, 9):
            request = await _submit(repo)
            request.stage = Stage.POSTPONED.value
            request.owner_id = AUTHOR
            request.postponed_until = START + timedelta(days=days)
            ids.append(request.id)
        await session.commit()
        page, total = await repo.request_lists.postponed(limit=1)
    assert total == 3
    assert [r.id for r in page] == [ids[1]]  # the soonest back first


async def test_requests_not_in_group_are_paged_past_the_last_number_and_all_without_a_limit(
    session_factory: SessionFactory,
) -> None:
    await _people(session_factory, AUTHOR)
    async with session_factory() as session:
        repo = Repositories(session)
        numbers = [(await _submit(repo)).id for _ in range(5)]
        assert await repo.cards.record(numbers[1], chat_id=-100123, message_id=77)
        assert await repo.requests.set_stage(numbers[3], Stage.LOST, START, lost_reason="budget")
        await session.commit()
        waiting = [numbers[0], numbers[2], numbers[4]]
        first = await repo.cards.not_in_group(2)
        assert first == waiting[:2]
        assert await repo.cards.not_in_group(2, after=first[-1]) == waiting[2:]
        assert await repo.cards.not_in_group(limit=None) == waiting
