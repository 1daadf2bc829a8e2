"""The closing table and the verdicts: nothing doubled, nothing missing, nothing unsent."""

from __future__ import annotations

from app.telegram.pacing import GLOBAL_PER_SECOND
from bench.notify.results import BaselineFigures, ChannelFigures, Spread
from bench.notify.run import Outcome
from workers.settings import WorkerSettings

MET, NOT_MET = "met", "NOT met"


def _ms(spread: Spread | None, name: str) -> str:
    value = getattr(spread, name) if spread else None
    return "-" if value is None else f"{value:,.0f}"


def _row(label: str, f: ChannelFigures, base: BaselineFigures | None) -> str:
    ratio = f"{f.rate / base.rate:.2f}" if base and base.rate else "-"
    unsent = ", ".join(f"{k} {v}" for k, v in sorted(f.states.items()) if k != "sent") or "0"
    return (
        f"{label:<10}{f.delivered:>10,}{f.rate:>8.1f}{_ms(f.delay, 'p50'):>9}"
        f"{_ms(f.delay, 'p95'):>9}{_ms(f.delay, 'p99'):>9}{_ms(f.delay, 'max'):>9}"
        f"{f.duplicates:>5}{f.missing:>8}{f.stray:>6}  {unsent:<14}"
        f"{(f'{base.rate:,.0f}' if base else '-'):>9}{_ms(base.delay if base else None, 'p50'):>7}"
        f"{ratio:>7}"
    )


def table(outcome: Outcome) -> str:
    """One row per channel and one for events complete on all three."""
    head = (
        f"{'channel':<10}{'delivered':>10}{'per s':>8}{'p50 ms':>9}{'p95':>9}{'p99':>9}"
        f"{'max':>9}{'dup':>5}{'missing':>8}{'stray':>6}  {'not sent':<14}"
        f"{'base/s':>9}{'b p50':>7}{'ratio':>7}"
    )
    baseline = {b.channel: b for b in outcome.baseline}
    lines = [head, "-" * len(head)]
    for f in outcome.channels:
        lines.append(_row(f.channel, f, baseline.get(f.channel)))
    lines.append(_row("all three", outcome.complete, None))
    return "\n".join(lines)


def summary(outcome: Outcome) -> list[str]:
    """The run's conditions and where the CPU went."""
    plan, produced = outcome.plan, outcome.produced
    retried = {f.channel: f.attempts_over_one for f in outcome.channels if f.attempts_over_one}
    return [
        f"{plan.events:,} events on {plan.database}, {plan.people:,} people, "
        f"{plan.workers} worker process(es)"
        + (
            f" (WHAT-IF {plan.tuning})"
            if plan.tuning
            else f" (arq max_jobs {WorkerSettings.max_jobs},"
            f" poll_delay {WorkerSettings.poll_delay} s)"
        )
        + f"; produced at {produced.rate:,.0f}/s "
        + (f"(offered {plan.rate:g}/s)" if plan.rate else "(as fast as one producer goes)")
        + f"; first event to drained {outcome.seconds:.1f} s; "
        f"events complete on all three channels: {outcome.complete.rate:.1f}/s",
        "cores used: "
        + ", ".join(f"{k} {v:.0%}" for k, v in outcome.cpu.items())
        + f"; load average {outcome.loadavg[0]:.1f} before, {outcome.loadavg[1]:.1f} after",
        f"Telegram ceiling: the bot's pacer allows {GLOBAL_PER_SECOND} messages/s in all "
        "(app/telegram/pacing.py, Telegram's own limit is about 30)"
        + (f"; deliveries that took more than one attempt: {retried}" if retried else ""),
    ]


def verdicts(outcome: Outcome) -> list[str]:
    """Duplicates, missing, stray and unsent, per channel: each must be 0."""
    lines = []
    for f in [*outcome.channels]:
        checks = [
            ("duplicates", f.duplicates),
            ("missing", f.missing),
            ("stray", f.stray),
            ("not sent", f.unsent),
        ]
        ok = not any(n for _, n in checks)
        lines.append(
            f"{MET if ok else NOT_MET:<8} {f.channel}: every event delivered exactly once ("
            + ", ".join(f"{name} {n}" for name, n in checks)
            + f"; {f.delivered:,} of {f.expected:,})"
        )
    lines += [f"NOT met  {note}" for note in outcome.notes]
    return lines


def passed(outcome: Outcome) -> bool:
    """Whether every verdict is met."""
    return all(line.startswith(MET + " ") for line in verdicts(outcome))
