"""What leaves the bot besides Telegram messages: signed webhooks and CRM pushes, built
from settings, with the planner that turns the bot's events into deliveries."""

from __future__ import annotations

from redis.asyncio import Redis
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.cluster.buckets import SharedRate
from bot.i18n import I18n
from bot.metrics import Metrics
from bot.reminders.windows import WorkingWindows
from bot.sending.outbox import Outbox
from bot.settings import Settings
from domain.clock import Clock
from integrations.crm.amocrm import AmoCrm
from integrations.crm.base import CrmClient
from integrations.crm.bitrix24 import Bitrix24
from integrations.crm.transport import CrmTransport
from integrations.endpoints import load_endpoints
from integrations.planner import CREATE_ON, WEBHOOK, DeliveryPlanner
from integrations.webhooks import WebhookTransport
from integrations.worker import DeliveryWorker, Transport
from scenarios.loader import ScenarioCatalog
from storage.repositories.events import add_event_sink
from storage.write_turn import TurnSessions, WriteTurn


def connected_crms(settings: Settings, redis: Redis | None = None) -> list[CrmClient]:
    """The CRMs whose credentials are set; a form's mapping decides which it pushes to.

    A CRM limits the account's calls, whichever instance makes them: with ``redis`` the
    instances share one rate per CRM, as they share Telegram's limits; without, each
    client paces its own process.
    """

    def rate(name: str, burst: float, per_second: float) -> SharedRate | None:
        if redis is None:
            return None
        key = f"{settings.redis_prefix}:crm:{name}"
        return SharedRate(redis, key=key, burst=burst, per_second=per_second)

    crms: list[CrmClient] = []
    if settings.amocrm_url and settings.amocrm_token:
        crms.append(
            AmoCrm(
                base_url=settings.amocrm_url,
                token=settings.amocrm_token.get_secret_value(),
                rate=rate(AmoCrm.name, AmoCrm.burst, AmoCrm.per_second),
            )
        )
    if settings.bitrix24_webhook_url:
        crms.append(
            Bitrix24(
                webhook_url=settings.bitrix24_webhook_url.get_secret_value(),
                rate=rate(Bitrix24.name, Bitrix24.burst, Bitrix24.per_second),
            )
        )
    return crms


def create_deliveries(
    *,
    settings: Settings,
    session_factory: async_sessionmaker[AsyncSession],
    write_turn: WriteTurn,
    clock: Clock,
    i18n: I18n,
    outbox: Outbox,
    windows: WorkingWindows,
    scenarios: ScenarioCatalog,
    metrics: Metrics,
    redis: Redis | None,
    owner: str,
) -> DeliveryWorker:
    """The delivery worker, and the planner that hears every event its sessions log.

    Each attempt's result is counted in ``metrics``; ``redis`` shares the CRMs' rates; the
    admins hear of receivers' trouble in their working hours (``windows``).
    """
    endpoints = load_endpoints(settings.webhooks_file)
    sessions = TurnSessions(session_factory, write_turn)
    crms = connected_crms(settings, redis)
    transports: dict[str, Transport] = {WEBHOOK: WebhookTransport(endpoints)}
    for crm in crms:
        transports[crm.name] = CrmTransport(
            crm,
            session_factory=sessions,
            scenarios=scenarios,
            t=i18n.get(settings.default_locale),
            zone=settings.zone,
        )
    worker = DeliveryWorker(
        session_factory=sessions,
        clock=clock,
        transports=transports,
        outbox=outbox,
        i18n=i18n,
        admin_ids=settings.admin_ids,
        windows=windows,
        timeout=settings.webhooks_timeout,
        metrics=metrics,
        owner=owner,
    )
    planner = DeliveryPlanner(
        endpoints=endpoints,
        clock=clock,
        notify=worker.notify,
        scenarios=scenarios,
        crms=frozenset(crm.name for crm in crms),
        create_on=CREATE_ON[settings.crm_create_on],
    )
    add_event_sink(session_factory, planner)
    return worker
