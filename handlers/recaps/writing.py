"""Writing the recap: what was discussed, then each next step (what, who, by when), until
the owner finishes it; the finished recap is saved, its steps planned, its text shown.

The recap goes to the owner as a separate message, plain and polite, in the language the
request came in, ready to forward to the client. Its next steps become reminders at once;
the client's answer is chased daily until it is recorded.
"""

from __future__ import annotations

from datetime import UTC, datetime

from aiogram import F, Router
from aiogram.fsm.context import FSMContext
from aiogram.types import CallbackQuery, Message

from bot.i18n import Html, Translator
from bot.keyboard import InlineKeyboard
from bot.reminders.engine import ReminderEngine
from bot.services.desk import Desk, display_name
from bot.services.followup_buttons import RecapMore, RecapWhen, RecapWho
from bot.services.followup_keyboards import answer_keyboard, people_buttons, recap_when_keyboard
from bot.services.followups import plan_step, pressed_moment, read_future_moment, typed_words
from bot.services.meetings import plan_recap_chase
from bot.services.message_size import in_messages
from domain.stages import is_final
from handlers.recaps.meeting import meeting_of
from handlers.recaps.states import STEP_LIMIT, TEXT_LIMIT, RecapForm
from storage.models import Stage, User

router = Router(name=__name__)

_STEPS = "\u2063steps\u2063"
"""Where the rendered steps go in the recap's frame."""


@router.message(RecapForm.discussed, F.text)
async def discussed_typed(
    message: Message, desk: Desk, user: User, t: Translator, state: FSMContext
) -> None:
    """What was discussed; then the first next step."""
    discussed = await typed_words(message, t, TEXT_LIMIT)
    if discussed is None:
        return
    await state.update_data(discussed=discussed)
    await state.set_state(RecapForm.step_what)
    await message.answer(t("followups-recap-ask-step"))


@router.message(RecapForm.step_what, F.text)
async def step_what_typed(
    message: Message, desk: Desk, user: User, t: Translator, state: FSMContext
) -> None:
    """A next step's text; then who does it, among the meeting's people."""
    text = await typed_words(message, t, STEP_LIMIT)
    if text is None:
        return
    await state.update_data(step_text=text)
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
    redo = data.get("redo")
    if redo is not None:  # a new deadline for a step whose own passed before the end
        steps[int(redo)] = {**steps[int(redo)], "due": due_at.astimezone(UTC).isoformat()}
    else:
        steps.append(
            {
                "text": data["step_text"],
                "who": int(data["step_who"]),
                "due": due_at.astimezone(UTC).isoformat(),
            }
        )
    await state.update_data(steps=steps, redo=None)
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
    late = next(
        (
            index
            for index, item in enumerate(data.get("steps", []))
            if datetime.fromisoformat(item["due"]) <= desk.now()
        ),
        None,
    )
    if late is not None:
        # The recap sat unfinished past a step's deadline: the step would be overdue,
        # and escalated, the moment it is saved. Its deadline is asked again.
        await state.update_data(redo=late)
        await state.set_state(RecapForm.step_when)
        keyboard = recap_when_keyboard(t, now=desk.now(), zone=reminders.windows.zone_of(user))
        text = data["steps"][late]["text"]
        await desk.tell(
            user.id,
            t("followups-recap-step-passed", index=late + 1, text=text),
            reply_markup=keyboard,
        )
        return
    await state.clear()
    found = await meeting_of(desk, int(data["meeting"]), user)
    if found is None:
        await desk.tell(user.id, t("common-stale-button"))
        return
    meeting, request = found
    if is_final(Stage(request.stage)):
        # Closed while the recap was being written: closing cancelled the request's steps,
        # and new ones would remind and escalate about a deal that is over.
        await desk.tell(user.id, t("followups-recap-closed", number=request.id))
        return
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
    # The steps are rendered (and escaped) already, and together may pass the length
    # Fluent allows an argument: they go in after the frame is rendered.
    recap = client_t(
        "followups-recap-client",
        day=client_t.date(desk.local(meeting.starts_at)),
        discussed=str(data.get("discussed", "")),
        steps=Html(_STEPS),
    ).replace(_STEPS, "\n".join(lines) or "—")
    await desk.repo.followups.save_recap(meeting.id, recap, now)
    await plan_recap_chase(desk.repo, reminders, meeting, now, desk.settings.recap_confirm_days)
    await desk.repo.events.add(
        kind="request.recap_sent",
        actor_id=user.id,
        request_id=request.id,
        data={"meeting": meeting.id, "steps": len(lines)},
    )
    await desk.tell(user.id, t("followups-recap-ready", number=request.id))
    for part in in_messages(recap.split("\n"), separator="\n"):
        await desk.tell(user.id, part)
    await desk.tell(
        user.id,
        t("followups-recap-ask-answer", number=request.id),
        reply_markup=answer_keyboard(t, meeting.id),
    )
