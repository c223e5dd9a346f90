"""``python -m bench [--quick] [--only PART] [--json out.json]``: run and print the table."""

from __future__ import annotations

import argparse
import asyncio
import logging
import os
import sys
import time
from collections.abc import Sequence
from pathlib import Path

from bench import fleet, inbound, machine, outbound, playground, scale, scaleout, seed, workspace
from bench.report import Report

PARTS = ("inbound", "outbound", "scale", "workspace", "postgres", "playground", "scaleout")
POSTGRES_DSN = os.environ.get("BENCH_POSTGRES_DSN", "postgresql://postgres@127.0.0.1:5432/test")


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m bench", description="Presale Desk benchmark against the emulator."
    )
    parser.add_argument("--quick", action="store_true", help="every part small (CI, < 60 s)")
    parser.add_argument("--only", choices=PARTS, help="run one part")
    parser.add_argument("--json", type=Path, help="also save the figures as JSON")
    parser.add_argument(
        "--three-as",
        choices=fleet.SHAPES,
        default="processes",
        help="scale-out: the three instances as three processes started apart (the default), "
        "or as workers of one process (WORKERS=3)",
    )
    return parser


async def run(args: argparse.Namespace, command: str) -> Report:
    report = Report(machine=await machine.describe(POSTGRES_DSN), command=command)
    parts = [args.only] if args.only else list(PARTS)
    quick = args.quick
    inbound_size = inbound.QUICK if quick else inbound.FULL
    scale_size = scale.QUICK if quick else scale.FULL
    echo = None
    if "inbound" in parts:
        echo = await inbound.run_inbound(
            report, inbound_size, section="inbound: sqlite", database_url=None, echo=None
        )
    if "outbound" in parts:
        await outbound.run_outbound(report, outbound.QUICK if quick else outbound.FULL)
    if "scale" in parts:
        await scale.run_scale(report, scale_size, section="scale: sqlite", database_url=None)
    if "workspace" in parts:
        await workspace.run_workspace(
            report, workspace.QUICK if quick else workspace.FULL, section="workspace: sqlite"
        )
    if "postgres" in parts:
        await _postgres(report, inbound_size, scale_size, echo)
    if "playground" in parts:
        await playground.run_playground(report, playground.QUICK if quick else playground.FULL)
    if "scaleout" in parts:
        await scaleout.run_scaleout(
            report, scaleout.QUICK if quick else scaleout.FULL, POSTGRES_DSN, args.three_as
        )
    return report


async def _postgres(
    report: Report,
    inbound_size: inbound.InboundSize,
    scale_size: scale.ScaleSize,
    echo: inbound.BotFigures | None,
) -> None:
    """Inbound and scale again, each on a fresh database of the local PostgreSQL."""
    base = POSTGRES_DSN.rsplit("/", 1)[0]
    for part in ("inbound", "scale"):
        name = f"bench_{part}_{os.getpid()}"
        try:
            await seed.create_database(POSTGRES_DSN, name)
        except OSError as error:
            report.add(f"{part}: postgresql", "PostgreSQL", f"unavailable ({error})")
            return
        url = f"{base.replace('postgresql://', 'postgresql+asyncpg://', 1)}/{name}"
        try:
            if part == "inbound":
                await inbound.run_inbound(
                    report,
                    inbound_size,
                    section="inbound: postgresql",
                    database_url=url,
                    echo=echo,
                )
            else:
                await scale.run_scale(
                    report, scale_size, section="scale: postgresql", database_url=url
                )
        finally:
            await seed.drop_database(POSTGRES_DSN, name)


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    logging.basicConfig(level=logging.WARNING)
    command = " ".join(["python -m bench", *(sys.argv[1:] if argv is None else argv)])
    started = time.monotonic()
    report = asyncio.run(run(args, command))
    print(report.render())
    print(f"\n(total {time.monotonic() - started:.0f} s)")
    if args.json:
        report.save(args.json)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
