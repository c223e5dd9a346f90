"""Builds the whole bot from settings: every part made once and handed to those that use it.

Nothing is created at import time; tests build as many bots as they need, each with its
own settings and clock.
"""

from __future__ import annotations

import os
import socket
import uuid

from aiogram.fsm.storage.memory import SimpleEventIsolation
from aiogram.fsm.storage.redis import RedisStorage

from bot.app import App
from bot.dispatcher import create_bot, create_dispatcher
from bot.i18n import I18n
from bot.metrics import Metrics
from bot.outgoing import create_deliveries
from bot.reminders.wiring import build_timed_work
from bot.reporting.export import Exports
from bot.services.card_posting import CardPosting
from bot.services.team_group import TeamGroup
from bot.settings import Settings
from domain.clock import Clock, SystemClock
from handlers import build_reminder_kinds
from scenarios.loader import ScenarioCatalog, load_scenarios
from storage.db import create_engine, create_session_factory
from storage.fsm import create_fsm_storage
from storage.write_turn import TurnSessions, WriteTurn


def instance_name() -> str:
    """Host, process id and a random tail: unique even when a container reuses a pid."""
    return f"{socket.gethostname()[:32]}-{os.getpid()}-{uuid.uuid4().hex[:8]}"


def create_app(
    settings: Settings, *, clock: Clock | None = None, scenarios: ScenarioCatalog | None = None
) -> App:
    """Assemble a bot; the caller migrates the database and starts polling.

    ``scenarios`` replaces the shipped forms: a story about a kind of question no shipped
    form asks brings a form of its own.
    """
    engine = create_engine(
        settings.database_url,
        idle_transaction_seconds=settings.idle_transaction_seconds,
        statement_seconds=settings.statement_seconds,
    )
    session_factory = create_session_factory(engine)
    write_turn = WriteTurn(single_writer=engine.dialect.name == "sqlite")
    storage = create_fsm_storage(
        settings.redis_url, session_factory, prefix=f"{settings.redis_prefix}:fsm"
    )
    # One chat's updates are already handled one at a time: by the one poller, or, with
    # several instances, by whichever holds the chat's turn (bot/cluster/turns.py). aiogram's
    # own lock stays in-process: in Redis, a lock held by an instance killed with -9 would
    # block its chat for a minute.
    isolation = SimpleEventIsolation()
    metrics = Metrics()
    i18n = I18n(settings.default_locale)
    clock = clock or SystemClock()
    scenarios = load_scenarios() if scenarios is None else scenarios
    team_group = TeamGroup(settings.team_chat_id, clock)
    shared = storage.redis if isinstance(storage, RedisStorage) else None
    bot = create_bot(settings, metrics, shared)
    job_sessions = TurnSessions(session_factory, write_turn)
    instance = instance_name()
    timed = build_timed_work(
        bot=bot,
        settings=settings,
        session_factory=job_sessions,
        clock=clock,
        i18n=i18n,
        kinds=build_reminder_kinds(scenarios),
        owner=instance,
    )
    deliveries = create_deliveries(
        settings=settings,
        session_factory=session_factory,
        write_turn=write_turn,
        clock=clock,
        i18n=i18n,
        outbox=timed.outbox,
        windows=timed.reminders.windows,
        scenarios=scenarios,
        metrics=metrics,
        redis=shared,
        owner=instance,
    )
    exports = Exports(bot=bot, database_url=settings.database_url, scenarios=scenarios)
    card_posting = CardPosting(
        bot=bot,
        session_factory=job_sessions,
        clock=clock,
        i18n=i18n,
        settings=settings,
        scenarios=scenarios,
        group=team_group,
        outbox=timed.outbox,
    )
    dispatcher = create_dispatcher(
        settings=settings,
        session_factory=session_factory,
        write_turn=write_turn,
        storage=storage,
        isolation=isolation,
        i18n=i18n,
        clock=clock,
        scenarios=scenarios,
        team_group=team_group,
        outbox=timed.outbox,
        reminders=timed.reminders,
        deliveries=deliveries,
        exports=exports,
        post_cards=card_posting.notify,
        metrics=metrics,
    )
    return App(
        settings=settings,
        bot=bot,
        dispatcher=dispatcher,
        engine=engine,
        session_factory=session_factory,
        write_turn=write_turn,
        i18n=i18n,
        clock=clock,
        fsm_storage=storage,
        scenarios=scenarios,
        team_group=team_group,
        sender=timed.sender,
        outbox=timed.outbox,
        reminders=timed.reminders,
        deliveries=deliveries,
        exports=exports,
        card_posting=card_posting,
        metrics=metrics,
        instance=instance,
    )
