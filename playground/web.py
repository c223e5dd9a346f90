"""The page's routes on the emulator's server: the static page, its live feed and its actions."""

from __future__ import annotations

import asyncio
import json
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

from aiohttp import web

from emulator import TelegramEmulator
from playground.actions import ActionError, Actions
from playground.feed import Feed, encode
from playground.tours import Tours

STATIC = Path(__file__).resolve().parent / "static"
KEEPALIVE = 15.0
"""A comment line this often keeps proxies and the browser from closing a quiet stream."""

Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]


def _problem(code: str, detail: str, status: int = 400) -> web.Response:
    """The page shows its own words for ``code``; ``detail`` is for whoever reads the HTTP."""
    return web.json_response({"error": code, "detail": detail}, status=status)


def _guarded(handler: Handler) -> Handler:
    """Bad input from the page is answered with 400 and a reason, never a server error."""

    async def guarded(request: web.Request) -> web.StreamResponse:
        try:
            return await handler(request)
        except ActionError as error:
            return _problem(error.code, str(error))
        except (KeyError, TypeError, ValueError) as error:
            return _problem("bad_request", f"{type(error).__name__}: {error}")

    return guarded


async def _json(request: web.Request) -> dict[str, Any]:
    try:
        body = await request.json()
    except json.JSONDecodeError as error:
        raise ActionError("bad_request", "the body is not JSON") from error
    if not isinstance(body, dict):
        raise ActionError("bad_request", "the body must be a JSON object")
    return body


def _thread(value: Any) -> int | None:
    return None if value in (None, "") else int(value)


class PageRoutes:
    """Mounted on the emulator's aiohttp application, beside the Bot API."""

    def __init__(self, tg: TelegramEmulator, feed: Feed, actions: Actions, tours: Tours) -> None:
        self.tg = tg
        self.feed = feed
        self.actions = actions
        self.tours = tours

    def mount(self, app: web.Application) -> None:
        """Add the page's routes; the Bot API's own paths are left as they are."""
        app.router.add_get("/", self._index)
        app.router.add_static("/playground/static/", STATIC)
        app.router.add_get("/playground/events", self._events)
        app.router.add_get("/playground/file/{file_id}", self._file)
        app.router.add_post("/playground/send", _guarded(self._send))
        app.router.add_post("/playground/press", _guarded(self._press))
        app.router.add_post("/playground/contact", _guarded(self._contact))
        app.router.add_post("/playground/attach", _guarded(self._attach))
        app.router.add_post("/playground/time", _guarded(self._time))
        app.router.add_post("/playground/tour", _guarded(self._tour))

    async def _index(self, request: web.Request) -> web.StreamResponse:
        return web.FileResponse(STATIC / "index.html", headers={"Cache-Control": "no-store"})

    async def _events(self, request: web.Request) -> web.StreamResponse:
        response = web.StreamResponse(
            headers={"Content-Type": "text/event-stream", "Cache-Control": "no-store"}
        )
        await response.prepare(request)
        queue = self.feed.subscribe()
        try:
            while True:
                try:
                    async with asyncio.timeout(KEEPALIVE):
                        event = await queue.get()
                except TimeoutError:
                    await response.write(b": keep-alive\n\n")
                    continue
                if event is None:
                    break
                await response.write(encode(*event))
        except ConnectionResetError:
            pass
        finally:
            self.feed.unsubscribe(queue)
        return response

    async def _file(self, request: web.Request) -> web.StreamResponse:
        stored = self.tg.world.files.get(request.match_info["file_id"])
        if stored is None or stored.content is None:
            return _problem("no_file", "no such file", 404)
        disposition = "inline" if (stored.mime_type or "").startswith("image/") else "attachment"
        name = (stored.file_name or "file").replace('"', "")
        return web.Response(
            body=stored.content,
            content_type=stored.mime_type or "application/octet-stream",
            headers={"Content-Disposition": f'{disposition}; filename="{name}"'},
        )

    async def _send(self, request: web.Request) -> web.StreamResponse:
        body = await _json(request)
        await self.actions.send_text(
            int(body["user"]),
            int(body["chat"]),
            str(body["text"]),
            thread_id=_thread(body.get("thread")),
        )
        return web.json_response({"ok": True})

    async def _press(self, request: web.Request) -> web.StreamResponse:
        body = await _json(request)
        self.actions.press(
            int(body["user"]), int(body["chat"]), int(body["message"]), str(body["data"])
        )
        return web.json_response({"ok": True})

    async def _contact(self, request: web.Request) -> web.StreamResponse:
        body = await _json(request)
        await self.actions.share_contact(int(body["user"]))
        return web.json_response({"ok": True})

    async def _attach(self, request: web.Request) -> web.StreamResponse:
        form = await request.post()
        upload = form.get("file")
        if not isinstance(upload, web.FileField):
            raise ActionError("bad_request", "no file in the form")
        await self.actions.attach(
            int(str(form["user"])),
            int(str(form["chat"])),
            upload.filename or "file",
            upload.file.read(),
            thread_id=_thread(form.get("thread")),
        )
        return web.json_response({"ok": True})

    async def _time(self, request: web.Request) -> web.StreamResponse:
        body = await _json(request)
        moment = self.actions.travel(str(body["move"]))
        return web.json_response({"now": moment.timestamp()})

    async def _tour(self, request: web.Request) -> web.StreamResponse:
        body = await _json(request)
        command = str(body["command"])
        if command == "start":
            self.tours.start(str(body["tour"]))
        elif command == "next":
            self.tours.next()
        elif command == "finish":
            self.tours.finish()
        elif command == "stop":
            await self.tours.stop()
        else:
            raise ActionError("bad_request", f"unknown tour command {command!r}")
        return web.json_response({"ok": True})
