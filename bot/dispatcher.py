"""The aiogram Bot and Dispatcher: Telegram's client with its limits, and the routers
behind the middlewares every update passes through, in the order they must run."""

from __future__ import annotations

from collections.abc import Callable

from aiogram import Bot, Dispatcher
from aiogram.client.default import DefaultBotProperties
from aiogram.client.telegram import TelegramAPIServer
from aiogram.enums import ParseMode
from aiogram.fsm.storage.base import BaseEventIsolation, BaseStorage
from redis.asyncio import Redis
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.cluster.send_limits import SharedLimits, SharedSendGate, SharedSendLimits
from bot.i18n import I18n
from bot.metrics import Metrics, SendMetrics, UpdateMetrics
from bot.middlewares.callbacks import AnswerOnce
from bot.middlewares.clean_input import CleanInputMiddleware
from bot.middlewares.context import UserContextMiddleware
from bot.middlewares.database import DatabaseMiddleware
from bot.reminders.engine import ReminderEngine
from bot.reporting.export import Exports
from bot.sending.outbox import Outbox
from bot.sending.replay import Replay
from bot.services.desk import DeskMiddleware
from bot.services.team_group import TeamGroup
from bot.session import BotSession, TelegramRetry
from bot.settings import Settings
from bot.telegram_types import hot_methods
from domain.clock import Clock
from handlers import get_routers
from handlers.errors import queue_apology
from handlers.tree import check_inline
from integrations.worker import DeliveryWorker
from scenarios.loader import ScenarioCatalog
from storage.write_turn import WriteTurn


def create_bot(
    settings: Settings, metrics: Metrics | None = None, redis: Redis | None = None
) -> Bot:
    """A bot speaking HTML by default, pointed at Telegram or at the emulator.

    With ``redis`` every message waits for Telegram's limits shared by all instances.
    """
    session = BotSession(api=TelegramAPIServer.from_base(settings.telegram_api_url))
    session.build_response_types(hot_methods())
    session.middleware(Replay())  # outermost: a call answered from the journal is not made
    session.middleware(TelegramRetry())
    if redis is not None and settings.shared_send_limits:
        limits = SharedLimits(per_second=settings.send_per_second)
        gate = SharedSendGate(redis, prefix=settings.redis_prefix, limits=limits)
        session.middleware(SharedSendLimits(gate))
    if metrics is not None:
        session.middleware(SendMetrics(metrics))  # innermost: sees every call, retries too
    return Bot(
        token=settings.bot_token.get_secret_value(),
        session=session,
        default=DefaultBotProperties(parse_mode=ParseMode.HTML, link_preview_is_disabled=True),
    )


def create_dispatcher(
    *,
    settings: Settings,
    session_factory: async_sessionmaker[AsyncSession],
    write_turn: WriteTurn,
    storage: BaseStorage,
    isolation: BaseEventIsolation,
    i18n: I18n,
    clock: Clock,
    scenarios: ScenarioCatalog,
    team_group: TeamGroup,
    outbox: Outbox,
    reminders: ReminderEngine,
    deliveries: DeliveryWorker,
    exports: Exports,
    post_cards: Callable[[int], None],
    metrics: Metrics,
) -> Dispatcher:
    """Routers, middlewares and the objects handlers receive by name."""
    dispatcher = Dispatcher(
        storage=storage,
        events_isolation=isolation,
        disable_fsm=True,  # registered below, inside the update's database session
        settings=settings,
        i18n=i18n,
        clock=clock,
        scenarios=scenarios,
        team_group=team_group,
        outbox=outbox,
        reminders=reminders,
        deliveries=deliveries,
        exports=exports,
        post_cards=post_cards,
    )
    dispatcher.update.outer_middleware(CleanInputMiddleware())
    dispatcher.update.outer_middleware(UpdateMetrics(metrics))
    dispatcher.update.outer_middleware(
        DatabaseMiddleware(session_factory, write_turn, clock, on_failure=queue_apology)
    )
    # aiogram reads the dialog state before the handler runs; inside the session it is
    # the same read the handler's own state calls then reuse, not a transaction of its own.
    dispatcher.update.outer_middleware(dispatcher.fsm)
    dispatcher.update.outer_middleware(UserContextMiddleware(i18n, settings.admin_ids))
    dispatcher.update.outer_middleware(DeskMiddleware())
    dispatcher.callback_query.middleware(AnswerOnce())
    dispatcher.include_routers(*get_routers())
    check_inline(dispatcher)
    return dispatcher
