"""What a request's card says: its head, answers, stage and owner, cut to fit one message.

Pure rendering, apart from reading a time zone: posting, editing and replying under the
card are :mod:`bot.services.cards`, and the request's own views (the brief, the panel)
reuse these lines.
"""

from __future__ import annotations

import html
from dataclasses import dataclass
from datetime import date
from zoneinfo import ZoneInfo

from aiogram.types import InlineKeyboardMarkup

from bot.i18n import Html, Translator
from bot.keyboard import InlineKeyboard
from bot.services.answer_text import answer_text
from bot.services.buttons import (
    FullTextButton,
    JunkReason,
    LostReason,
    ReassignButton,
    TakeButton,
)
from bot.services.desk import Desk, mention, shorten
from bot.services.message_size import MESSAGE_LIMIT, visible_length
from scenarios.schema import Scenario, localized
from storage.models import FINAL_STAGES, Request, RequestAnswer, Stage, User

_ANSWER_LIMITS = (None, 1500, 700, 300, 150, 60)
"""Each answer is cut to the first limit at which the whole card fits a message."""


def field_label(scenario: Scenario | None, field_id: str, locale: str) -> str:
    """The short name of the field an answer belongs to, or its id if the form changed."""
    field = scenario.field(field_id) if scenario is not None else None
    return localized(field.label, locale) if field is not None else field_id


def stage_label(t: Translator, stage: str) -> str:
    """A stage as people call it, e.g. "meeting planned"."""
    return t(f"claims-stage-{stage.replace('_', '-')}")


def answer_item(t: Translator, label: str, answer: str) -> str:
    """A question in bold and its answer under it.

    The answer is escaped here rather than passed to Fluent, which refuses arguments
    longer than a thousand characters and a long answer may be three times that.
    """
    shown = answer if isinstance(answer, Html) else html.escape(answer, quote=False)
    return t("claims-card-label", label=label) + "\n" + shown


def is_private(scenario: Scenario | None, field_id: str) -> bool:
    """Whether the form keeps this answer off the card (contacts, say)."""
    field = scenario.field(field_id) if scenario is not None else None
    return field is not None and field.private


def public_answers(desk: Desk, request: Request) -> list[RequestAnswer]:
    """The answers everyone in the team group may read."""
    scenario = desk.scenario(request.scenario_id)
    return [a for a in request.answers if not is_private(scenario, a.field_id)]


def answer_texts(desk: Desk, t: Translator, request: Request) -> list[tuple[str, str]]:
    """The label and the whole text of each answer the card shows, in ``t``'s language.

    Each answer is drawn again from its stored value (:mod:`bot.services.answer_text`): the
    text the author saw was in the author's language and, for a date and time, in the
    author's zone, which the team may not share.
    """
    scenario = desk.scenario(request.scenario_id)
    texts = []
    for answer in public_answers(desk, request):
        field = scenario.field(answer.field_id) if scenario is not None else None
        label = field_label(scenario, answer.field_id, t.locale)
        texts.append((label, answer_text(field, answer, t, desk.settings.zone)))
    return texts


def answer_lines(t: Translator, texts: list[tuple[str, str]], limit: int | None) -> list[str]:
    """One line per answer, each cut to ``limit`` characters (a moment, already HTML and
    short, is never cut)."""
    return [
        answer_item(t, label, text if isinstance(text, Html) else shorten(text, limit))
        for label, text in texts
    ]


def _cut(texts: list[tuple[str, str]], limit: int | None) -> bool:
    """Whether some answer is longer than ``limit`` and so is cut."""
    return limit is not None and any(
        len(text) > limit for _, text in texts if not isinstance(text, Html)
    )


def request_head(
    desk: Desk,
    t: Translator,
    request: Request,
    author: User | None,
    *,
    zone: ZoneInfo | None = None,
) -> str:
    """Number, form, priority, author and time: the first lines of a card and a brief.

    Times are in ``zone`` (the reader's), else in the team's.
    """
    scenario = desk.scenario(request.scenario_id)
    title = localized(scenario.title, t.locale) if scenario else request.scenario_id
    head = t(
        "claims-card-head",
        priority=request.priority,
        number=request.id,
        scenario=title,
    )
    meta = t(
        "claims-card-meta",
        priority=t(f"claims-priority-{request.priority}"),
        author=mention(author) if author else "?",
        time=t.moment(request.created_at, zone or desk.settings.zone),
    )
    return f"{head}\n{meta}"


CLOSED_WITH_REASON = frozenset({Stage.LOST.value, Stage.JUNK.value})
LISTED_LOST_REASONS = frozenset(r.value for r in LostReason if r is not LostReason.OTHER)
"""The codes a lost reason from the list is stored as; a typed reason is stored as typed."""


def lost_reason_text(t: Translator, reason: str) -> str:
    """A lost reason in the reader's language.

    One from the list is kept as its code, so that a Russian and an English owner choosing
    "no budget" give one reason, which every reader, report and export sees the same; one
    typed by a person is shown as it was typed.
    """
    return t(f"claims-lost-{reason}") if reason in LISTED_LOST_REASONS else reason


LISTED_JUNK_REASONS = frozenset(
    r.value for r in JunkReason if r not in {JunkReason.DUPLICATE, JunkReason.OTHER}
)
"""The codes a junk reason from the list is stored as."""
DUPLICATE_OF = "duplicate:"
"""How a duplicate is stored: this, then the request it duplicates, as the manager typed it."""


