"""``python -m emulator --port 8081``: serve the emulator for manual use."""

from __future__ import annotations

import argparse
import asyncio
import contextlib

from emulator.telegram import TelegramEmulator


async def _serve(host: str, port: int, rate_limits: bool) -> None:
    async with TelegramEmulator(host=host, port=port, rate_limits=rate_limits) as tg:
        tg.add_user(1001, "Demo", username="demo_user")
        print(f"Telegram Bot API emulator at {tg.base_url}", flush=True)
        print(f"bot token: {tg.bot_token} (@{tg.bot.username}); demo user id: 1001", flush=True)
        await asyncio.Event().wait()


def main() -> None:
    """Parse arguments and serve until interrupted."""
    parser = argparse.ArgumentParser(description="Telegram Bot API emulator")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8081)
    parser.add_argument("--no-rate-limits", action="store_true")
    args = parser.parse_args()
    with contextlib.suppress(KeyboardInterrupt):
        asyncio.run(_serve(args.host, args.port, not args.no_rate_limits))


if __name__ == "__main__":
    main()
