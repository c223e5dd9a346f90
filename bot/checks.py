"""What `presale-bot check` and `presale-bot scenarios check` verify before a start."""

from __future__ import annotations

import sys
from pathlib import Path

from bot.settings import Settings
from scenarios.loader import check_scenarios
from storage.migrate import check_database


def scenario_problems_or_none(directory: Path | None = None) -> str | None:
    """All scenario problems as lines `file: field: problem`, or None when all are valid."""
    problems = check_scenarios(directory)
    if not problems:
        return None
    return "\n".join(f"{p.file}: {p.field or '-'}: {p.message}" for p in problems)


def print_scenario_problems(directory: Path | None) -> int:
    """`scenarios check`: exit 0 when every file is valid, 1 with the problems otherwise."""
    problems = scenario_problems_or_none(directory)
    if problems:
        print(problems, file=sys.stderr)
        return 1
    print("presale-bot: every scenario file is valid")
    return 0


async def run_checks(settings: Settings) -> int:
    """Settings were already validated; check the database, the scenarios and the token."""
    from aiogram.exceptions import TelegramAPIError, TelegramNetworkError

    from bot.app import create_bot
    from integrations.endpoints import EndpointsError, load_endpoints

    failures = 0
    print("ok    settings")
    problem = await check_database(settings.database_url)
    if problem:
        failures += 1
        print(f"FAIL  database: {problem}")
    else:
        print("ok    database")
    scenario_problems = scenario_problems_or_none()
    if scenario_problems:
        failures += 1
        print("FAIL  scenarios:\n" + scenario_problems)
    else:
        print("ok    scenarios")
    try:
        endpoints = load_endpoints(settings.webhooks_file)
        print(f"ok    webhooks: {len(endpoints)} endpoint(s)")
    except EndpointsError as error:
        failures += 1
        print(f"FAIL  webhooks: {error}")
    bot = create_bot(settings)
    try:
        me = await bot.get_me()
        print(f"ok    token: @{me.username}")
    except (TelegramAPIError, TelegramNetworkError) as error:
        failures += 1
        print(f"FAIL  token: {error}")
    finally:
        await bot.session.close()
    return 1 if failures else 0
