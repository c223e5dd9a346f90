"""The baseline: a bare aiogram bot with one handler that echoes text, nothing else.

``python -m bench.echo_bot`` reads ``BOT_TOKEN`` and ``TELEGRAM_API_URL`` from the
environment and polls with aiogram's own ``Dispatcher.start_polling``.
"""

from __future__ import annotations

import asyncio
import os

from aiogram import Bot, Dispatcher, F, Router
from aiogram.client.session.aiohttp import AiohttpSession
from aiogram.client.telegram import TelegramAPIServer
from aiogram.types import Message


def build_router() -> Router:
    router = Router(name=__name__)

    @router.message(F.text)
    async def echo(message: Message) -> None:
        """Say the same text back."""
        await message.answer(message.text or "")

    return router


async def main() -> None:
    session = AiohttpSession(api=TelegramAPIServer.from_base(os.environ["TELEGRAM_API_URL"]))
    bot = Bot(os.environ["BOT_TOKEN"], session=session)
    dispatcher = Dispatcher()
    dispatcher.include_router(build_router())
    await dispatcher.start_polling(bot, polling_timeout=5)


if __name__ == "__main__":
    asyncio.run(main())
