"""A whole request for every shipped form, in Russian and in English."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from storage.repositories.holder import Repositories
from tests.e2e.intake.flow import CATALOG, fill, open_form, scenario, submit
from tests.harness import Person, RunningBot


@pytest.mark.parametrize("locale", ["ru", "en"])
@pytest.mark.parametrize("scenario_id", CATALOG.ids)
async def test_a_whole_request_is_stored_with_every_answer_and_a_receipt(
    bot: RunningBot, person: Callable[..., Person], scenario_id: str, locale: str
) -> None:
    author = person(21, "Анна" if locale == "ru" else "Ann", language_code=locale)
    form = scenario(scenario_id)
    first = await open_form(author, scenario_id)
    summary, asked = await fill(author, form, locale, first)
    for field_id in asked:
        field = form.field(field_id)
        assert field is not None
    number = await submit(author, summary)
    # Updates of one chat are handled in order: once /my answers, the submit is committed.
    listing = await author.ask("/my")
    assert f"{number}" in listing.text

    async with bot.app.session_factory() as session:
        repo = Repositories(session)
        request = await repo.requests.with_answers(number)
        assert request is not None
        events = await repo.events.for_request(number)
        draft_left = await repo.drafts.abandoned(idle_since=bot.app.clock.now())
    assert request.author_id == 21
    assert request.scenario_id == scenario_id
    assert request.scenario_version == form.version
    assert [answer.field_id for answer in request.answers] == asked
    assert request.phone == "+79123456789"
    assert [event.kind for event in events] == ["request.submitted"]
    assert draft_left == []
    if scenario_id == "workshop_parts":
        assert len(request.attachments) == 2
