"""`presale-bot`: run, migrate, check, demo, playground and scenarios check."""

from __future__ import annotations

import argparse
import asyncio
import gc
import sys
from collections.abc import Sequence
from pathlib import Path

from bot.logs import setup_logging
from bot.settings import (
    EXIT_SETTINGS,
    DatabaseSettings,
    Settings,
    SettingsError,
    check_workers,
    load_settings,
    webhook_address,
)


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="presale-bot", description="Presale Desk: lead intake and presale coordination."
    )
    commands = parser.add_subparsers(dest="command", required=True)
    run = commands.add_parser("run", help="run the bot (long polling, or a webhook server)")
    run.add_argument(
        "--webhook", action="store_true", help="serve Telegram's webhook (same as MODE=webhook)"
    )
    commands.add_parser("migrate", help="bring the database schema up to date")
    commands.add_parser("check", help="check settings, database, scenarios and the token")
    commands.add_parser(
        "delete-webhook",
        help="stop Telegram posting to a webhook, so that the bot can poll (updates kept)",
    )
    commands.add_parser("demo", help="a scripted walk-through against a built-in emulator")
    playground = commands.add_parser(
        "playground", help="the whole team's Telegram in the browser, on a built-in emulator"
    )
    playground.add_argument("--host", default="127.0.0.1", help="address to listen on")
    playground.add_argument("--port", type=int, default=0, help="port (default: any free one)")
    scenarios = commands.add_parser("scenarios", help="work with scenario files")
    scenario_commands = scenarios.add_subparsers(dest="scenarios_command", required=True)
    check = scenario_commands.add_parser("check", help="validate every scenario file")
    check.add_argument("directory", nargs="?", type=Path, default=None)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the console script; returns the process exit code.

    The garbage collector is paused while the bot imports and starts: it would walk the
    hundreds of thousands of long-lived objects being made, several times over, for a
    sixth of the start-up. A long-running command resumes it once started
    (:func:`bot.runner.freeze_start_up_heap`); the others at the end.
    """
    gc.disable()
    args = _parser().parse_args(argv)
    try:
        return _dispatch(args)
    except SettingsError as error:
        print(f"presale-bot: {error}", file=sys.stderr)
        return EXIT_SETTINGS
    except KeyboardInterrupt:
        return 130
    finally:
        gc.enable()


def _dispatch(args: argparse.Namespace) -> int:
    if args.command == "scenarios":
        from bot.checks import print_scenario_problems

        return print_scenario_problems(args.directory)
    if args.command == "demo":
        from bot.demo import run_demo

        setup_logging("WARNING")
        return asyncio.run(run_demo())
    if args.command == "playground":
        from playground.run import run_playground

        setup_logging("ERROR")  # the visitor's terminal shows the address and real trouble
        return asyncio.run(run_playground(args.host, args.port))
    if args.command == "migrate":
        from storage.db import DatabaseUnreachableError
        from storage.migrate import upgrade_database

        db = load_settings(DatabaseSettings)
        setup_logging("INFO")
        try:
            asyncio.run(upgrade_database(db.database_url))
        except DatabaseUnreachableError as error:
            print(_unreachable(error), file=sys.stderr)
            return 1
        print("presale-bot: the database is up to date")
        return 0
    overrides = {"mode": "webhook"} if getattr(args, "webhook", False) else {}
    settings = load_settings(Settings, **overrides)
    if settings.mode == "webhook":
        webhook_address(settings)  # both settings present, or one line saying which is not
    check_workers(settings)
    setup_logging(settings.log_level, settings.log_format)
    if args.command == "check":
        from bot.checks import run_checks

        return asyncio.run(run_checks(settings))
    if args.command == "delete-webhook":
        from bot.checks import delete_webhook

        return asyncio.run(delete_webhook(settings))
    # aiogram takes seconds to import; `migrate` and `scenarios check` do without it.
    from bot.checks import scenario_problems_or_none

    problems = scenario_problems_or_none()
    if problems:
        print(problems, file=sys.stderr)
        return EXIT_SETTINGS
    if settings.workers == 1:
        return _serve(settings)
    import bot.runner  # noqa: F401  (once, before the fork: the workers share what it loads)
    from bot.workers import Supervisor

    port = settings.listen_port
    return Supervisor(
        settings.workers,
        lambda index: _serve(settings.model_copy(update={"listen_port": port + index})),
    ).run()


def _serve(settings: Settings) -> int:
    """One instance until it is told to stop; what went wrong as one line and an exit code."""
    from aiogram.exceptions import TelegramNetworkError, TelegramUnauthorizedError

    from bot.cluster.reach import RedisUnreachableError
    from bot.cluster.single_poller import AnotherPollerError
    from bot.polling import PollingConflictError, WebhookActiveError
    from bot.runner import run_bot
    from storage.db import DatabaseUnreachableError

    try:
        asyncio.run(run_bot(settings))
    except TelegramUnauthorizedError:
        print(
            "presale-bot: Telegram rejected BOT_TOKEN; check it with @BotFather", file=sys.stderr
        )
        return EXIT_SETTINGS
    except SettingsError as error:  # found only once Telegram was asked
        print(f"presale-bot: {error}", file=sys.stderr)
        return EXIT_SETTINGS
    except WebhookActiveError as error:
        print(
            f"presale-bot: Telegram posts this bot's updates to a webhook at {error.url}, and "
            "polling cannot run beside it; stop the deployment that set it and run "
            "`presale-bot delete-webhook`, or run in webhook mode",
            file=sys.stderr,
        )
        return EXIT_SETTINGS
    except PollingConflictError:
        print(
            "presale-bot: another process is already polling Telegram with this BOT_TOKEN; "
            "stop it first (only one may run)",
            file=sys.stderr,
        )
        return EXIT_SETTINGS
    except AnotherPollerError as error:
        print(
            f"presale-bot: another process already polls Telegram with this bot token ({error});"
            " stop it, or run several instances in webhook mode",
            file=sys.stderr,
        )
        return EXIT_SETTINGS
    except TelegramNetworkError as error:
        print(f"presale-bot: cannot reach {settings.telegram_api_url}: {error}", file=sys.stderr)
        return 1
    except DatabaseUnreachableError as error:
        print(_unreachable(error), file=sys.stderr)
        return 1
    except RedisUnreachableError as error:
        print(f"presale-bot: cannot reach Redis in REDIS_URL: {error}", file=sys.stderr)
        return 1
    return 0


def _unreachable(error: Exception) -> str:
    return f"presale-bot: cannot connect to the database in DATABASE_URL: {error}"


if __name__ == "__main__":
    raise SystemExit(main())
