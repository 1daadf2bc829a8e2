"""`python -m bench.ws`: the cabinet's websocket gateway against two baselines.

Starts an embedded Valkey and a throw-away SQLite database with dealers, people and
bearer tokens, then for each system (the cabinet, a plain `websockets` server, a Django
Channels consumer) starts its server process, connects clients from several client
processes, and measures: server memory per idle connection, commit-to-receipt latency
and delivered frames/s at a controlled rate, 1% of clients stalled, a reconnect storm,
and, at the size of those two, the most frames/s it delivers. Ends with a table and the
targets.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import platform
import time
from dataclasses import asdict
from pathlib import Path

from bench.ws.clients import raise_fd_limit
from bench.ws.report import table, targets, verdict_lines
from bench.ws.results import SystemRun, load_runs
from bench.ws.run import ClientPool, Plan, SystemBench
from bench.ws.seed import environment, people_per_dealer
from bench.ws.servers import SYSTEMS, TITLES


def _parse(argv: list[str] | None, fd_limit: int) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m bench.ws", description=__doc__)
    parser.add_argument("--quick", action="store_true", help="a small sanity run (~4 min)")
    parser.add_argument("--systems", nargs="+", choices=SYSTEMS, default=list(SYSTEMS))
    parser.add_argument("--clients", nargs="+", type=int, help="client counts (1000 5000 10000)")
    parser.add_argument("--latency-clients", type=int, help="clients for the stall and storm")
    parser.add_argument("--idle-max", type=int, help="cabinet idle connections (20,000 or max)")
    parser.add_argument("--fps", type=float, default=10_000, help="frames/s offered under load")
    parser.add_argument("--seconds", type=float, help="measured seconds per load phase (60)")
    parser.add_argument("--warmup", type=float, help="unmeasured seconds before each window")
    parser.add_argument(
        "--saturate-fps",
        type=float,
        default=60_000,
        help="offered when saturating (more than the 2-core reference machine delivers)",
    )
    parser.add_argument("--saturate-seconds", type=float, help="0 skips the saturation phase")
    parser.add_argument("--stall-seconds", type=float, help="control and stalled windows")
    parser.add_argument("--stall-fraction", type=float, default=0.01)
    parser.add_argument("--stall-rate", type=float, default=100, help="events/s per hot topic")
    parser.add_argument("--storm-clients", type=int, help="clients dropped at once (0 skips)")
    parser.add_argument("--storm-timeout", type=float, default=60)
    parser.add_argument("--workers", type=int, default=4, help="client processes")
    parser.add_argument(
        "--concurrency", type=int, default=100, help="handshakes in flight per client process"
    )
    parser.add_argument("--topics", type=int, help="dealers, one board topic each (200)")
    parser.add_argument("--json", type=Path, help="also write the raw figures here")
    parser.add_argument(
        "--replay", type=Path, help="only print the table and targets of a saved --json"
    )
    args = parser.parse_args(argv)
    quick = args.quick
    defaults = {
        "clients": [1000] if quick else [1000, 5000, 10000],
        "latency_clients": 1000 if quick else 5000,
        "idle_max": 2000 if quick else min(20_000, fd_limit - 250),
        "seconds": 10 if quick else 60,
        "warmup": 2 if quick else 5,
        "saturate_seconds": 8 if quick else 20,
        "stall_seconds": 10 if quick else 180,  # shorter stalls fit in socket buffers
        "storm_clients": 1000 if quick else 5000,
        "topics": 40 if quick else 200,
    }
    for name, value in defaults.items():
        if getattr(args, name) is None:
            setattr(args, name, value)
    step = math.lcm(args.workers, args.topics)
    args.clients = sorted({max(step, round(c / step) * step) for c in args.clients})
    if args.latency_clients not in args.clients:
        parser.error(f"--latency-clients must be one of {args.clients}")
    return args


def main(argv: list[str] | None = None) -> None:
    """Run every system and print the table and the targets."""
    fd_limit = raise_fd_limit()
    args = _parse(argv, fd_limit)
    if args.replay:
        _print_results(load_runs(args.replay), fd_limit)
        return
    plan = Plan.from_args(args)
    most = max(plan.idle_max, *plan.clients)
    print(
        f"{', '.join(TITLES[s] for s in args.systems)}; clients {plan.clients} over "
        f"{args.workers} client processes and {plan.topics} topics; {plan.fps:,.0f} frames/s "
        f"for {plan.seconds:.0f} s; Python {platform.python_version()}, "
        f"{os.cpu_count()} cores, open-file limit {fd_limit:,}",
        flush=True,
    )
    if plan.idle_max < 20_000:
        print(
            f"note: idle test at {plan.idle_max:,} connections, not 20,000 "
            + (
                f"(open-file hard limit {fd_limit:,} per process here)"
                if fd_limit <= 20_250
                else "(--idle-max / --quick)"
            ),
            flush=True,
        )
    began = time.monotonic()
    people = people_per_dealer(most, plan.topics)
    pool: ClientPool | None = None
    runs = []
    with environment(dealers=plan.topics, people=people) as env:
        print(
            f"seeded {plan.topics} dealers × {people} people with bearer tokens in "
            f"{time.monotonic() - began:.1f} s",
            flush=True,
        )
        try:
            pool = ClientPool(args.workers)
            for system in args.systems:
                print(f"[{TITLES[system]}]", flush=True)
                bench = SystemBench(
                    system,
                    plan,
                    env.seeded,
                    pool,
                    redis_url=env.redis_url,
                    database_url=env.database_url,
                    workdir=env.workdir,
                    say=lambda line: print(line, flush=True),
                )
                runs.append(bench.run())
        finally:
            if pool is not None:
                pool.close()
    if args.json:
        args.json.write_text(json.dumps([asdict(r) for r in runs], indent=1, default=str))
    _print_results(runs, fd_limit)
    print(f"run took {(time.monotonic() - began) / 60:.1f} min")


def _print_results(runs: list[SystemRun], fd_limit: int) -> None:
    print()
    print(table(runs))
    print()
    print("Cabinet targets:")
    print(verdict_lines(targets(runs, fd_limit=fd_limit)))
    for run in runs:
        for note in dict.fromkeys(run.notes):
            print(f"note ({TITLES[run.system]}): {note}")


if __name__ == "__main__":
    main()
