"""What-if: the cabinet's worker with other arq limits (`--max-jobs`, `--poll-delay`).

arq starts at most `max_jobs` jobs at once and, once they are all taken, looks at its
queue again only after `poll_delay`: with a deep queue one worker starts at most
max_jobs / poll_delay jobs a second however short the jobs are (20 with arq's defaults,
10 and 0.5 s; 500 with the cabinet's, 50 and 0.1 s), and a Telegram job waiting for its
pacing slot holds one of them. This is the real
settings (`workers.settings.WorkerSettings`: same jobs, start-up, relay, cron) with those
two values taken from the environment, run as `python -m arq bench.notify.tuning.
TunedWorker`, so the benchmark can show what they are worth without changing the worker.
"""

from __future__ import annotations

import os
from typing import Any

from workers.settings import WorkerSettings

MAX_JOBS = "BENCH_NOTIFY_MAX_JOBS"
POLL_DELAY = "BENCH_NOTIFY_POLL_DELAY"
SETTINGS_PATH = "bench.notify.tuning.TunedWorker"

# arq reads a settings class's own `__dict__` (inherited attributes are ignored), so the
# tuned worker is the real settings copied (as tests/live_fixtures.py does).
TunedWorker: dict[str, Any] = {
    **{k: v for k, v in vars(WorkerSettings).items() if not k.startswith("__")},
    "max_jobs": int(os.environ.get(MAX_JOBS, str(WorkerSettings.max_jobs))),
    "poll_delay": float(os.environ.get(POLL_DELAY, str(WorkerSettings.poll_delay))),
}
