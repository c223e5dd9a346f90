"""After a meeting: held or not, the recap with its next steps, and the client's answer.

The recap goes to the owner as a separate message, plain and polite, in the language the
request came in, ready to forward to the client. Its next steps become reminders at once;
the client's answer is chased daily until it is recorded.
"""

from __future__ import annotations

from datetime import UTC, datetime

from aiogram import F, Router
from aiogram.filters import StateFilter
from aiogram.fsm.context import FSMContext
from aiogram.fsm.state import State, StatesGroup
from aiogram.types import CallbackQuery, Message
from aiogram.utils.callback_answer import CallbackAnswer

from bot.i18n import Translator
from bot.keyboard import InlineKeyboard
from bot.reminders.engine import ReminderEngine
from bot.services.desk import Desk, display_name
from bot.services.followup_buttons import (
    MeetingHeld,
    RecapAnswer,
    RecapMore,
    RecapReply,
    RecapWhen,
    RecapWho,
)
from bot.services.followup_keyboards import people_buttons, recap_when_keyboard
from bot.services.followups import plan_step, pressed_moment, read_future_moment
from bot.services.meetings import answer_keyboard, plan_recap_chase
from bot.services.progress import Move, change_stage
from domain.stages import Via
from storage.models import Meeting, MeetingStatus, RecapStatus, Request, Stage, User

router = Router(name=__name__)

TEXT_LIMIT = 2000
RECORD = Move(via=Via.RECORD)
"""The meeting's answers and the client's confirmation are the records the stages need."""


class RecapForm(StatesGroup):
    """The recap being written, and the corrections the client asked for."""

    discussed = State()
    step_what = State()
    step_who = State()
    step_when = State()
    corrections = State()


async def _meeting_of(desk: Desk, meeting_id: int, user: User) -> tuple[Meeting, Request] | None:
    """The meeting and its request, if ``user`` planned it or owns the request."""
    meeting = await desk.repo.followups.meeting(meeting_id)
    request = await desk.repo.requests.get(meeting.request_id) if meeting else None
    if meeting is None or request is None:
        return None
    if user.id not in {meeting.created_by, request.owner_id}:
        return None
    return meeting, request


def not_started(desk: Desk, t: Translator, user: User, meeting: Meeting) -> str | None:
    """Why it is too early to say whether ``meeting`` took place, or ``None`` once it began.

    Only a meeting that has begun can have been held or missed: the panel's button may be
    pressed the day before, and an end-of-meeting question may outlive a reschedule.
    """
    if meeting.starts_at <= desk.now():
        return None
    when = t.datetime(meeting.starts_at.astimezone(desk.zone_of(user)))
    return t("followups-meeting-not-yet", number=meeting.request_id, when=when)


@router.callback_query(MeetingHeld.filter())
async def held_pressed(
    query: CallbackQuery,
    callback_data: MeetingHeld,
    desk: Desk,
    user: User,
    t: Translator,
    state: FSMContext,
    callback_answer: CallbackAnswer,
) -> None:
    """Held: the stage moves on and the recap is asked for. Not held: back to taken.

    A question already answered, or asked about a meeting that has not begun (it was
    moved meanwhile), changes nothing and says why.
    """
    found = await _meeting_of(desk, callback_data.meeting, user)
    if found is None:
        callback_answer.show_alert = True
        callback_answer.text = t("common-stale-button")
        return
    meeting, request = found
    if meeting.status != MeetingStatus.PLANNED.value:
        callback_answer.text = t("followups-meeting-answered", number=request.id)
        return
    too_early = not_started(desk, t, user, meeting)
    if too_early is not None:
        callback_answer.show_alert = True
        callback_answer.text = too_early
        return
    if not callback_data.held:
        await _not_held(desk, query, t, user, request, meeting, callback_answer)
        return
    if not await desk.repo.followups.mark_held(meeting.id):
        callback_answer.text = t("followups-meeting-answered", number=request.id)
        return
    await desk.repo.events.add(
        kind="request.meeting_held",
        actor_id=user.id,
        request_id=request.id,
        data={"meeting": meeting.id},
    )
    await change_stage(desk, request, user, Stage.MEETING_HELD, RECORD)
    await state.set_state(RecapForm.discussed)
    await state.set_data({"meeting": meeting.id, "steps": []})
    await desk.tell(user.id, t("followups-recap-ask-discussed", number=request.id))


async def _not_held(
    desk: Desk,
    query: CallbackQuery,
    t: Translator,
    user: User,
    request: Request,
    meeting: Meeting,
    callback_answer: CallbackAnswer,
) -> None:
    """The meeting did not take place: cancelled, and the request back to taken.

    Cancelling is conditional on the meeting still being planned, so a press that loses
    the race with "held" only says the question was answered.
    """
    if not await desk.repo.followups.cancel_meeting(meeting.id):
        callback_answer.text = t("followups-meeting-answered", number=request.id)
        return
    await change_stage(desk, request, user, Stage.TAKEN, RECORD)
    callback_answer.text = t("followups-meeting-not-held", number=request.id)
    if isinstance(query.message, Message):
        await query.message.edit_text(callback_answer.text)


