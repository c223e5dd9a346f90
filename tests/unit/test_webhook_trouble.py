"""When Telegram's view of the webhook is trouble, and when that trouble is over."""

from __future__ import annotations

import json
from datetime import UTC, datetime

from aiogram.types import WebhookInfo

from bot.web.webhook_watch import QUIET_LOOKS, Trouble, TroubleJudge

URL = "https://bot.example.com/telegram"


def info(*, pending: int = 0, error_at: int | None = None, url: str = URL) -> WebhookInfo:
    return WebhookInfo(
        url=url,
        has_custom_certificate=False,
        pending_update_count=pending,
        last_error_date=datetime.fromtimestamp(error_at, UTC) if error_at else None,
        last_error_message="Connection error: ClientConnectorError" if error_at else None,
    )


def test_an_old_error_telegram_still_shows_is_no_trouble() -> None:
    judge = TroubleJudge(URL)
    assert judge.judge(info(pending=3, error_at=1_000)).trouble is None  # from before the start
    assert judge.judge(info(pending=2, error_at=1_000)).trouble is None  # nothing new since


def test_a_new_error_while_updates_wait_is_trouble_until_nothing_waits() -> None:
    judge = TroubleJudge(URL)
    judge.judge(info())
    seen = judge.judge(info(pending=4, error_at=2_000))
    assert seen.trouble is Trouble.FAILING
    assert seen.error == "Connection error: ClientConnectorError"
    assert judge.judge(info(pending=4, error_at=2_000)).trouble is Trouble.FAILING
    assert judge.judge(info(pending=0, error_at=2_000)).trouble is None


def test_a_trouble_with_no_new_error_for_a_few_looks_is_over_though_updates_wait() -> None:
    judge = TroubleJudge(URL)
    judge.judge(info())
    judge.judge(info(pending=9, error_at=3_000))
    troubles = [judge.judge(info(pending=9, error_at=3_000)).trouble for _ in range(QUIET_LOOKS)]
    assert troubles == [Trouble.FAILING] * (QUIET_LOOKS - 1) + [None]


def test_a_new_error_without_anything_waiting_is_no_trouble() -> None:
    judge = TroubleJudge(URL)
    judge.judge(info())
    assert judge.judge(info(pending=0, error_at=4_000)).trouble is None


def test_another_address_or_none_is_trouble_at_the_first_look() -> None:
    assert (
        TroubleJudge(URL).judge(info(url="https://x.example.com/t")).trouble is Trouble.ELSEWHERE
    )
    assert TroubleJudge(URL).judge(info(url="")).trouble is Trouble.MISSING


def test_a_judge_restored_from_what_another_saved_counts_on_from_its_looks() -> None:
    judge = TroubleJudge(URL)
    judge.judge(info())
    judge.judge(info(pending=9, error_at=3_000))
    restored = TroubleJudge.restored(URL, json.loads(json.dumps(judge.state())))
    troubles = [
        restored.judge(info(pending=9, error_at=3_000)).trouble for _ in range(QUIET_LOOKS)
    ]
    assert troubles == [Trouble.FAILING] * (QUIET_LOOKS - 1) + [None]


def test_a_restored_judge_sees_an_error_newer_than_the_last_look_at_its_first() -> None:
    judge = TroubleJudge(URL)
    judge.judge(info(pending=1, error_at=1_000))
    restored = TroubleJudge.restored(URL, json.loads(json.dumps(judge.state())))
    assert restored.judge(info(pending=2, error_at=5_000)).trouble is Trouble.FAILING
    assert TroubleJudge(URL).judge(info(pending=2, error_at=5_000)).trouble is None  # a new one
