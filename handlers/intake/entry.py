"""Starting and resuming a request: /new, /start (with a form's id), the form picker.

This router sits before the /start greeting, so a user with an open draft is offered to
continue or discard it instead of being greeted as if nothing was going on.
"""

from __future__ import annotations

from aiogram import Router
from aiogram.dispatcher.event.bases import SkipHandler
from aiogram.filters import Command, CommandObject, CommandStart, StateFilter
from aiogram.types import CallbackQuery, Message
from aiogram.utils.callback_answer import CallbackAnswer

from bot.services.access import has_access
from bot.settings import Settings
from domain.flow import next_field
from handlers.intake.callbacks import (
    DraftAct,
    DraftButton,
    NewRequestButton,
    ScenarioButton,
)
from handlers.intake.context import Dialog, offer_taken
from handlers.intake.draft import Draft
from handlers.intake.keyboards import draft_keyboard, scenario_picker
from handlers.intake.screens import (
    Screen,
    ask,
    discard,
    drop_quietly,
    show_current,
    show_summary,
)
from handlers.intake.states import DRAFT_STATES, Intake
from scenarios.loader import ScenarioCatalog
from scenarios.schema import Scenario, localized

router = Router(name=__name__)


async def start_scenario(screen: Screen, scenario: Scenario) -> None:
    """A fresh draft of ``scenario``, at its first question."""
    await screen.state.clear()
    draft = Draft(scenario_id=scenario.id, scenario_version=scenario.version)
    first = next_field(scenario, draft.values())
    if first is None:  # a form whose every field is conditional on nothing shown
        await show_summary(screen, scenario, draft)
        return
    await screen.bot.send_message(
        screen.chat_id,
        screen.t(
            "intake-started",
            scenario=localized(scenario.title, screen.t.locale),
            description=localized(scenario.description, screen.t.locale),
        ),
    )
    await ask(screen, scenario, draft, first)


async def offer_scenarios(screen: Screen, scenarios: ScenarioCatalog) -> None:
    """Go straight into the only form, or let the user pick one."""
    forms = scenarios.all()
    if len(forms) == 1:
        await start_scenario(screen, forms[0])
        return
    await screen.state.clear()
    await screen.state.set_state(Intake.choosing)
    await screen.bot.send_message(
        screen.chat_id, screen.t("intake-choose"), reply_markup=scenario_picker(forms, screen.t)
    )


async def offer_draft(screen: Screen, dialog: Dialog, then_scenario: str = "") -> None:
    """Say a draft is open and offer to continue or discard it."""
    t = screen.t
    await screen.bot.send_message(
        screen.chat_id,
        t(
            "intake-draft-open",
            scenario=localized(dialog.scenario.title, t.locale),
            answered=len(dialog.draft.answers),
        ),
        reply_markup=draft_keyboard(dialog.draft, t, then_scenario),
    )


async def draft_stays(screen: Screen, dialog: Dialog | None, scenario_id: str) -> bool:
    """A form chosen (in the picker or by its deep link) while a draft is open: true when
    the draft stays, so the form is not started.

    A draft holding input is offered to continue or discard. One holding nothing would
    make that a choice between equals: the same form chosen again (a double tap, a link
    opened twice) goes on with it, another form replaces it without a word.
    """
    if dialog is None or await screen.state.get_state() not in _draft_state_names():
        return False
    if dialog.draft.holds_input():
        await offer_draft(screen, dialog, scenario_id)
        return True
    if dialog.scenario.id == scenario_id:
        await show_current(screen, dialog.scenario, dialog.draft)
        return True
    await drop_quietly(screen, dialog.draft)
    return False


async def closed_to(screen: Screen, settings: Settings) -> bool:
    """In company mode, someone without a role is told how to get access, and stops here."""
    if await has_access(screen.repo, settings, screen.user_id):
        return False
    await screen.bot.send_message(screen.chat_id, screen.t("access-closed"))
    return True


