"""The closing table and the cabinet's targets, each met, NOT met, undecided or not run."""

from __future__ import annotations

import math
from dataclasses import dataclass

from bench.ws.results import Load, SystemRun
from bench.ws.servers import TITLES

MET, NOT_MET, UNDECIDED, NOT_RUN = "met", "NOT met", "undecided", "not run"
GIB = 2**30
KIB = 1024
IDLE_TARGET = 20_000
IDLE_BUDGET = 1.5 * GIB
TARGET_FPS = 10_000
TARGET_SECONDS = 60
LATENCY_CLIENTS = 5_000
P50_MS, P99_MS = 20.0, 100.0
STORM_CLIENTS, STORM_SECONDS = 5_000, 10.0
SERVER_BOUND = 0.9
"""Server CPU share (of one core) above which a saturated server is the limit itself."""
STALL_P99_CHANGE = 0.10
STALL_SLACK = 32 * 2**20
"""RSS growth allowed during the stall beyond the stalled clients' own bound."""
STALL_PER_CLIENT = 512 * KIB
"""A stalled connection's bound: 2,000 queued references, its socket buffer, its frames."""


@dataclass(frozen=True)
class Verdict:
    """One target's outcome."""

    target: str
    status: str
    """MET, NOT_MET, UNDECIDED or NOT_RUN."""
    detail: str


def _f(value: float | None, digits: int = 1) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "-"
    return f"{value:,.{digits}f}"


def _ms(value: float | None) -> str:
    """Milliseconds: one decimal below a second, whole numbers above."""
    if value is None or math.isnan(value):
        return "-"
    return f"{value:,.1f}" if value < 1000 else f"{value:,.0f}"


def table(runs: list[SystemRun]) -> str:
    """Per system and client count: memory, load figures and saturation."""
    head = (
        f"{'system':<21}{'clients':>8}{'KiB/conn':>9}{'hs ms':>7}{'offered/s':>10}"
        f"{'deliv./s':>10}{'p50 ms':>9}{'p99 ms':>9}{'CPU':>6}{'µs/fr':>7}{'max/s':>9}"
        f"{'max CPU':>8}"
    )
    lines = [head, "-" * len(head)]
    for run in runs:
        levels = sorted({*run.memory, *(r.clients for r in run.loads)})
        for clients in levels:
            load, top = run.load_at(clients), run.saturation_at(clients)
            memory = run.memory.get(clients)
            row = (
                f"{TITLES[run.system]:<21}{clients:>8,}"
                f"{_f(memory / KIB if memory is not None else None):>9}"
                f"{_f(run.handshake_cpu_ms.get(clients)):>7}"
            )
            if load:
                row += (
                    f"{load.offered_fps:>10,.0f}{load.delivered_fps:>10,.0f}"
                    f"{_ms(load.healthy.p50 if load.healthy else None):>9}"
                    f"{_ms(load.healthy.p99 if load.healthy else None):>9}"
                    f"{load.server_cpu:>6.0%}{_f(load.cpu_us_per_frame, 0):>7}"
                )
            else:
                row += f"{'(idle only)':>13}{'':>38}"
            if top:
                row += f"{top.delivered_fps:>9,.0f}{top.server_cpu:>8.0%}"
            else:
                row += f"{'-':>9}{'-':>8}"
            lines.append(row)
    lines.append("")
    head = (
        f"{'system':<21}{'stall: healthy p99 ms':>24}{'RSS MiB':>16}{'closed':>8}"
        f"{'storm: all in s':>17}{'gaps/rep/reset':>16}{'DB resumes':>12}"
    )
    lines += [head, "-" * len(head)]
    for run in runs:
        stall, storm = run.stall, run.storm
        stall_text = rss_text = closed = "-"
        if stall and stall.control.healthy and stall.stalled.healthy:
            stall_text = (
                f"{_ms(stall.reference_p99)}→{_ms(stall.stalled.healthy.p99)} "
                f"({stall.p99_change:+.0%})"
            )
            rss_text = f"{stall.rss_start / 2**20:.0f}→{stall.rss_peak / 2**20:.0f}"
            closed = f"{stall.closed_by_server}/{stall.stalled_clients}"
        storm_text = integrity = reads = "-"
        if storm:
            storm_text = f"{storm.seconds_all:.2f} ({storm.clients:,})"
            integrity = f"{storm.gaps}/{storm.repeats}/{storm.resets}"
            if storm.counters:
                reads = str(storm.counters.get("resume_history_reads", 0))
        lines.append(
            f"{TITLES[run.system]:<21}{stall_text:>24}{rss_text:>16}{closed:>8}"
            f"{storm_text:>17}{integrity:>16}{reads:>12}"
        )
    return "\n".join(lines)


