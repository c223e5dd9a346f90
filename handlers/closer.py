"""Calling the closer in from the brief, and the closer's answer."""

from __future__ import annotations

from aiogram import F, Router
from aiogram.filters import StateFilter
from aiogram.fsm.context import FSMContext
from aiogram.fsm.state import State, StatesGroup
from aiogram.types import CallbackQuery, Message
from aiogram.utils.callback_answer import CallbackAnswer

from bot.i18n import Translator
from bot.services.closer import (
    CloserAnswer,
    CloserCallNew,
    CloserNoTime,
    CloserPick,
    answer,
    call_closer,
    closers,
    tell_caller,
    time_keyboard,
)
from bot.services.desk import Desk, display_name
from bot.services.followup_keyboards import people_buttons
from bot.services.followups import typed_within, typed_words
from bot.services.request_view import refresh_views
from bot.services.steering import is_manager
from domain.stages import is_final
from storage.models import CloserCall, Request, Role, Stage, User

router = Router(name=__name__)

NOTE_LIMIT = 1000
TIME_LIMIT = 200
"""When the closer can join is a phrase ("tomorrow after 15:00"), not a letter."""


class CloserForm(StatesGroup):
    """What the caller writes for the closer, and when a closer who joins can."""

    note = State()
    time = State()


async def _may_call(
    desk: Desk, request_id: int, user: User, roles: frozenset[str], t: Translator
) -> Request | str:
    """The request if ``user`` owns it or manages and it is still open; otherwise the
    refusal to show. A closed request has nothing left for a closer to decide, whoever
    owns it."""
    request = await desk.repo.requests.get(request_id)
    if request is None:
        return t("claims-no-request", number=request_id)
    if is_final(Stage(request.stage)):
        return t("claims-closed", number=request_id)
    if request.owner_id != user.id and not is_manager(roles):
        return t("claims-not-yours", number=request_id)
    return request


async def _closed(desk: Desk, call: CloserCall, t: Translator) -> str | None:
    """The refusal for an answer on a call whose request was closed (won, lost, junk)
    since: the invitation outlives the deal, and a late answer must change nothing."""
    return (
        t("claims-closed", number=call.request_id) if await desk.closed(call.request_id) else None
    )


@router.callback_query(CloserCallNew.filter())
async def call_pressed(
    query: CallbackQuery,
    callback_data: CloserCallNew,
    desk: Desk,
    user: User,
    roles: frozenset[str],
    t: Translator,
    callback_answer: CallbackAnswer,
) -> None:
    """The closers to choose from; none yet says who can name one."""
    found = await _may_call(desk, callback_data.request, user, roles, t)
    if isinstance(found, str):
        callback_answer.show_alert, callback_answer.text = True, found
        return
    people = [person for person in await closers(desk) if person.id != user.id]
    if not people:
        callback_answer.show_alert, callback_answer.text = True, t("closer-nobody")
        return
    keyboard = people_buttons(people, CloserPick, request=found.id).as_markup()
    await desk.tell(user.id, t("closer-pick", number=found.id), reply_markup=keyboard)


@router.callback_query(CloserPick.filter())
async def closer_picked(
    query: CallbackQuery,
    callback_data: CloserPick,
    desk: Desk,
    user: User,
    roles: frozenset[str],
    t: Translator,
    state: FSMContext,
    callback_answer: CallbackAnswer,
) -> None:
    """The closer chosen; now what is to be decided."""
    found = await _may_call(desk, callback_data.request, user, roles, t)
    closer = await desk.repo.users.get(callback_data.user)
    if isinstance(found, str) or closer is None or not closer.has_role(Role.CLOSER):
        callback_answer.show_alert = True
        callback_answer.text = found if isinstance(found, str) else t("common-stale-button")
        return
    await state.set_state(CloserForm.note)
    await state.set_data({"request": found.id, "closer": closer.id})
    await desk.tell(user.id, t("closer-ask-note", number=found.id, closer=display_name(closer)))


