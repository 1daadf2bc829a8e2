"""The hub's memory of a topic (`TopicFeed`): what a resume reads from history is kept
where it joins what the process has seen since, so that the next resumes of that topic,
in a storm after a restart, are served from memory; never with a gap, never beyond the
bound."""

from __future__ import annotations

from datetime import UTC, datetime

from realtime.history import StreamEvent
from realtime.hub import TopicFeed

TOPIC = "dealer:7:orders"


def events(first: int, last: int) -> list[StreamEvent]:
    at = datetime(2026, 11, 24, tzinfo=UTC)
    return [StreamEvent(TOPIC, s, "note", f'{{"n": {s}}}', at) for s in range(first, last + 1)]


def seqs(found: list[StreamEvent] | None) -> list[int] | None:
    return None if found is None else [e.seq for e in found]


def test_a_fresh_feed_keeps_what_the_first_resume_read():
    feed = TopicFeed(TOPIC, "e1", position=40, tail_size=1000)  # just started listening
    assert feed.recent_after(30) is None  # the first resume reads history...
    feed.remember(events(31, 40))
    assert seqs(feed.recent_after(30)) == list(range(31, 41))  # ...the next ones need not
    assert seqs(feed.recent_after(35)) == list(range(36, 41))
    assert feed.recent_after(29) is None  # further back than anyone has read


def test_what_was_read_joins_events_passed_on_meanwhile():
    feed = TopicFeed(TOPIC, "e1", position=40, tail_size=1000)
    for event in events(41, 43):  # live events arrived while the resume read history
        feed.position = event.seq
        feed.tail.append(event)
    feed.remember(events(31, 40))
    assert seqs(feed.recent_after(30)) == list(range(31, 44))


def test_events_that_would_leave_a_gap_are_not_kept():
    feed = TopicFeed(TOPIC, "e1", position=40, tail_size=1000)
    feed.remember(events(31, 38))  # 39 and 40 missing
    assert feed.recent_after(30) is None
    feed.remember([*events(31, 35), *events(37, 40)])  # 36 missing
    assert feed.recent_after(30) is None
    assert len(feed.tail) == 0


def test_memory_stays_within_its_bound():
    feed = TopicFeed(TOPIC, "e1", position=40, tail_size=5)
    for event in events(41, 43):
        feed.position = event.seq
        feed.tail.append(event)
    feed.remember(events(31, 40))
    assert seqs(list(feed.tail)) == [39, 40, 41, 42, 43]
    feed.remember(events(31, 40))  # full: nothing more
    assert seqs(list(feed.tail)) == [39, 40, 41, 42, 43]