def targets(runs: list[SystemRun], *, fd_limit: int) -> list[Verdict]:
    """The cabinet's targets from issue 3, judged on what this run measured."""
    by = {r.system: r for r in runs}
    cabinet = by.get("cabinet")
    if cabinet is None:
        return [Verdict("all cabinet targets", NOT_RUN, "the cabinet was not benchmarked")]
    return [
        _idle(cabinet, fd_limit),
        _throughput(cabinet),
        _latency(cabinet),
        _storm(cabinet),
        _stall(cabinet),
        _versus(cabinet, by.get("websockets"), "≥ 50% of websockets.broadcast", 0.5),
        _versus(cabinet, by.get("channels"), "≥ 2× Django Channels", 2.0),
    ]


def _idle(run: SystemRun, fd_limit: int) -> Verdict:
    name = "20,000 idle connections in ≤ 1.5 GiB (≤ 75 KiB each)"
    if not run.memory:
        return Verdict(name, NOT_RUN, "no idle measurement")
    clients = max(run.memory)
    each = run.memory[clients]
    projected = each * IDLE_TARGET
    ok = each <= 75 * KIB and projected <= IDLE_BUDGET
    detail = f"{each / KIB:.1f} KiB per connection at {clients:,}"
    if clients < IDLE_TARGET:
        why = (
            f"the open-file hard limit here is {fd_limit:,}, and one process cannot hold "
            f"20,000 sockets besides its other files"
            if fd_limit <= IDLE_TARGET + 250
            else "--idle-max"
        )
        detail += (
            f", 20,000 × {each / KIB:.1f} KiB = {projected / GIB:.2f} GiB projected "
            f"[smaller run: {clients:,} connections, not 20,000: {why}]"
        )
    else:
        detail += f" = {each * clients / GIB:.2f} GiB"
    return Verdict(name, MET if ok else NOT_MET, detail)


def _target_load(run: SystemRun) -> Load | None:
    return run.load_at(LATENCY_CLIENTS) or (
        max(run.loads, key=lambda r: r.clients) if run.loads else None
    )


def _conditions(load: Load) -> str:
    notes = []
    if load.clients != LATENCY_CLIENTS:
        notes.append(f"{load.clients:,} clients, not {LATENCY_CLIENTS:,}")
    if load.offered_fps < TARGET_FPS * 0.99:
        notes.append(f"{load.offered_fps:,.0f} frames/s offered, not {TARGET_FPS:,}")
    if load.seconds < TARGET_SECONDS * 0.95:
        notes.append(f"{load.seconds:.0f} s, not a minute")
    return f" [smaller run: {'; '.join(notes)}]" if notes else ""


def _throughput(run: SystemRun) -> Verdict:
    name = "10,000 frames/s delivered, sustained for a minute"
    load = _target_load(run)
    if load is None:
        return Verdict(name, NOT_RUN, "no load phase")
    ok = (
        load.delivered_fps >= 0.97 * load.offered_fps
        and load.worst_5s_fps >= 0.9 * load.offered_fps
        and load.offered_fps >= TARGET_FPS * 0.99
    )
    return Verdict(
        name,
        MET if ok else NOT_MET,
        f"{load.delivered_fps:,.0f}/s on average, worst 5 s {load.worst_5s_fps:,.0f}/s, "
        f"over {load.seconds:.0f} s at {load.clients:,} clients (produced "
        f"{load.produced_fps:,.0f}/s)" + _conditions(load),
    )


def _latency(run: SystemRun) -> Verdict:
    name = "commit-to-receipt p50 < 20 ms and p99 < 100 ms at 5,000 clients under that load"
    load = _target_load(run)
    if load is None or load.healthy is None:
        return Verdict(name, NOT_RUN, "no load phase")
    ok = load.healthy.p50 < P50_MS and load.healthy.p99 < P99_MS
    return Verdict(
        name,
        MET if ok else NOT_MET,
        f"p50 {load.healthy.p50:.1f} ms, p99 {load.healthy.p99:.1f} ms, max "
        f"{load.healthy.max:.0f} ms ({load.healthy.samples:,} frames)" + _conditions(load),
    )


def _storm(run: SystemRun) -> Verdict:
    name = "reconnect storm of 5,000: all resumed within 10 s, none resumed from the database"
    storm = run.storm
    if storm is None:
        return Verdict(name, NOT_RUN, "no storm phase")
    reads = storm.counters.get("resume_history_reads", 0)
    ok = (
        storm.seconds_all <= STORM_SECONDS
        and storm.failed == 0
        and reads == 0
        and storm.gaps == 0
        and storm.repeats == 0
        and storm.resets == 0
    )
    smaller = f" [smaller run: {storm.clients:,} clients]" if storm.clients < STORM_CLIENTS else ""
    return Verdict(
        name,
        MET if ok else NOT_MET,
        f"last of {storm.clients:,} resumed after {storm.seconds_all:.2f} s (median "
        f"{storm.seconds_p50:.2f} s), {storm.failed} not resumed; resumes served from the "
        f"database {reads} (besides, the hub filled {storm.counters.get('hub_history_reads', 0)} "
        f"bus gaps from history); new-feed position reads "
        f"{storm.counters.get('topic_state_reads_for_new_feed', 0)}; all SQL statements "
        f"{storm.counters.get('sql_statements', 0):,} (authentication included); gaps "
        f"{storm.gaps}, repeats {storm.repeats}, resets {storm.resets}" + smaller,
    )