@router.message(CloserForm.note, F.text)
async def note_typed(
    message: Message,
    desk: Desk,
    user: User,
    roles: frozenset[str],
    t: Translator,
    state: FSMContext,
) -> None:
    """The note: the closer is called in and the caller told."""
    data = await state.get_data()
    note = await typed_within(message, t, NOTE_LIMIT)
    if note is None:
        return
    if not note:
        await message.answer(t("closer-ask-note-again"))
        return
    await state.clear()
    found = await _may_call(desk, int(data.get("request", 0)), user, roles, t)
    closer = await desk.repo.users.get(int(data.get("closer", 0)))
    if isinstance(found, str) or closer is None:
        await message.answer(found if isinstance(found, str) else t("common-stale-button"))
        return
    await call_closer(desk, found, user, closer, note)
    await refresh_views(desk, found.id)
    await message.answer(t("closer-called", number=found.id, closer=display_name(closer)))


@router.callback_query(CloserAnswer.filter())
async def answer_pressed(
    query: CallbackQuery,
    callback_data: CloserAnswer,
    desk: Desk,
    user: User,
    t: Translator,
    state: FSMContext,
    callback_answer: CallbackAnswer,
) -> None:
    """Only the closer called answers, once; joining asks (optionally) when."""
    call = await desk.repo.process.call(callback_data.call)
    if call is None or call.closer_id != user.id:
        callback_answer.show_alert, callback_answer.text = True, t("common-stale-button")
        return
    closed = await _closed(desk, call, t)
    if closed is not None:
        callback_answer.show_alert, callback_answer.text = True, closed
        return
    if not await answer(desk, call, user, callback_data.join):
        callback_answer.text = t("closer-already", number=call.request_id)
        return
    callback_answer.text = t("closer-thanks")
    await refresh_views(desk, call.request_id)
    if isinstance(query.message, Message):
        await query.message.edit_reply_markup(reply_markup=None)
    if callback_data.join:
        await state.set_state(CloserForm.time)
        await state.set_data({"call": call.id})
        await desk.tell(
            user.id,
            t("closer-ask-time", number=call.request_id),
            reply_markup=time_keyboard(t, call.id),
        )


@router.message(CloserForm.time, F.text, ~F.text.startswith("/"))
async def time_typed(
    message: Message, desk: Desk, user: User, t: Translator, state: FSMContext
) -> None:
    """When the closer can join, in their words: the caller and the owner hear it."""
    when = await typed_words(message, t, TIME_LIMIT)
    if when is None:
        return
    data = await state.get_data()
    await state.clear()
    call = await desk.repo.process.call(int(data.get("call", 0)))
    if call is None or call.closer_id != user.id:
        await message.answer(t("common-stale-button"))
        return
    closed = await _closed(desk, call, t)
    if closed is not None:
        await message.answer(closed)
        return
    await desk.repo.process.set_call_time(call.id, when)
    await refresh_views(desk, call.request_id)
    await tell_caller(desk, call, "closer-told-time", when=when)
    await message.answer(t("closer-time-saved", number=call.request_id))


@router.callback_query(CloserNoTime.filter())
async def no_time_pressed(
    query: CallbackQuery,
    callback_data: CloserNoTime,
    t: Translator,
    state: FSMContext,
    callback_answer: CallbackAnswer,
) -> None:
    """No time to name: the question is dropped and nobody is told more than "joins".

    Only the question now waiting for this call's time is answered; the button of an old
    question (answered, dropped with /cancel, or replaced by another) is stale.
    """
    waiting = await state.get_state() == CloserForm.time.state
    if not waiting or (await state.get_data()).get("call") != callback_data.call:
        callback_answer.show_alert, callback_answer.text = True, t("common-stale-button")
        return
    await state.clear()
    if isinstance(query.message, Message):
        await query.message.edit_reply_markup(reply_markup=None)
    callback_answer.text = t("closer-no-time-saved")


@router.message(StateFilter(CloserForm.note))
async def not_text(message: Message, t: Translator) -> None:
    """A sticker or a photo where words were asked."""
    await message.answer(t("closer-ask-note-again"))
