"""One small aiohttp server: the webhook (in webhook mode), health checks and metrics.

``/healthz`` answers while the process runs; ``/readyz`` answers 200 only while the
database, Redis (when configured) and the background jobs work, so a load balancer
stops sending updates to an instance that cannot handle them; ``/metrics`` is the
Prometheus text format. In polling mode the same server runs on ``HEALTH_PORT`` when
that is set, without the webhook.
"""

from __future__ import annotations

import asyncio
import json
import logging
from collections.abc import Callable
from datetime import timedelta

from aiohttp import web
from prometheus_client import CONTENT_TYPE_LATEST
from redis.asyncio import Redis
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker

from bot.metrics import Metrics
from bot.web.health import CHECK_TIMEOUT, readiness
from bot.web.webhook import WebhookIntake
from domain.clock import Clock
from storage.repositories.holder import Repositories

logger = logging.getLogger(__name__)

LATE_AFTER_SECONDS = 60


class WebServer:
    """Builds the routes, listens, and stops; ``port`` is the one actually bound."""

    def __init__(
        self,
        *,
        engine: AsyncEngine,
        session_factory: async_sessionmaker[AsyncSession],
        clock: Clock,
        redis: Redis | None,
        metrics: Metrics,
        jobs_running: Callable[[], bool],
        webhook: tuple[str, WebhookIntake] | None = None,
    ) -> None:
        self._engine = engine
        self._session_factory = session_factory
        self._clock = clock
        self._redis = redis
        self._metrics = metrics
        self._jobs_running = jobs_running
        self._webhook = webhook
        self._runner: web.AppRunner | None = None
        self.port = 0

    def build(self) -> web.Application:
        """The aiohttp application with every route of this instance."""
        application = web.Application()
        application.router.add_get("/healthz", self._healthz)
        application.router.add_get("/readyz", self._readyz)
        application.router.add_get("/metrics", self._metrics_page)
        if self._webhook is not None:
            path, intake = self._webhook
            application.router.add_post(path, intake.receive)
        return application

    async def start(self, host: str, port: int) -> None:
        """Listen on ``host:port`` (port 0: any free one, see ``self.port``)."""
        runner = web.AppRunner(self.build(), access_log=None, shutdown_timeout=5.0)
        await runner.setup()
        await web.TCPSite(runner, host, port).start()
        self._runner = runner
        self.port = int(runner.addresses[0][1])
        logger.info("event=web.listening host=%s port=%s", host, self.port)

    async def stop(self) -> None:
        """Stop accepting requests; the ones being answered finish first."""
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None

    async def _healthz(self, _request: web.Request) -> web.Response:
        return web.Response(text="ok")

    async def _readyz(self, _request: web.Request) -> web.Response:
        state = await readiness(
            engine=self._engine, redis=self._redis, jobs_running=self._jobs_running
        )
        return web.Response(
            status=200 if state.ready else 503,
            text=json.dumps(state.checks),
            content_type="application/json",
        )

    async def _metrics_page(self, _request: web.Request) -> web.Response:
        try:
            async with asyncio.timeout(CHECK_TIMEOUT), self._session_factory() as session:
                backlog = await Repositories(session, clock=self._clock).backlog.measure(
                    late_after=timedelta(seconds=LATE_AFTER_SECONDS)
                )
            self._metrics.show_backlog(backlog)
        except Exception as error:  # the counters are still worth showing
            logger.warning("event=metrics.backlog_failed error=%s", type(error).__name__)
        return web.Response(
            body=self._metrics.render(), headers={"Content-Type": CONTENT_TYPE_LATEST}
        )
