"""The websocket benchmark: `python -m bench.ws` (see docs/benchmarks-websocket.md).

The cabinet's gateway and two baselines (a plain `websockets` server with `broadcast()`
and a Django Channels consumer on channels-redis) serve the same fan-out over loopback,
each in its own server process, to clients spread over a few client processes.
"""