@router.message(CommandStart(deep_link=True))
async def start_with_form(
    message: Message,
    command: CommandObject,
    screen: Screen,
    dialog: Dialog | None,
    scenarios: ScenarioCatalog,
    settings: Settings,
) -> None:
    """``t.me/<bot>?start=<form id>`` opens that form directly."""
    scenario_id = (command.args or "").strip()
    if scenario_id not in scenarios:
        raise SkipHandler
    if await closed_to(screen, settings):
        return
    if await draft_stays(screen, dialog, scenario_id):
        return
    await start_scenario(screen, scenarios.get(scenario_id))


@router.message(CommandStart(), StateFilter(*DRAFT_STATES))
async def start_with_draft_open(
    message: Message, screen: Screen, dialog: Dialog | None, scenarios: ScenarioCatalog
) -> None:
    """/start while a request is being filled in: continue or discard it; a draft that
    holds nothing yet is dropped, and the greeting follows as if there were none."""
    if dialog is None:
        await screen.state.clear()
        raise SkipHandler
    if not dialog.draft.holds_input():
        await drop_quietly(screen, dialog.draft)
        raise SkipHandler
    await offer_draft(screen, dialog)


@router.message(CommandStart(), Intake.choosing)
async def start_while_choosing(message: Message, screen: Screen) -> None:
    """/start in the form picker: nothing to keep, so just greet."""
    await screen.state.clear()
    raise SkipHandler


@router.message(Command("new"))
async def new_request(
    message: Message,
    screen: Screen,
    dialog: Dialog | None,
    scenarios: ScenarioCatalog,
    settings: Settings,
) -> None:
    """/new: a form to fill in, unless a draft is open."""
    await _new(screen, dialog, scenarios, settings)


@router.callback_query(NewRequestButton.filter())
async def new_request_button(
    query: CallbackQuery,
    screen: Screen,
    dialog: Dialog | None,
    scenarios: ScenarioCatalog,
    settings: Settings,
) -> None:
    """The "new request" button under the greeting: the same as /new."""
    await _new(screen, dialog, scenarios, settings)


async def _new(
    screen: Screen, dialog: Dialog | None, scenarios: ScenarioCatalog, settings: Settings
) -> None:
    if await closed_to(screen, settings):
        return
    if dialog is not None and await screen.state.get_state() in _draft_state_names():
        if dialog.draft.holds_input():
            await offer_draft(screen, dialog)
            return
        await drop_quietly(screen, dialog.draft)
    await offer_scenarios(screen, scenarios)


@router.callback_query(ScenarioButton.filter())
async def scenario_chosen(
    query: CallbackQuery,
    callback_data: ScenarioButton,
    callback_answer: CallbackAnswer,
    screen: Screen,
    dialog: Dialog | None,
    scenarios: ScenarioCatalog,
    settings: Settings,
) -> None:
    """A form picked from the list, unless a draft open meanwhile stays (see `draft_stays`)."""
    if await closed_to(screen, settings):
        return
    if callback_data.scenario not in scenarios:
        callback_answer.text = screen.t("intake-stale-button")
        callback_answer.show_alert = True
        return
    if await draft_stays(screen, dialog, callback_data.scenario):
        return
    if isinstance(query.message, Message):
        await query.message.edit_reply_markup(reply_markup=None)
    await start_scenario(screen, scenarios.get(callback_data.scenario))


@router.callback_query(DraftButton.filter())
async def draft_decision(
    query: CallbackQuery,
    callback_data: DraftButton,
    callback_answer: CallbackAnswer,
    screen: Screen,
    dialog: Dialog | None,
    scenarios: ScenarioCatalog,
) -> None:
    """Continue the open draft where it stopped, or discard it; an offer made for another
    draft (one discarded since) changes nothing."""
    dialog = await offer_taken(query, callback_answer, screen, dialog, callback_data.draft)
    if dialog is None:
        return
    if callback_data.act is DraftAct.CONTINUE:
        await show_current(screen, dialog.scenario, dialog.draft)
        return
    await discard(screen, dialog.draft, screen.t("intake-discarded"))
    if callback_data.scenario in scenarios:
        await start_scenario(screen, scenarios.get(callback_data.scenario))
    else:
        await offer_scenarios(screen, scenarios)


def _draft_state_names() -> set[str | None]:
    return {state.state for state in DRAFT_STATES}
