"""The buttons of next steps, meetings and recaps, built from typed callback data."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from zoneinfo import ZoneInfo

from aiogram.filters.callback_data import CallbackData
from aiogram.types import InlineKeyboardMarkup

from bot.i18n import Translator
from bot.keyboard import InlineKeyboard
from bot.services.desk import Desk, display_name
from bot.services.followup_buttons import (
    OWNER_ACTS,
    MeetingAct,
    MeetingChange,
    MeetingHeld,
    MeetingInvite,
    MeetingLead,
    MeetingLength,
    MeetingPick,
    MeetingSave,
    RecapAnswer,
    RecapReply,
    RecapWhen,
    StepAct,
    StepAction,
    StepPreset,
    StepWhat,
    StepWhen,
)
from domain.followups import Slot, quick_slots
from storage.models import Role, User

MEETING_LENGTHS = (30, 60, 90, 120)


async def team_members(desk: Desk, *, besides: int | None = None) -> list[User]:
    """Experts, managers, estimators and closers, each once, by id; ``besides`` is left out."""
    people: dict[int, User] = {}
    for role in (Role.EXPERT, Role.MANAGER, Role.ESTIMATOR, Role.CLOSER):
        for person in await desk.repo.users.with_role(role):
            if person.id != besides:
                people.setdefault(person.id, person)
    return list(people.values())


def people_buttons(
    people: Iterable[User],
    button: type[CallbackData],
    *,
    chosen: Iterable[int] = (),
    **fields: int,
) -> InlineKeyboard:
    """One button per person, ticked when chosen; ``button`` takes ``user=`` and ``fields``."""
    marked = set(chosen)
    builder = InlineKeyboard()
    for person in people:
        mark = "✅ " if person.id in marked else ""
        builder.button(
            text=f"{mark}{display_name(person)}", callback_data=button(user=person.id, **fields)
        )
    builder.adjust(2)
    return builder


def presets_keyboard(t: Translator, request_id: int) -> InlineKeyboardMarkup:
    """What a next step usually is."""
    builder = InlineKeyboard()
    for preset in StepPreset:
        builder.button(
            text=t(f"followups-preset-{preset.value}"),
            callback_data=StepWhat(request=request_id, preset=preset),
        )
    builder.adjust(2)
    return builder.as_markup()


def _slots(
    t: Translator, now: datetime, zone: ZoneInfo, make: type[CallbackData], **fields: int
) -> InlineKeyboardMarkup:
    builder = InlineKeyboard()
    for slot in [*quick_slots(now=now, zone=zone), Slot.TYPED]:
        builder.button(
            text=t(f"followups-slot-{slot.value}"), callback_data=make(slot=slot, **fields)
        )
    builder.adjust(2)
    return builder.as_markup()


def step_when_keyboard(
    t: Translator, *, request_id: int, step_id: int, now: datetime, zone: ZoneInfo
) -> InlineKeyboardMarkup:
    """The quick deadlines still ahead in the person's zone, then "another time"."""
    return _slots(t, now, zone, StepWhen, request=request_id, step=step_id)


def recap_when_keyboard(t: Translator, *, now: datetime, zone: ZoneInfo) -> InlineKeyboardMarkup:
    """The same deadlines, for a step written into a recap."""
    return _slots(t, now, zone, RecapWhen)


def saved_keyboard(t: Translator, step_id: int) -> InlineKeyboardMarkup:
    """Under a saved step: hand it to someone else."""
    builder = InlineKeyboard()
    builder.button(
        text=t("followups-step-button-assign"),
        callback_data=StepAct(step=step_id, act=StepAction.ASSIGN),
    )
    return builder.as_markup()


def lengths_keyboard(t: Translator) -> InlineKeyboardMarkup:
    builder = InlineKeyboard()
    for minutes in MEETING_LENGTHS:
        builder.button(
            text=t("followups-meeting-minutes", minutes=minutes),
            callback_data=MeetingLength(minutes=minutes),
        )
    builder.adjust(4)
    return builder.as_markup()


def participants_keyboard(
    t: Translator, people: Iterable[User], chosen: Iterable[int]
) -> InlineKeyboardMarkup:
    """Colleagues to tick, then "done"."""
    builder = people_buttons(people, MeetingPick, chosen=chosen)
    builder.button(text=t("followups-meeting-people-done"), callback_data=MeetingPick(user=0))
    builder.adjust(2)
    return builder.as_markup()


def save_keyboard(t: Translator) -> InlineKeyboardMarkup:
    builder = InlineKeyboard()
    builder.button(
        text=t("followups-meeting-save"), callback_data=MeetingSave(save=True), style="success"
    )
    builder.button(text=t("followups-meeting-drop"), callback_data=MeetingSave(save=False))
    return builder.as_markup()


def manage_keyboard(t: Translator, meeting_id: int) -> InlineKeyboardMarkup:
    """The owner's changes to a planned meeting."""
    builder = InlineKeyboard()
    for act in OWNER_ACTS:
        builder.button(
            text=t(f"meetings-{act.value}"),
            callback_data=MeetingChange(meeting=meeting_id, act=act),
            style="danger" if act is MeetingAct.CANCEL else None,
        )
    builder.adjust(2)
    return builder.as_markup()


def cant_keyboard(t: Translator, meeting_id: int) -> InlineKeyboardMarkup:
    """A participant's "I can't make it"."""
    builder = InlineKeyboard()
    builder.button(
        text=t("meetings-cant"),
        callback_data=MeetingChange(meeting=meeting_id, act=MeetingAct.CANT),
    )
    return builder.as_markup()


def invite_keyboard(
    t: Translator, meeting_id: int, people: Iterable[User], chosen: Iterable[int]
) -> InlineKeyboardMarkup:
    """The team to tick for a planned meeting, then "done" to save the list."""
    builder = people_buttons(people, MeetingInvite, chosen=chosen, meeting=meeting_id)
    builder.button(
        text=t("followups-meeting-people-done"),
        callback_data=MeetingInvite(meeting=meeting_id, user=0),
    )
    builder.adjust(2)
    return builder.as_markup()


def lead_keyboard(
    meeting_id: int, people: Iterable[User], moderator_id: int
) -> InlineKeyboardMarkup:
    """The participants, the one leading now ticked: who leads from now on."""
    builder = people_buttons(people, MeetingLead, chosen=[moderator_id], meeting=meeting_id)
    return builder.as_markup()


def held_keyboard(t: Translator, meeting_id: int) -> InlineKeyboardMarkup:
    """Did it take place? "Yes" is the only way to the "meeting held" stage."""
    builder = InlineKeyboard()
    for held in (True, False):
        builder.button(
            text=t("followups-held-yes" if held else "followups-held-no"),
            callback_data=MeetingHeld(meeting=meeting_id, held=held),
        )
    builder.adjust(1)
    return builder.as_markup()


def answer_keyboard(t: Translator, meeting_id: int) -> InlineKeyboardMarkup:
    """Confirmed, corrections, no answer yet."""
    builder = InlineKeyboard()
    for answer in RecapAnswer:
        builder.button(
            text=t(f"followups-recap-button-{answer.value.replace('_', '-')}"),
            callback_data=RecapReply(meeting=meeting_id, answer=answer),
        )
    builder.adjust(1)
    return builder.as_markup()
