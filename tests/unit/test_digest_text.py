"""The digest's text stays one message however many requests a day holds."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from bot.i18n import I18n
from bot.services.digest import render_digest
from bot.services.message_size import MESSAGE_LIMIT
from domain.pipeline import DigestContent, DigestItem
from storage.models import Role, User, UserRole

ZONE = ZoneInfo("Europe/Moscow")
NINE = datetime(2026, 3, 2, 6, 0, tzinfo=UTC)


def manager() -> User:
    return User(id=1, first_name="Мария", tags=[], role_rows=[UserRole(role=Role.MANAGER.value)])


def items(first: int, count: int, *, at: bool) -> list[DigestItem]:
    return [
        DigestItem(number, NINE + timedelta(minutes=number) if at else None)
        for number in range(first, first + count)
    ]


def test_a_day_of_hundreds_of_requests_is_cut_to_one_message_saying_how_many_are_left() -> None:
    content = DigestContent(
        meetings=items(10_000, 150, at=True),
        steps_overdue=items(20_000, 150, at=True),
        unclaimed=items(30_000, 150, at=False),
        team_overdue=420,
    )
    for locale in ("ru", "en"):
        text = render_digest(I18n().get(locale), content, manager(), ZONE).text
        assert len(text) <= MESSAGE_LIMIT
        # Every section is there; the lines shown and the ones counted add up to its size.
        sections = text.split("\n\n")[1:4]
        for section, first in zip(sections, (10_000, 20_000, 30_000), strict=True):
            shown = re.findall(r"#(\d+)", section)
            assert shown == [str(n) for n in range(first, first + len(shown))]
            last = section.splitlines()[-1]
            left = re.search(r"(\d+)\D*$", last)
            counted = int(left.group(1)) if left is not None and "…" in last else 0
            assert len(shown) + counted == 150


def test_each_section_of_a_long_day_gets_its_turn_and_none_is_crowded_out() -> None:
    content = DigestContent(
        meetings=items(10_000, 150, at=True),
        steps_overdue=items(20_000, 150, at=True),
        unclaimed=items(30_000, 150, at=False),
    )
    text = render_digest(I18n().get("en"), content, manager(), ZONE).text
    shown = [len(re.findall(r"#\d+", section)) for section in text.split("\n\n")[1:4]]
    # Taken in turns: the sections whose lines are as long show as many lines each.
    assert shown[0] == shown[1] >= 20, shown
    assert shown[2] >= shown[0], shown


def test_a_short_day_is_listed_whole() -> None:
    content = DigestContent(unclaimed=items(5, 3, at=False))
    text = render_digest(I18n().get("ru"), content, manager(), ZONE).text
    assert re.findall(r"#(\d+)", text) == ["5", "6", "7"]
    assert "…" not in text
