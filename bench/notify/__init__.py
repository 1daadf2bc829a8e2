"""The notification pipeline benchmark: `python -m bench.notify` (see docs/benchmarks.md,
"Notifications").

10,000 unit moves made through the production service reach 1,000 people in the bell, by
email and in Telegram through a real arq worker, against an SMTP server and the Bot API
stand-in; per channel: deliveries per second, event → delivery delay, duplicates, missing,
next to a baseline that pushes the same number of messages straight to the stand-ins.
"""
