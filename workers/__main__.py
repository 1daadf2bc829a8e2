"""`python -m workers`: the cabinet's arq worker (the Procfile's `worker`), that ends for good.

arq's worker stops when its Redis connection breaks (python-arq/arq#435, #498), and when
its shutdown then fails half-way (finishing a job needs Redis too) the process can stay
alive doing nothing: open database connections keep their threads running. Here every
stop is an exit, 0 when asked to stop and 1 otherwise, so the process manager (or `make
run`'s supervisor, app/embedded_worker.py) starts a fresh worker. Nothing is lost by it:
the database is the truth, and a new worker picks up what is due (docs/workers.md).
"""

from __future__ import annotations

import logging
import logging.config
import os
import sys

from arq.logs import default_log_config
from arq.worker import run_worker

from workers.settings import WorkerSettings

logger = logging.getLogger("workers")


def main() -> None:
    """Run the worker until it stops, then leave the process whatever is still running."""
    logging.config.dictConfig(default_log_config(verbose=False))
    code = 1
    try:
        run_worker(WorkerSettings)  # type: ignore[arg-type]
        code = 0
    except KeyboardInterrupt:
        code = 0
    except BaseException:
        logger.exception("the worker stopped; exiting so that it is started afresh")
    finally:
        logging.shutdown()
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(code)


if __name__ == "__main__":
    main()
