"""The handshake benchmark's smallest run, so that it never rots (docs/benchmarks.md,
"Handshake cost").

`python -m bench.ws.handshakes` with 40 clients on 4 topics: the cabinet's server (SQLite,
as the benchmark runs it) and websockets' plain server, one fresh connect and one storm of
resumes each. Every client must resume with nothing lost, and the cabinet's figures must
be there: CPU and SQL statements per handshake, no resume from the database.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from app.config import PROJECT_ROOT

CLIENTS = 40


def test_forty_clients_connect_and_resume_on_both_servers(tmp_path: Path) -> None:
    figures = tmp_path / "handshakes.json"
    command = [sys.executable, "-m", "bench.ws.handshakes", "--clients", str(CLIENTS)]
    command += ["--topics", "4", "--storms", "1", "--workers", "2", "--concurrency", "10"]
    command += ["--json", str(figures)]
    env = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "REDIS_URL"}}
    run = subprocess.run(
        command, cwd=PROJECT_ROOT, env=env, capture_output=True, text=True, timeout=100
    )
    report = run.stdout + run.stderr
    assert run.returncode == 0, report
    assert "cabinet / websockets" in report

    by_system = {r["system"]: r for r in json.loads(figures.read_text())}
    assert sorted(by_system) == ["cabinet", "websockets"]
    for result in by_system.values():
        connect, storm = result["phases"]
        assert (connect["label"], storm["label"]) == ("connect", "storm 1")
        for phase in (connect, storm):
            # CPU is counted in ticks of 10 ms: 40 handshakes may take less than one.
            assert phase["resumed"] == phase["handshakes"] == CLIENTS, phase
        assert (storm["gaps"], storm["repeats"], storm["resets"]) == (0, 0, 0), storm
    counters = by_system["cabinet"]["phases"][1]["counters"]
    assert counters["sql_statements"] > 0
    assert counters.get("resume_history_reads", 0) == 0, counters
