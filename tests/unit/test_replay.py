"""The journal of an update's calls: what was made at the same place before is answered."""

from __future__ import annotations

from aiogram.methods import EditMessageText, SendMessage

from bot.sending.replay import SentJournal, journaled, kept

QUESTION = SendMessage(chat_id=1, text="Phone?")
HINT = SendMessage(chat_id=1, text="Or share your contact")
EDIT = EditMessageText(chat_id=1, message_id=5, text="✅ website")


async def test_calls_made_again_in_the_same_order_are_answered_with_what_telegram_said() -> None:
    journal = SentJournal()
    for method, result in ((EDIT, True), (QUESTION, "question sent")):
        assert journal.answer(method) == (False, None)
        journal.note(method, result)
    assert journal.answer(HINT) == (False, None)  # refused: nothing noted

    journal.again()
    assert journal.answer(EDIT.model_copy()) == (True, True)
    assert journal.answer(SendMessage(chat_id=1, text="Phone?")) == (True, "question sent")
    assert journal.answer(HINT) == (False, None)


async def test_from_the_first_call_that_differs_everything_is_made_again() -> None:
    journal = SentJournal()
    for method in (EDIT, QUESTION):
        journal.answer(method)
        journal.note(method, "made")

    journal.again()
    assert journal.answer(SendMessage(chat_id=1, text="Phone, please?")) == (False, None)
    assert journal.answer(QUESTION) == (False, None)  # it was second before, not now


async def test_what_is_kept_is_computed_on_an_update_s_first_try_only() -> None:
    """Outside an update being handled, it is computed each time."""
    counted: list[int] = []

    async def count() -> int:
        counted.append(len(counted) + 1)
        return counted[-1]

    with journaled() as journal:
        assert await kept("report", count) == 1
        journal.again()
        assert await kept("report", count) == 1
    assert await kept("report", count) == 2