@router.message(RecapForm.discussed, F.text)
async def discussed_typed(
    message: Message, desk: Desk, user: User, t: Translator, state: FSMContext
) -> None:
    """What was discussed; then the first next step."""
    await state.update_data(discussed=(message.text or "").strip()[:TEXT_LIMIT])
    await state.set_state(RecapForm.step_what)
    await message.answer(t("followups-recap-ask-step"))


@router.message(RecapForm.step_what, F.text)
async def step_what_typed(
    message: Message, desk: Desk, user: User, t: Translator, state: FSMContext
) -> None:
    """A next step's text; then who does it, among the meeting's people."""
    await state.update_data(step_text=(message.text or "").strip()[:500])
    await state.set_state(RecapForm.step_who)
    data = await state.get_data()
    meeting_id = int(data["meeting"])
    people = await desk.repo.team.users(
        [user.id, *await desk.repo.followups.participants(meeting_id)]
    )
    keyboard = people_buttons(people.values(), RecapWho).as_markup()
    await message.answer(t("followups-recap-ask-who"), reply_markup=keyboard)


@router.callback_query(RecapForm.step_who, RecapWho.filter())
async def who_pressed(
    query: CallbackQuery,
    callback_data: RecapWho,
    desk: Desk,
    user: User,
    t: Translator,
    state: FSMContext,
    reminders: ReminderEngine,
) -> None:
    """Who does it; then by when."""
    await state.update_data(step_who=callback_data.user)
    await state.set_state(RecapForm.step_when)
    keyboard = recap_when_keyboard(t, now=desk.now(), zone=reminders.windows.zone_of(user))
    await desk.tell(user.id, t("followups-recap-ask-when"), reply_markup=keyboard)


async def _add_step(
    desk: Desk, t: Translator, state: FSMContext, user: User, due_at: datetime
) -> None:
    data = await state.get_data()
    steps = list(data.get("steps", []))
    steps.append(
        {
            "text": data["step_text"],
            "who": int(data["step_who"]),
            "due": due_at.astimezone(UTC).isoformat(),
        }
    )
    await state.update_data(steps=steps)
    await state.set_state(RecapForm.step_what)
    builder = InlineKeyboard()
    builder.button(text=t("followups-recap-more"), callback_data=RecapMore(more=True))
    builder.button(text=t("followups-recap-finish"), callback_data=RecapMore(more=False))
    builder.adjust(1)
    await desk.tell(
        user.id,
        t("followups-recap-step-added", count=len(steps)),
        reply_markup=builder.as_markup(),
    )


@router.callback_query(RecapForm.step_when, RecapWhen.filter())
async def when_pressed(
    query: CallbackQuery,
    callback_data: RecapWhen,
    desk: Desk,
    user: User,
    t: Translator,
    state: FSMContext,
    reminders: ReminderEngine,
) -> None:
    zone = reminders.windows.zone_of(user)
    moment = await pressed_moment(desk, user, t, callback_data.slot, zone=zone)
    if moment is None:
        return
    await _add_step(desk, t, state, user, moment)


@router.message(RecapForm.step_when, F.text)
async def when_typed(
    message: Message,
    desk: Desk,
    user: User,
    t: Translator,
    state: FSMContext,
    reminders: ReminderEngine,
) -> None:
    zone = reminders.windows.zone_of(user)
    moment = await read_future_moment(message, t, now=desk.now(), zone=zone)
    if moment is not None:
        await _add_step(desk, t, state, user, moment)


