"""What every outside channel's sender (email, Telegram) may raise to the delivery job."""

from __future__ import annotations


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
