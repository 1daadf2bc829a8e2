"""The notification benchmark's smallest run, so that it never rots (docs/benchmarks.md).

`python -m bench.notify` with 50 events to 20 people: real arq worker, SMTP server and Bot
API stand-in, the baseline and the report. It must finish, deliver every event once on
each channel and say so in its verdicts and its figures.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from app.config import PROJECT_ROOT

DATABASES = [
    pytest.param(name, id=name, marks=[pytest.mark.postgres] if name == "postgres" else [])
    for name in os.environ.get("TEST_DATABASES", "sqlite,postgres").split(",")
]


@pytest.mark.parametrize("database", DATABASES)
def test_fifty_events_reach_bell_mailbox_and_telegram_once_each(
    database: str, tmp_path: Path
) -> None:
    figures = tmp_path / "notify.json"
    command = [sys.executable, "-m", "bench.notify", "--database", database]
    command += ["--events", "50", "--people", "20", "--baseline-messages", "20"]
    command += ["--drain-timeout", "20", "--json", str(figures)]
    env = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "REDIS_URL"}}
    run = subprocess.run(
        command, cwd=PROJECT_ROOT, env=env, capture_output=True, text=True, timeout=100
    )
    report = run.stdout + run.stderr
    assert run.returncode == 0, report
    assert "NOT met" not in report

    outcome = json.loads(figures.read_text())
    channels = {c["channel"]: c for c in outcome["channels"]}
    assert sorted(channels) == ["cabinet", "email", "telegram"]
    for figures_of in [*channels.values(), outcome["complete"]]:
        assert figures_of["expected"] == 50
        assert figures_of["delivered"] == 50, figures_of
        assert figures_of["duplicates"] == 0 and figures_of["stray"] == 0, figures_of
        assert figures_of["delay"]["samples"] == 50
    for outside in ("email", "telegram"):
        assert channels[outside]["states"] == {"sent": 50}
    for baseline in outcome["baseline"]:
        assert baseline["received"] == baseline["messages"] == 20, baseline
