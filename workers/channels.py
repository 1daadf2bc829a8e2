"""What every outside channel's sender (email, Telegram) may raise to the delivery job."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

HAND_OVER = "hand_over"
"""The `ctx` key of the delivery job's callback that a sender awaits (through `hand_over`)
right before the step that cannot be taken back."""


class ChannelRetry(Exception):
    """The channel is away or asked us to slow down: try this delivery again later."""

    def __init__(self, after_seconds: float, reason: str) -> None:
        super().__init__(reason)
        self.after_seconds = after_seconds
        self.reason = reason


class ChannelUnavailable(Exception):
    """Nothing to send to (no address, no linked chat): the delivery is skipped, not failed."""


class ChannelRefused(Exception):
    """The channel refused this message for good (bad address, bot blocked): do not retry."""


async def hand_over(ctx: dict[str, Any]) -> None:
    """Say "the message is leaving now": the mail's DATA, the bot's sendMessage.

    Before this, a worker that dies leaves its delivery to be retried (nothing left);
    after it, the delivery can only be uncertain (never sent twice). A sender called
    outside a delivery job (a test, a script) has no callback: nothing happens.
    """
    callback: Callable[[], Awaitable[Any]] | None = ctx.get(HAND_OVER)
    if callback is not None:
        await callback()
