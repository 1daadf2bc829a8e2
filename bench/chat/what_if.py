"""What-ifs for the chat's unread events, put in from outside.

`app.chat.posting._insert` appends, with the message's `chat.message_posted`, one
`chat.activity` on the dealer's chat topic (its people count from it) and one
`chat.unread_changed` per staff reader (built by `app.chat.read_marks.unread_events`),
all in one `realtime.outbox.append_events` batch. What they cost is the per-event work
after the commit: outbox rows for the relay to read and publish, bus messages for the
hub, frames to send.

- `no-unread-events`: the staff readers are not told (counters are still kept): what
  their per-reader events still cost. (Before the dealer's people counted from one
  event, this what-if removed 13 events and 13 frames per message and took the
  benchmark's p99 from 2.7 s to 60 ms; docs/benchmarks.md "Chat".)
- `sqlite-synchronous-normal`: the server's SQLite connection with `synchronous=NORMAL`
  (WAL without an fsync per commit; a power loss may lose the last commits): what the
  commit's fsync costs a send on SQLite, where one connection per process queues them.
- `no-group-commit`: every send its own transaction and commit, as before
  `app.db.write` grouped them on SQLite (`app.group_commit.GroupCommit`): what the
  grouping is worth.
"""

from __future__ import annotations

from typing import Any

WHAT_IFS = ("no-unread-events", "sqlite-synchronous-normal", "no-group-commit")
ENVIRONMENT = "BENCH_CHAT_WHAT_IF"
"""The server reads the what-if from this variable (empty: the application as it is)."""


def no_unread_events(*args: Any, **kwargs: Any) -> list[Any]:
    """Nobody is told that their unread count changed."""
    return []


def server_database_url(url: str, what: str) -> str:
    """The server's database URL under a what-if (the seeding process keeps the plain one)."""
    if what == "sqlite-synchronous-normal" and url.startswith("sqlite"):
        return url + ("&" if "?" in url else "?") + "synchronous=NORMAL"
    return url
