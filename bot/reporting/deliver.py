"""Sending a composed report: the text, the tables as a rich message, the charts as one album."""

from __future__ import annotations

import asyncio

from aiogram import Bot
from aiogram.types import BufferedInputFile, InputMediaPhoto

from bot.reporting.charts import Chart, draw
from bot.reporting.compose import Composed


async def draw_all(charts: list[Chart]) -> list[bytes]:
    """Every chart as PNG, drawn in a worker thread so other updates keep being handled."""
    return await asyncio.to_thread(lambda: [draw(chart) for chart in charts])


async def send_report(
    bot: Bot, chat_id: int, composed: Composed, *, thread_id: int | None = None
) -> None:
    """Text first (the numbers), then the tables, then the charts as one media group."""
    images = await draw_all(composed.charts)
    await bot.send_message(chat_id, composed.text, message_thread_id=thread_id)
    await bot.send_rich_message(
        chat_id=chat_id, rich_message=composed.tables, message_thread_id=thread_id
    )
    await bot.send_media_group(
        chat_id,
        [
            InputMediaPhoto(media=BufferedInputFile(image, filename=f"report-{index}.png"))
            for index, image in enumerate(images, start=1)
        ],
        message_thread_id=thread_id,
    )
