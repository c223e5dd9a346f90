"""HTTP front: Bot API routes, token check, planned failures and the call log."""

from __future__ import annotations

import asyncio
import json
from typing import Any

from aiohttp import web

from emulator.api import CANONICAL_NAMES, METHODS
from emulator.bots import EmBot
from emulator.errors import NOT_FOUND, UNAUTHORIZED, ApiError, too_many_requests
from emulator.faults import Fault, Faults
from emulator.models import CallRecord
from emulator.params import Params, read_params
from emulator.state import World

MAX_UPLOAD = 50 * 1024 * 1024
RESPONSE_LOST = "response lost"
"""The description logged for a call that took effect but whose answer was lost."""


def _chat_of(params: Params) -> int | None:
    """The numeric chat a call is aimed at, for faults planned for one chat."""
    value = params.values.get("chat_id")
    try:
        return int(value) if value is not None else None
    except (TypeError, ValueError):
        return None


def _json_response(status: int, body: dict[str, Any]) -> web.Response:
    return web.Response(
        status=status,
        body=json.dumps(body, ensure_ascii=False).encode("utf-8"),
        content_type="application/json",
    )


class ApiServer:
    """Answers ``/bot<token>/<method>`` and ``/file/bot<token>/<path>`` like api.telegram.org."""

    def __init__(self, world: World, faults: Faults, *, hold: float) -> None:
        self.world = world
        self.faults = faults
        self.hold = hold
        self.closing = asyncio.Event()
        self.released = asyncio.Event()
        """Set by a test to let every answer held by a ``slow`` fault go."""

    def build_app(self) -> web.Application:
        """The aiohttp application serving the Bot API."""
        app = web.Application(client_max_size=MAX_UPLOAD)
        app.router.add_route("*", "/bot{token}/{method}", self._handle_method)
        app.router.add_get("/file/bot{token}/{path:.+}", self._handle_file)
        return app

    async def _handle_method(self, request: web.Request) -> web.StreamResponse:
        bot = self.world.bots.get(request.match_info["token"])
        if bot is None:
            return _json_response(401, UNAUTHORIZED.payload())
        method = request.match_info["method"]
        try:
            params = await read_params(request)
        except ApiError as error:
            return _json_response(error.code, error.payload())
        fault = self.faults.take(method, _chat_of(params))
        if fault is not None:
            self.world.changed()  # a test may wait for a planned failure to fire
        if fault is not None and fault.kind == "timeout":
            await self._hold(fault)
        status, body = await self.call(bot, method, params, fault=fault)
        if fault is not None and fault.kind == "slow":
            await self._hold(fault, self.released)
        return _json_response(status, body)

    async def _hold(self, fault: Fault, *until: asyncio.Event) -> None:
        """Keep the request unanswered for ``hold``, or until the emulator stops or one of
        ``until`` is set (a test releasing what a ``slow`` fault holds)."""
        waits = [asyncio.ensure_future(event.wait()) for event in (self.closing, *until)]
        try:
            await asyncio.wait(
                waits, timeout=fault.hold or self.hold, return_when=asyncio.FIRST_COMPLETED
            )
        finally:
            for wait in waits:
                wait.cancel()

    async def call(
        self, bot: EmBot, method: str, params: Params, *, fault: Fault | None = None
    ) -> tuple[int, dict[str, Any]]:
        """Run one Bot API method, log it, and return the HTTP status and JSON body."""
        key = method.lower()
        name = CANONICAL_NAMES.get(key, method)
        record = CallRecord(
            method=name,
            params=params.printable(),
            ok=False,
            time=self.world.clock(),
            bot_id=bot.id,
        )
        try:
            if fault is not None and fault.kind not in ("lost", "slow"):
                raise self._fault_error(fault)
            handler = METHODS.get(key)
            if handler is None:
                raise NOT_FOUND
            result = await handler(self.world, bot, params)
        except ApiError as error:
            record.error_code = error.code
            record.description = error.description
            self._log(record)
            return error.code, error.payload()
        record.ok = True
        record.result = result
        if fault is not None and fault.kind == "lost":
            # The call took effect; only its answer never reaches the client.
            record.description = RESPONSE_LOST
            self._log(record)
            lost = ApiError(502, "Bad Gateway")
            return lost.code, lost.payload()
        self._log(record)
        return 200, {"ok": True, "result": result}

    @staticmethod
    def _fault_error(fault: Fault) -> ApiError:
        if fault.kind == "429":
            return too_many_requests(fault.retry_after)
        if fault.kind == "timeout":
            return ApiError(504, "Gateway Timeout")
        if fault.kind == "400":
            return ApiError(400, fault.description)
        return ApiError(500, "Internal Server Error")

    def _log(self, record: CallRecord) -> None:
        stats = self.world.stats
        stats.calls[record.method] += 1
        if record.error_code is not None:
            stats.errors[record.error_code] += 1
            if record.error_code == 429:
                stats.too_many_requests += 1
        self.world.calls.append(record)
        self.world.changed()

    async def _handle_file(self, request: web.Request) -> web.StreamResponse:
        if request.match_info["token"] not in self.world.bots:
            return _json_response(401, UNAUTHORIZED.payload())
        stored = self.world.files_by_path.get(request.match_info["path"])
        if stored is None or stored.content is None:
            return _json_response(404, NOT_FOUND.payload())
        return web.Response(
            body=stored.content, content_type=stored.mime_type or "application/octet-stream"
        )
