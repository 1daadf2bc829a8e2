"""The chat benchmark: `python -m bench.chat` (see docs/benchmarks.md, "Chat").

2,000 people connected to 200 rooms send 200 messages/s with the websocket command
`chat.send`; every member's receipt is timed, every message checked stored and delivered
once, and the server's SQL time is summed per message, on SQLite and on PostgreSQL, next
to a baseline that carries the same messages through the same path without chat logic.
"""