@router.callback_query(RecapForm.step_what, RecapMore.filter())
async def more_pressed(
    query: CallbackQuery,
    callback_data: RecapMore,
    desk: Desk,
    user: User,
    t: Translator,
    state: FSMContext,
    reminders: ReminderEngine,
) -> None:
    """Another step, or the recap is complete: save it, plan the steps, render it."""
    if callback_data.more:
        await desk.tell(user.id, t("followups-recap-ask-step"))
        return
    data = await state.get_data()
    await state.clear()
    found = await _meeting_of(desk, int(data["meeting"]), user)
    if found is None:
        await desk.tell(user.id, t("common-stale-button"))
        return
    meeting, request = found
    now = desk.now()
    people = await desk.repo.team.users([int(s["who"]) for s in data["steps"]])
    author = await desk.repo.users.get(request.author_id)
    client_t = desk.t_for(author) if author is not None else t
    lines = []
    for index, item in enumerate(data["steps"], start=1):
        due_at = datetime.fromisoformat(item["due"])
        step = await desk.repo.followups.add_step(
            request_id=request.id,
            meeting_id=meeting.id,
            text=item["text"],
            due_at=due_at,
            assignee_id=int(item["who"]),
            created_by=user.id,
        )
        await plan_step(desk.repo, reminders, desk.settings, step, owner_id=user.id)
        lines.append(
            client_t(
                "followups-recap-client-step",
                index=index,
                text=item["text"],
                who=display_name(people.get(int(item["who"]))),
                when=client_t.datetime(desk.local(due_at)),
            )
        )
    recap = client_t(
        "followups-recap-client",
        day=client_t.date(desk.local(meeting.starts_at)),
        discussed=str(data.get("discussed", "")),
        steps="\n".join(lines) or "—",
    )
    await desk.repo.followups.save_recap(meeting.id, recap, now)
    await plan_recap_chase(desk.repo, reminders, meeting, now, desk.settings.recap_confirm_days)
    await desk.repo.events.add(
        kind="request.recap_sent",
        actor_id=user.id,
        request_id=request.id,
        data={"meeting": meeting.id, "steps": len(lines)},
    )
    await desk.tell(user.id, t("followups-recap-ready", number=request.id))
    await desk.tell(user.id, recap)
    await desk.tell(
        user.id,
        t("followups-recap-ask-answer", number=request.id),
        reply_markup=answer_keyboard(t, meeting.id),
    )


@router.callback_query(RecapReply.filter())
async def answer_pressed(
    query: CallbackQuery,
    callback_data: RecapReply,
    desk: Desk,
    user: User,
    t: Translator,
    state: FSMContext,
    callback_answer: CallbackAnswer,
) -> None:
    """Confirmed moves the request on; corrections asks what; no answer keeps the chase."""
    found = await _meeting_of(desk, callback_data.meeting, user)
    if found is None:
        callback_answer.show_alert = True
        callback_answer.text = t("common-stale-button")
        return
    meeting, request = found
    answer = callback_data.answer
    if answer is RecapAnswer.CORRECTIONS:
        await state.set_state(RecapForm.corrections)
        await state.set_data({"meeting": meeting.id})
        await desk.tell(user.id, t("followups-recap-ask-corrections"))
        return
    status = RecapStatus(answer.value)
    if not await desk.repo.followups.record_answer(meeting.id, status, desk.now()):
        callback_answer.text = t("followups-recap-already", number=request.id)
        return
    await desk.repo.events.add(
        kind=f"request.recap_{answer.value}",
        actor_id=user.id,
        request_id=request.id,
        data={"meeting": meeting.id},
    )
    if answer is RecapAnswer.CONFIRMED and request.owner_id is not None:
        owner = (
            user if user.id == request.owner_id else await desk.repo.users.get(request.owner_id)
        )
        if owner is not None:
            await change_stage(desk, request, owner, Stage.RECAP_CONFIRMED, RECORD)
    callback_answer.text = t(f"followups-recap-recorded-{answer.value.replace('_', '-')}")
    if isinstance(query.message, Message):
        await query.message.edit_text(callback_answer.text)


@router.message(RecapForm.corrections, F.text)
async def corrections_typed(
    message: Message, desk: Desk, user: User, t: Translator, state: FSMContext
) -> None:
    """What the client wants corrected; the chase goes on until they confirm."""
    data = await state.get_data()
    await state.clear()
    meeting_id = int(data.get("meeting", 0))
    text = (message.text or "").strip()[:TEXT_LIMIT]
    found = await _meeting_of(desk, meeting_id, user)
    if found is None or not await desk.repo.followups.record_answer(
        meeting_id, RecapStatus.CORRECTIONS, desk.now(), corrections=text
    ):
        await message.answer(t("common-stale-button"))
        return
    await desk.repo.events.add(
        kind="request.recap_corrections",
        actor_id=user.id,
        request_id=found[1].id,
        data={"meeting": meeting_id, "corrections": text},
    )
    await message.answer(
        t("followups-recap-corrections-saved", text=text),
        reply_markup=answer_keyboard(t, meeting_id),
    )


_ASK = {
    RecapForm.discussed.state: "followups-recap-ask-discussed-again",
    RecapForm.step_what.state: "followups-recap-ask-step",
    RecapForm.step_who.state: "followups-meeting-use-buttons",
    RecapForm.step_when.state: "followups-step-type-when",
    RecapForm.corrections.state: "followups-recap-ask-corrections",
}


@router.message(StateFilter(RecapForm))
async def not_an_answer(message: Message, t: Translator, state: FSMContext) -> None:
    """Anything that does not answer the current question: ask it again."""
    await message.answer(
        t(_ASK.get(await state.get_state() or "", "followups-meeting-use-buttons"))
    )
