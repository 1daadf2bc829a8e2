"""The processes a run drives: the client processes, the cabinet's server, CPU readings."""

from __future__ import annotations

import json
import multiprocessing
import os
import subprocess
import sys
import time
import urllib.request
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

import psutil

from bench.chat.clients import run_worker
from bench.chat.server_app import STORED_PATH
from bench.ws.servers import UVICORN_FLAGS, free_port, proc_cpu

_spawn = multiprocessing.get_context("spawn")


class ClientPool:
    """The client processes; person n lives in process n % size."""

    def __init__(self, size: int) -> None:
        self.pipes: list[Connection] = []
        self.processes = []
        for _ in range(size):
            ours, theirs = _spawn.Pipe()
            process = _spawn.Process(target=run_worker, args=(theirs,), daemon=True)
            process.start()
            self.pipes.append(ours)
            self.processes.append(process)

    def send(self, command: str, per_worker: list[dict[str, Any]]) -> None:
        for pipe, arguments in zip(self.pipes, per_worker, strict=True):
            pipe.send((command, arguments))

    def collect(self, timeout: float = 600) -> list[Any]:
        results = []
        for pipe in self.pipes:
            if not pipe.poll(timeout):
                raise TimeoutError("a client process did not answer")
            result = pipe.recv()
            if isinstance(result, dict) and "error" in result:
                raise RuntimeError(f"client process: {result['error']}")
            results.append(result)
        return results

    def call(self, command: str, timeout: float = 600, **arguments: Any) -> list[Any]:
        """The same command to every process; their answers in process order."""
        self.send(command, [arguments] * len(self.pipes))
        return self.collect(timeout)

    def pids(self) -> list[int]:
        return [p.pid for p in self.processes if p.pid is not None]

    def close(self) -> None:
        for pipe in self.pipes:
            pipe.send(("exit", {}))
        for process in self.processes:
            process.join(30)
            if process.is_alive():
                process.kill()


class CabinetServer:
    """`uvicorn bench.chat.server_app:create_app`, one process, flags as in production."""

    def __init__(self, env: dict[str, str], workdir: Path) -> None:
        self.port = free_port()
        self.log = workdir / f"server-{self.port}.log"
        command = [sys.executable, "-m", "uvicorn", "--host", "127.0.0.1", "--port"]
        command += [str(self.port), "bench.chat.server_app:create_app", "--factory"]
        with self.log.open("wb") as out:
            self.process = subprocess.Popen(
                [*command, *UVICORN_FLAGS],
                env={**os.environ, **env, "PYTHONUNBUFFERED": "1"},
                stdout=out,
                stderr=subprocess.STDOUT,
                cwd=Path(__file__).resolve().parents[2],
            )
        deadline = time.monotonic() + 90
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"server exited: {self.log.read_text()[-2000:]}")
            try:
                self.get(STORED_PATH)  # the lifespan (database, hub, relay) has run
                return
            except OSError:
                time.sleep(0.3)
        self.stop()
        raise RuntimeError(f"server did not start: {self.log.read_text()[-2000:]}")

    @property
    def url(self) -> str:
        return f"ws://127.0.0.1:{self.port}/ws/v1"

    def get(self, path: str) -> dict[str, Any]:
        with urllib.request.urlopen(f"http://127.0.0.1:{self.port}{path}", timeout=60) as answer:
            return json.loads(answer.read())

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(20)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(10)

    def complaints(self) -> dict[str, int]:
        """The server log's warnings and errors, by message (the log goes with the workdir)."""
        found: dict[str, int] = {}
        for line in self.log.read_text(errors="replace").splitlines():
            if line.startswith(("WARNING", "ERROR", "CRITICAL")):
                message = line.rsplit(" - ", 1)[-1][:120]
                found[message] = found.get(message, 0) + 1
        return found


def cpu_seconds(pids: list[int]) -> float:
    """User + system CPU of processes (gone ones count as 0)."""
    total = 0.0
    for pid in pids:
        try:
            total += proc_cpu(pid)
        except (FileNotFoundError, ProcessLookupError):
            pass
    return total


def database_cpu_seconds(postmaster: int | None) -> float:
    """CPU of a PostgreSQL server: its live processes, plus the backends that have exited
    (their time is added to the postmaster's `cutime`/`cstime` when it reaps them)."""
    if postmaster is None:
        return 0.0
    try:
        children = [c.pid for c in psutil.Process(postmaster).children(recursive=True)]
        fields = Path(f"/proc/{postmaster}/stat").read_text().rsplit(")", 1)[1].split()
    except (psutil.NoSuchProcess, FileNotFoundError):
        return 0.0
    reaped = (int(fields[13]) + int(fields[14])) / os.sysconf("SC_CLK_TCK")
    return cpu_seconds([postmaster, *children]) + reaped
