"""The event stream: a small, domain-free library that `app/` configures.

It knows topics, events and positions, never orders or dealers.
"""
