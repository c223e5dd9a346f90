"""/my: the author's own requests with their current stage, newest first, five a page."""

from __future__ import annotations

from aiogram import Router
from aiogram.filters import Command
from aiogram.filters.callback_data import CallbackData
from aiogram.types import CallbackQuery, InlineKeyboardMarkup, Message

from bot.i18n import Translator
from bot.keyboard import page_turns
from bot.services.view_buttons import open_buttons
from bot.settings import Settings
from domain.dates import zone
from scenarios.loader import ScenarioCatalog
from scenarios.schema import localized
from storage.models import Request, User
from storage.repositories.holder import Repositories

router = Router(name=__name__)

PAGE_SIZE = 5


class MyPage(CallbackData, prefix="my"):
    """A page of /my (0 is the newest)."""

    page: int


def _page_keyboard(
    page: int, pages: int, t: Translator, requests: list[Request]
) -> InlineKeyboardMarkup:
    """A button per request on the page, then Prev / Next when there is more than one page."""
    turns = page_turns(
        page=page,
        pages=pages,
        counter=t("common-page-counter", page=page + 1, pages=pages),
        back=t("my-button-prev"),
        forward=t("my-button-next"),
        turn=lambda target: MyPage(page=target),
    )
    return open_buttons(t, requests).attach(turns).as_markup()


def _line(request: Request, t: Translator, scenarios: ScenarioCatalog, tz: str) -> str:
    scenario = (
        localized(scenarios.get(request.scenario_id).title, t.locale)
        if request.scenario_id in scenarios
        else request.scenario_id
    )
    stage_key = f"my-stage-{request.stage.replace('_', '-')}"
    return t(
        "my-item",
        number=request.id,
        date=t.date(request.created_at.astimezone(zone(tz))),
        scenario=scenario,
        client=request.client_name or "—",
        stage=t(stage_key) if t.has(stage_key) else request.stage,
        priority=request.priority,
    )


async def _render(
    page: int,
    *,
    repo: Repositories,
    user: User,
    t: Translator,
    scenarios: ScenarioCatalog,
    settings: Settings,
) -> tuple[str, InlineKeyboardMarkup | None]:
    total = await repo.request_lists.count_by_author(user.id)
    if total == 0:
        return t("my-empty"), None
    pages = (total + PAGE_SIZE - 1) // PAGE_SIZE
    page = min(max(page, 0), pages - 1)
    requests = await repo.request_lists.by_author(
        user.id, offset=page * PAGE_SIZE, limit=PAGE_SIZE
    )
    tz = user.time_zone or settings.timezone
    lines = [t("my-head", total=total, page=page + 1, pages=pages)]
    lines.extend(_line(request, t, scenarios, tz) for request in requests)
    return "\n\n".join(lines), _page_keyboard(page, pages, t, requests)


@router.message(Command("my"))
async def my_requests(
    message: Message,
    repo: Repositories,
    user: User,
    t: Translator,
    scenarios: ScenarioCatalog,
    settings: Settings,
) -> None:
    """The first page of the author's requests."""
    text, markup = await _render(
        0, repo=repo, user=user, t=t, scenarios=scenarios, settings=settings
    )
    await message.answer(text, reply_markup=markup)


@router.callback_query(MyPage.filter())
async def my_requests_page(
    query: CallbackQuery,
    callback_data: MyPage,
    repo: Repositories,
    user: User,
    t: Translator,
    scenarios: ScenarioCatalog,
    settings: Settings,
) -> None:
    """Prev / Next: the same message shows another page."""
    text, markup = await _render(
        callback_data.page, repo=repo, user=user, t=t, scenarios=scenarios, settings=settings
    )
    if isinstance(query.message, Message):
        await query.message.edit_text(text, reply_markup=markup)
