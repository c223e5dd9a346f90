"""The closer: called into a deal to decide a discount, a term or a non-standard condition.

The owner (or a manager) picks a closer and writes what is to be decided; the closer gets
the request's head and that note through the outbox, and answers "I'll take part" (then,
if they like, when) or "Handle it without me". Each step is an event; the brief shows the
calls and their answers.
"""

from __future__ import annotations

from aiogram.filters.callback_data import CallbackData
from aiogram.types import InlineKeyboardMarkup
from pydantic import Field

from bot.i18n import Translator
from bot.keyboard import InlineKeyboard
from bot.services.desk import Desk, display_name, shorten
from storage.models import CloserCall, CloserStatus, Request, Role, User


class CloserCallNew(CallbackData, prefix="kc"):
    """ "Call the closer" under the brief."""

    request: int = Field(ge=1)


class CloserPick(CallbackData, prefix="kp"):
    """One closer in the list."""

    request: int = Field(ge=1)
    user: int = Field(ge=1)


class CloserAnswer(CallbackData, prefix="ka"):
    """The closer's answer: take part, or leave it to the owner."""

    call: int = Field(ge=1)
    join: bool


class CloserNoTime(CallbackData, prefix="kn"):
    """ "No time" under the question when a closer who joins can: nothing to tell."""

    call: int = Field(ge=1)


async def closers(desk: Desk) -> list[User]:
    """Everyone with the closer role who can still be written to."""
    return [user for user in await desk.repo.users.with_role(Role.CLOSER) if not user.is_blocked]


def answer_keyboard(t: Translator, call_id: int) -> InlineKeyboardMarkup:
    builder = InlineKeyboard()
    builder.button(text=t("closer-join"), callback_data=CloserAnswer(call=call_id, join=True))
    builder.button(text=t("closer-decline"), callback_data=CloserAnswer(call=call_id, join=False))
    builder.adjust(1)
    return builder.as_markup()


def time_keyboard(t: Translator, call_id: int) -> InlineKeyboardMarkup:
    """The time question's way out: a closer with no time to name says so with a tap,
    since any typed text is taken as the time."""
    builder = InlineKeyboard()
    builder.button(text=t("closer-no-time"), callback_data=CloserNoTime(call=call_id))
    return builder.as_markup()


async def call_closer(
    desk: Desk, request: Request, caller: User, closer: User, note: str
) -> CloserCall:
    """Record the call and put the brief with the note into the closer's outbox."""
    call = await desk.repo.process.add_call(
        request_id=request.id, closer_id=closer.id, called_by=caller.id, note=note
    )
    await desk.repo.events.add(
        kind="closer.called",
        actor_id=caller.id,
        request_id=request.id,
        data={"closer_id": closer.id, "note": note},
    )
    t = desk.t_for(closer)
    await desk.notify(
        closer.id,
        t(
            "closer-brief",
            number=request.id,
            client=request.client_name or "—",
            caller=display_name(caller),
            note=note,
        ),
        reply_markup=answer_keyboard(t, call.id),
    )
    return call


async def answer(desk: Desk, call: CloserCall, closer: User, join: bool) -> bool:
    """The closer's answer, recorded once and told to whoever called."""
    status = CloserStatus.JOINED if join else CloserStatus.DECLINED
    if not await desk.repo.process.answer_call(call.id, status, desk.now(), proposed_time=None):
        return False
    await desk.repo.events.add(
        kind="closer.joined" if join else "closer.declined",
        actor_id=closer.id,
        request_id=call.request_id,
        data={"closer_id": closer.id},
    )
    await tell_caller(desk, call, "closer-told-joined" if join else "closer-told-declined")
    return True


async def tell_caller(desk: Desk, call: CloserCall, key: str, **extra: str) -> None:
    """The person who called the closer (and the owner, if someone else) hears the answer."""
    request = await desk.repo.requests.get(call.request_id)
    closer = await desk.repo.users.get(call.closer_id)
    ids = {call.called_by} | ({request.owner_id} if request and request.owner_id else set())
    for person in (await desk.repo.team.users(ids)).values():
        t = desk.t_for(person)
        await desk.notify(
            person.id, t(key, number=call.request_id, closer=display_name(closer), **extra)
        )


def call_line(t: Translator, call: CloserCall, closer: User | None, preview: int) -> str:
    """One call as the brief shows it, its note cut to ``preview`` characters."""
    return t(
        "closer-line",
        closer=display_name(closer),
        status=t(f"closer-status-{call.status}"),
        note=shorten(call.note, preview),
        time=f" ({call.proposed_time})" if call.proposed_time else "",
    )