def junk_kept(kind: JunkReason, typed: str | None) -> str:
    """What a junk request keeps as its reason: a listed one's code, a duplicate's
    ``DUPLICATE_OF`` and the typed request, or the typed words of any other reason."""
    if kind.value in LISTED_JUNK_REASONS:
        return kind.value
    if kind is JunkReason.DUPLICATE:
        return f"{DUPLICATE_OF}{typed or ''}"
    return typed or ""


def junk_reason_text(t: Translator, reason: str) -> str:
    """A junk reason in the reader's language, as :func:`lost_reason_text` is for lost."""
    if reason in LISTED_JUNK_REASONS:
        return t(f"stages-junk-{reason.replace('_', '-')}")
    if reason.startswith(DUPLICATE_OF):
        return t("stages-junk-duplicate-of", reason=reason.removeprefix(DUPLICATE_OF))
    return reason


def closing_reason(t: Translator, request: Request) -> str | None:
    """Why a lost or junk request was closed, in the reader's language where it can be."""
    if request.lost_reason and request.stage == Stage.LOST.value:
        return lost_reason_text(t, request.lost_reason)
    if request.lost_reason and request.stage == Stage.JUNK.value:
        return junk_reason_text(t, request.lost_reason)
    return request.lost_reason


def postponed_day(request: Request, owner_zone: ZoneInfo) -> date | None:
    """The day a postponed request comes back, as its owner chose it.

    The request keeps a moment, the start of that day's working hours in the owner's zone
    (``handlers.brief.postponing.postpone``), and its return is reminded then. Every reader
    is shown the owner's day: in UTC or in a reader's zone, 09:00 in Vladivostok is the day
    before.
    """
    if request.stage != Stage.POSTPONED.value or request.postponed_until is None:
        return None
    return request.postponed_until.astimezone(owner_zone).date()


async def owner_zone(desk: Desk, request: Request) -> ZoneInfo:
    """The zone of the request's owner (the team's if it has none): where its postpone
    date was chosen, so where it is read."""
    owner = await desk.repo.users.get(request.owner_id) if request.owner_id else None
    return desk.zone_of(owner) if owner is not None else desk.settings.zone


def stage_summary(t: Translator, request: Request, owner_zone: ZoneInfo) -> Html:
    """The stage, with the reason or the date when it has one; a postpone date is the
    owner's day, read in ``owner_zone`` (see :func:`postponed_day`).

    Rendered, so escaped already: a typed reason with ``&`` or ``<`` in it is not escaped
    twice where the summary goes into another text.
    """
    label = stage_label(t, request.stage)
    reason = closing_reason(t, request)
    if request.stage in CLOSED_WITH_REASON and reason:
        return Html(t("claims-stage-with-reason", stage=label, reason=reason))
    day = postponed_day(request, owner_zone)
    if day is not None:
        return Html(t("claims-stage-with-date", stage=label, day=t.date(day)))
    return Html(label)


def status_line(
    desk: Desk,
    t: Translator,
    request: Request,
    owner: User | None,
    *,
    zone: ZoneInfo | None = None,
) -> str:
    """Who has the request and at what stage, or that it waits for an expert."""
    if request.stage == Stage.NEW.value:
        return t("claims-card-open")
    if owner is None:
        return t("stages-card-closed", stage=stage_summary(t, request, desk.settings.zone))
    taken = request.taken_at or request.stage_changed_at
    return t(
        "claims-card-taken",
        owner=mention(owner),
        stage=stage_summary(t, request, desk.zone_of(owner)),
        time=t.moment(taken, zone or desk.settings.zone),
    )


@dataclass(frozen=True, slots=True)
class Card:
    """A rendered card: its HTML text and whether answers had to be cut to fit."""

    text: str
    shortened: bool


def render_card(
    desk: Desk,
    request: Request,
    author: User | None,
    owner: User | None,
    *,
    t: Translator | None = None,
) -> Card:
    """The whole card, cutting long answers just enough to fit one message.

    In the team's language unless ``t`` (a reader's) is given.
    """
    t = t or desk.team_t
    head = request_head(desk, t, request, author)
    status = status_line(desk, t, request, owner)
    texts = answer_texts(desk, t, request)
    text = ""
    for limit in _ANSWER_LIMITS:
        body = "\n".join(answer_lines(t, texts, limit))
        shortened = _cut(texts, limit)
        parts = [head, body, status]
        if shortened:
            parts.append(t("claims-card-shortened"))
        text = "\n\n".join(part for part in parts if part)
        if visible_length(text) <= MESSAGE_LIMIT:
            return Card(text, shortened)
    return Card(text, True)


def card_keyboard(t: Translator, request: Request, shortened: bool) -> InlineKeyboardMarkup:
    """ "Take" while the request waits; "Reassign" once someone has it; "Full text" if cut."""
    builder = InlineKeyboard()
    if request.stage == Stage.NEW.value:
        builder.button(
            text=t("claims-button-take"),
            callback_data=TakeButton(request=request.id),
            style="success",
        )
    elif Stage(request.stage) not in FINAL_STAGES:
        builder.button(
            text=t("claims-button-reassign"), callback_data=ReassignButton(request=request.id)
        )
    if shortened:
        builder.button(
            text=t("claims-button-full"), callback_data=FullTextButton(request=request.id)
        )
    builder.adjust(1)
    return builder.as_markup()
