"""An export's answer cells, in the language of the manager who asked for the file.

What the author saw (``RequestAnswer.display``) is in the author's language, so a column of
a form filled by English and Russian authors alike would read "Website form" on one row and
"Заявка с сайта" on the next. Each answer is drawn again from its stored value, as the card
draws it (:func:`~bot.services.answer_text.drawn_text`), but as plain text: a cell shows
no HTML, and a date and time is written as read in the reader's zone. Typed text, and a
value the form can no longer read, stay as the author saw them.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from zoneinfo import ZoneInfo

from bot.i18n import Translator
from bot.services.answer_text import drawn_text
from scenarios.schema import FormField
from storage.repositories.exports import StoredAnswer

KEPT = 10_000
"""Drawn words kept at most: enough for every option and most dates, and memory stays flat
however many distinct budgets a large export holds."""


class AnswerCells:
    """Draws each answer of a column; a value the column has drawn lately is not drawn again.

    An export writes hundreds of thousands of answers, and most of them repeat (an option,
    yes or no, a round budget): a babel or Fluent call for each would be seconds of CPU.
    """

    def __init__(self, fields: Mapping[str, FormField], t: Translator, zone: ZoneInfo) -> None:
        """``fields`` are the answer columns' fields by ``form:field``, in their order."""
        self._fields = fields
        self._t = t
        self._zone = zone
        self._kept: dict[tuple[str, str], str] = {}

    def row(self, answers: Mapping[str, StoredAnswer]) -> list[str | None]:
        """One request's answer cells, column by column; a missing answer is an empty cell."""
        cells: list[str | None] = []
        for column, field in self._fields.items():
            answer = answers.get(column)
            cells.append(None if answer is None else self._cell(column, field, answer))
        return cells

    def _cell(self, column: str, field: FormField, answer: StoredAnswer) -> str:
        """One answer's words in the reader's language, or as typed."""
        key = (column, json.dumps(answer.value, sort_keys=True))
        text = self._kept.get(key)
        if text is None:
            text = drawn_text(field, answer.value, self._t, self._zone, entity=False)
            if text is None:
                return answer.display
            if len(self._kept) >= KEPT:
                self._kept.clear()
            self._kept[key] = text
        return text
