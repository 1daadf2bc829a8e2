"""The closing tables and the chat's targets, each met or NOT met."""

from __future__ import annotations

import math

from bench.chat.results import Phase
from bench.ws.results import Latency

MET, NOT_MET = "met", "NOT met"
P99_MS = 100.0
TARGET_PEOPLE, TARGET_ROOMS, TARGET_RATE, TARGET_SECONDS = 2000, 200, 200.0, 60.0
SCENARIO = {"chat.send": "chat", "bench.note": "baseline"}


def _f(value: float | None, digits: int = 1) -> str:
    if value is None or math.isnan(value):
        return "-"
    return f"{value:,.{digits}f}"


def _p(latency: Latency | None) -> tuple[float | None, float | None]:
    return (latency.p50, latency.p99) if latency else (None, None)


def table(phases: list[Phase]) -> str:
    """Latency, throughput and integrity; then the server's side, per database and scenario."""
    head = (
        f"{'db':<9}{'scenario':<10}{'people':>7}{'rooms':>6}{'msgs/s':>7}"
        f"{'recv p50':>9}{'p99':>7}{'max':>7}{'ack p50':>8}{'p99':>7}{'frames/s':>9}"
        f"{'acked':>7}{'stored':>7}  intact"
    )
    lines = [head, "-" * len(head)]
    for phase in phases:
        (p50, p99), (a50, a99) = _p(phase.latency), _p(phase.ack)
        check = phase.integrity
        lines.append(
            f"{phase.dialect:<9}{SCENARIO[phase.command]:<10}{phase.people:>7,}{phase.rooms:>6}"
            f"{phase.acked_rate:>7.0f}{_f(p50):>9}{_f(p99):>7}"
            f"{_f(phase.latency.max if phase.latency else None, 0):>7}{_f(a50):>8}{_f(a99):>7}"
            f"{phase.delivered_fps:>9,.0f}{check.acked:>7,}{check.stored:>7,}  "
            f"{'yes' if check.ok else 'NO'}"
        )
    lines.append("")
    head = (
        f"{'db':<9}{'scenario':<10}{'DB ms/msg':>10}{'stmts':>6}{'waits':>7}{'tx p50':>7}"
        f"{'p99':>6}{'cmd p50':>8}{'p99':>6}{'relay ms':>9}{'lag p99':>8}"
        f"{'server':>7}{'clients':>8}{'db CPU':>8}{'valkey':>7}{'w/commit':>9}"
    )
    lines += [head, "-" * len(head)]
    for phase in phases:
        server, cpu = phase.server, phase.cpu
        (t50, t99), (c50, c99) = _p(server.tx_held), _p(server.handler)
        database = f"{cpu['database']:.0%}" if cpu["database"] else "in-proc"
        lines.append(
            f"{phase.dialect:<9}{SCENARIO[phase.command]:<10}{server.db_ms:>10.2f}"
            f"{server.statements:>6.0f}{server.wait_ms:>7.1f}{_f(t50):>7}{_f(t99):>6}"
            f"{_f(c50):>8}{_f(c99):>6}{server.relay_ms:>9.2f}{server.loop_lag_p99:>8.1f}"
            f"{cpu['server']:>7.0%}{cpu['clients']:>8.0%}"
            f"{database:>8}"
            f"{cpu['valkey']:>7.0%}{_f(server.writers_per_commit):>9}"
        )
    return "\n".join(lines)


def steps_table(phases: list[Phase]) -> str:
    """Each scenario's SQL per message, by step of the command."""
    lines = []
    for phase in phases:
        steps = ", ".join(
            f"{name} {ms:.2f} ms/{statements:.1f}"
            for name, (ms, statements) in phase.server.steps.items()
        )
        lines.append(f"{phase.dialect:<9}{SCENARIO[phase.command]:<10}{steps}")
    return "\n".join(lines)


def _conditions(phase: Phase) -> str:
    notes = []
    if phase.people < TARGET_PEOPLE:
        notes.append(f"{phase.people:,} people, not {TARGET_PEOPLE:,}")
    if phase.rooms < TARGET_ROOMS:
        notes.append(f"{phase.rooms} rooms, not {TARGET_ROOMS}")
    if phase.offered_rate < TARGET_RATE * 0.99:
        notes.append(f"{phase.offered_rate:.0f} messages/s offered, not {TARGET_RATE:.0f}")
    if phase.seconds < TARGET_SECONDS * 0.95:
        notes.append(f"{phase.seconds:.0f} s, not a minute")
    return f" [smaller run: {'; '.join(notes)}]" if notes else ""


def verdicts(phases: list[Phase]) -> list[str]:
    """The issue's target per database, and the integrity check of every scenario."""
    lines = []
    for phase in (p for p in phases if p.command == "chat.send"):
        latency = phase.latency
        ok = (
            latency is not None
            and latency.p99 < P99_MS
            and phase.acked_rate >= 0.97 * phase.offered_rate
        )
        detail = (
            f"p50 {latency.p50:.1f} ms, p99 {latency.p99:.1f} ms over {latency.samples:,} "
            f"receipts, "
            f"{phase.acked_rate:.0f} of {phase.offered_rate:.0f} messages/s acknowledged"
            if latency
            else "no receipts"
        )
        lines.append(
            f"{MET if ok else NOT_MET:<8} send-to-receive p99 < 100 ms on {phase.dialect} "
            f"({phase.people:,} people, {phase.rooms} rooms): {detail}{_conditions(phase)}"
        )
    for phase in phases:
        check = phase.integrity
        lines.append(
            f"{MET if check.ok else NOT_MET:<8} {SCENARIO[phase.command]} on {phase.dialect}: "
            f"no send lost or doubled, every stored one received once by each member: sent "
            f"{check.sent:,} (held back {check.held_back:,}), acknowledged {check.acked:,}, "
            f"stored {check.stored:,} (of them unanswered {check.unanswered_stored}), errors "
            f"{check.errors or 0}; acknowledged but not stored {check.lost}, stored twice "
            f"{check.duplicates}, never sent {check.phantom}; receipts missing {check.missing} "
            f"/ doubled {check.doubled} / stray {check.stray}; topic gaps {check.gaps} / "
            f"repeats {check.repeats}; connections closed by the server "
            f"{sum(check.close_codes.values())} {check.close_codes or ''}".rstrip()
        )
    return lines