def _stall(run: SystemRun) -> Verdict:
    """Healthy clients no more than 10% slower while 1% stall, memory within its bound.

    Read one-sided: stalled clients take frames off the server, so the healthy ones may
    well get faster; the target protects them from getting slower. The reference is the
    mean of a control window before the stall and one after it; when those two differ by
    10% or more (and the stalled window is not below both), this run cannot resolve a 10%
    rule and the verdict is "undecided"."""
    name = "1% of clients stalled: healthy p99 no more than 10% worse, server memory bounded"
    stall = run.stall
    if stall is None:
        return Verdict(name, NOT_RUN, "no stall phase")
    growth = stall.rss_peak - stall.rss_start
    bound = stall.stalled_clients * STALL_PER_CLIENT + STALL_SLACK
    noise, change = stall.noise, stall.p99_change
    controls = [w.healthy.p99 for w in (stall.control, stall.control_after) if w and w.healthy]
    stalled = stall.stalled.healthy.p99 if stall.stalled.healthy else math.nan
    resolved = noise is not None and (noise < STALL_P99_CHANGE or stalled <= min(controls))
    worse_than_any = bool(controls) and stalled >= (1 + STALL_P99_CHANGE) * max(controls)
    clearly_worse = change >= STALL_P99_CHANGE and (noise or 0) < STALL_P99_CHANGE
    if growth > bound or worse_than_any or clearly_worse:
        status = NOT_MET
    elif not resolved or math.isnan(change):
        status = UNDECIDED
    else:
        status = MET
    return Verdict(
        name,
        status,
        f"healthy p99 without a stall {' / '.join(f'{p:.1f}' for p in controls)} ms"
        + (f" (apart by {noise:.1%})" if noise is not None else " (one window: noise unknown)")
        + f", while stalled {stalled:.1f} ms ({change:+.1%} against their mean); "
        f"RSS +{growth / 2**20:.1f} MiB at peak (bound {bound / 2**20:.0f} MiB); "
        f"{stall.closed_by_server} of {stall.stalled_clients} "
        f"stalled clients disconnected by the server {stall.close_codes}"
        + (f"; longest queue {stall.longest_queue} frames" if stall.longest_queue else ""),
    )


def _versus(run: SystemRun, other: SystemRun | None, name: str, factor: float) -> Verdict:
    """Delivered frames/s when both are offered more than they deliver (the saturation phase).

    A baseline that delivered everything it was offered, or whose server process was not
    busy (the clients or the machine held it back), was not at its own ceiling: a ratio
    above the target then proves nothing and is "undecided".
    Frames per server CPU-second under the same offered load are printed beside it: what
    one server process would fan out with a core of its own.
    """
    title = f"delivered frames/s {name}"
    if other is None:
        return Verdict(title, NOT_RUN, "baseline not benchmarked")
    ours, theirs = _best(run), _best(other)
    if ours is None or theirs is None:
        return Verdict(title, NOT_RUN, "no saturation phase")
    ratio = ours.delivered_fps / theirs.delivered_fps
    all_offered = theirs.delivered_fps >= 0.97 * theirs.produced_fps
    elsewhere = theirs.server_cpu < SERVER_BOUND
    status = NOT_MET if ratio < factor else (UNDECIDED if all_offered or elsewhere else MET)
    detail = (
        f"saturated at {ours.clients:,} clients: {ours.delivered_fps:,.0f}/s (server CPU "
        f"{ours.server_cpu:.0%}, producer {ours.producer_cpu:.0%}) vs "
        f"{theirs.delivered_fps:,.0f}/s (server CPU {theirs.server_cpu:.0%}) = {ratio:.2f}×"
    )
    if all_offered:
        detail += (
            f"; the baseline delivered all {theirs.produced_fps:,.0f}/s it was offered, so "
            f"its ceiling is higher"
        )
    elif elsewhere:
        detail += (
            f"; the baseline's server used {theirs.server_cpu:.0%} of a core, so something "
            f"else (clients, machine) held it back and its own ceiling is higher"
        )
    same_ours, same_theirs = _target_load(run), _target_load(other)
    if same_ours and same_theirs and same_ours.server_cpu and same_theirs.server_cpu:
        ours_rate = 1e6 / same_ours.cpu_us_per_frame
        theirs_rate = 1e6 / same_theirs.cpu_us_per_frame
        detail += (
            f"; per server CPU-second at {same_ours.offered_fps:,.0f} frames/s offered: "
            f"{ours_rate:,.0f} vs {theirs_rate:,.0f} frames = {ours_rate / theirs_rate:.2f}×"
        )
    return Verdict(title, status, detail)


def _best(run: SystemRun) -> Load | None:
    """The saturation run at 5,000 clients (or the largest one measured)."""
    return run.saturation_at(LATENCY_CLIENTS) or (
        max(run.saturation, key=lambda r: r.clients) if run.saturation else None
    )


def verdict_lines(verdicts: list[Verdict]) -> str:
    """One line per target."""
    return "\n".join(f"{v.status:<10} {v.target}: {v.detail}" for v in verdicts)
