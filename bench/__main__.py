"""`python -m bench`: the order board and order detail under a realistic amount of data.

Fills a fresh database per dialect (100,000 orders, 1,000,000 production units by
default), then times the dealer's order board, a filtered board and an order's detail
through the web app, next to GET /api/v1/me as a baseline, and prints a table.
"""

from __future__ import annotations

import argparse
import multiprocessing
import platform
from concurrent.futures import ProcessPoolExecutor

from bench.run import DialectResult, run_dialect

TARGET_P99_MS = 50.0
"""The goal for every measured request on PostgreSQL."""


def _parse(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__)
    parser.add_argument("--db", choices=("sqlite", "postgres", "both"), default="both")
    parser.add_argument("--orders", type=int, default=100_000)
    parser.add_argument("--units", type=int, default=1_000_000)
    parser.add_argument("--dealers", type=int, help="default: one per 500 orders")
    parser.add_argument("--repeat", type=int, default=200, help="timed requests per endpoint")
    parser.add_argument("--warmup", type=int, default=20, help="untimed requests per endpoint")
    parser.add_argument("--quick", action="store_true", help="5,000 orders / 50,000 units")
    parser.add_argument("--explain", action="store_true", help="print each request's SQL plans")
    parser.add_argument(
        "--without-indexes",
        action="store_true",
        help="drop the order-history indexes after the fill (what they are worth)",
    )
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)
    if args.quick:
        args.orders, args.units = 5_000, 50_000
    args.dealers = args.dealers or max(1, args.orders // 500)
    return args


def table(results: list[DialectResult]) -> str:
    """The figures as a compact table: percentiles in ms, p50 as a multiple of the baseline."""
    head = f"{'db':<9}{'request':<26}{'p50':>7}{'p95':>7}{'p99':>7}{'max':>7}{'x me':>6}  p99<50"
    lines = [head, "-" * len(head)]
    for result in results:
        baseline = result.timings[0].p50
        for t in result.timings:
            verdict = "yes" if t.p99 < TARGET_P99_MS else "NO"
            lines.append(
                f"{result.dialect:<9}{t.name:<26}{t.p50:7.1f}{t.p95:7.1f}{t.p99:7.1f}"
                f"{t.max:7.1f}{t.p50 / baseline:6.1f}  {verdict}"
            )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> None:
    """Run the benchmark on the chosen dialects, each in a fresh process, and print figures."""
    args = _parse(argv)
    dialects = ["sqlite", "postgres"] if args.db == "both" else [args.db]
    print(
        f"{args.orders:,} orders, {args.units:,} units, {args.dealers} dealers; "
        f"{args.repeat} timed requests per endpoint after {args.warmup} warm-up; "
        f"Python {platform.python_version()} on {platform.machine()}"
        + ("; WITHOUT the order-history indexes" if args.without_indexes else ""),
        flush=True,
    )
    results = []
    spawn = multiprocessing.get_context("spawn")
    for dialect in dialects:
        with ProcessPoolExecutor(max_workers=1, mp_context=spawn) as fresh_interpreter:
            result = fresh_interpreter.submit(run_dialect, dialect, args).result()
        results.append(result)
        facts = ", ".join(f"{k}={v}" for k, v in result.facts.items())
        print(f"[{dialect}] measured dealer: {facts}", flush=True)
        for plan in result.plans:
            print(plan)
    print()
    print(table(results))


if __name__ == "__main__":
    main()
