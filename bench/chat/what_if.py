"""What-ifs for the chat's per-reader `chat.unread_changed` events, put in from outside.

`app.chat.posting._insert` appends, with the message's `chat.message_posted`, one
`chat.unread_changed` per reader whose counter changed (built by
`app.chat.read_marks.unread_events`), all in one `realtime.outbox.append_events` batch:
two statements whatever the room's size. What they still cost is the per-event work
after the commit: 13 more outbox rows for the relay to read and publish, 13 more bus
messages for the hub, 13 more frames to send.

- `no-unread-events`: nobody is told (counters are still kept): what the events cost,
  the figure behind the question whether the unread contract should change (one event
  per room from which each client counts, instead of one per reader).
"""

from __future__ import annotations

from typing import Any

WHAT_IFS = ("no-unread-events",)
ENVIRONMENT = "BENCH_CHAT_WHAT_IF"
"""The server reads the what-if from this variable (empty: the application as it is)."""


def no_unread_events(*args: Any, **kwargs: Any) -> list[Any]:
    """Nobody is told that their unread count changed."""
    return []
