"""Pacing of outgoing bot messages, shared by every worker process through Redis.

Telegram allows a bot about one message a second in one chat and about thirty a second
overall, and answers 429 with `retry_after` beyond that. Each send reserves, in one Lua
call with Redis's clock, the next free slot of its chat (one a second) within the first
wall-clock second that still has room among the bot's `GLOBAL_PER_SECOND` (a counter per
second), so several worker processes on several machines keep to one budget, and a chat
with a queue never holds up the others. A slot too far ahead is not waited for: the
delivery is retried later instead of holding a job. A 429 holds the whole bot until its
`retry_after` has passed. (Keys are built inside the script: one Redis, not a cluster.)
"""

from __future__ import annotations

from typing import Any

PER_CHAT_INTERVAL_MS = 1000
GLOBAL_PER_SECOND = 25
MAX_WAIT_MS = 5000
"""A job waits at most this long for its slot; beyond it the delivery is retried later."""

_RESERVE = """
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local slot = math.max(now, tonumber(redis.call('GET', KEYS[1]) or '0'),
                      tonumber(redis.call('GET', KEYS[2]) or '0'))
local second = math.floor(slot / 1000)
for _ = 1, 600 do
  if tonumber(redis.call('GET', KEYS[3] .. second) or '0') < tonumber(ARGV[2]) then break end
  second = second + 1
  slot = math.max(slot, second * 1000)
end
local wait = slot - now
if wait > tonumber(ARGV[3]) then return {-wait, slot} end
redis.call('INCR', KEYS[3] .. second)
redis.call('PEXPIRE', KEYS[3] .. second, wait + 2000)
redis.call('SET', KEYS[1], slot + tonumber(ARGV[1]), 'PX', wait + tonumber(ARGV[1]))
return {wait, slot}
"""

_HOLD = """
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local until_ms = now + tonumber(ARGV[1])
local current = tonumber(redis.call('GET', KEYS[1]) or '0')
if until_ms > current then
  redis.call('SET', KEYS[1], until_ms, 'PX', tonumber(ARGV[1]))
end
return until_ms
"""


class SlotTooFar(Exception):
    """The next free slot is further away than a job should wait."""

    def __init__(self, wait_seconds: float) -> None:
        super().__init__(f"next Telegram slot in {wait_seconds:.1f} s")
        self.wait_seconds = wait_seconds


class TelegramPacer:
    """Reserves send slots per chat and for the whole bot (see the module's docstring)."""

    def __init__(self, redis: Any, *, prefix: str = "telegram:pace:") -> None:
        self._reserve = redis.register_script(_RESERVE)
        self._hold = redis.register_script(_HOLD)
        self._prefix = prefix

    async def reserve(self, chat_id: int) -> float:
        """Seconds to wait before sending to this chat; raises SlotTooFar past MAX_WAIT_MS."""
        wait_ms, _ = await self.reserve_slot(chat_id)
        return wait_ms / 1000

    async def reserve_slot(self, chat_id: int) -> tuple[int, int]:
        """(milliseconds to wait, the slot's Redis time in ms); raises SlotTooFar."""
        wait_ms, slot_ms = await self._reserve(
            keys=[
                f"{self._prefix}chat:{chat_id}",
                f"{self._prefix}hold",
                f"{self._prefix}second:",
            ],
            args=[PER_CHAT_INTERVAL_MS, GLOBAL_PER_SECOND, MAX_WAIT_MS],
        )
        if int(wait_ms) < 0:
            raise SlotTooFar(-int(wait_ms) / 1000)
        return int(wait_ms), int(slot_ms)

    async def hold_all(self, seconds: float) -> None:
        """Telegram said 429: no message of this bot leaves before `seconds` from now."""
        await self._hold(keys=[f"{self._prefix}hold"], args=[max(1, int(seconds * 1000))])
