"""Resuming a topic: a client that was away gets exactly what it missed, or a `reset`
when history no longer reaches back (or its position belongs to another epoch)."""

from __future__ import annotations

from app.orders.events import board_topic
from realtime.history import oldest_position, topic_states
from realtime.protocol import Event, Reset
from tests.factories import make_world, place_draft
from tests.live_fixtures import (
    RecordingClient,
    all_published,
    append_notes,
    events_until,
    forget_history,
    free_port,
    issue_token,
    wait_until,
)
from tests.live_helpers import running_relay, ws_url


async def assert_nothing_more(client) -> None:
    """Nothing else is on its way: a ping's answer comes after every frame sent before it."""
    await client.ping()
    assert client._frames.empty(), client._frames.get_nowait()


async def test_client_that_was_away_gets_exactly_the_missed_events_in_order(
    db, live_server, redis_url
):
    world = await make_world()
    board, notes = board_topic(world.dealer_a.id), f"user:{world.people['alice'].id}"
    _, token = await issue_token(live_server, "alice@test.example")
    async with (
        running_relay(redis_url),
        RecordingClient(ws_url(live_server), token=token, max_backoff=0.1) as live,
    ):
        for topic in (board, notes):
            await live.subscribe(topic)
        await place_draft(world, "alice", [("D-100:piece", 1)])
        await append_notes(notes, 1)
        [*_, last_seen] = await events_until(live, {board: 1, notes: 1})
        assert last_seen.seq == 1

        # The phone goes into a tunnel: the connection breaks and every retry fails.
        live.url = f"ws://127.0.0.1:{free_port()}/ws/v1"
        await live.drop()
        for _ in range(4):
            await place_draft(world, "alice", [("H-1:piece", 2)])
        await append_notes(notes, 6, start=2)
        live.url = ws_url(live_server)

        missed = await events_until(live, {board: 5, notes: 7})
        await assert_nothing_more(live)
    assert [(f.topic, f.seq) for f in missed if f.topic == board] == [
        (board, s) for s in (2, 3, 4, 5)
    ]
    assert [f.data["n"] for f in missed if f.topic == notes] == [2, 3, 4, 5, 6, 7]
    assert [f.seq for f in missed if f.topic == notes] == [2, 3, 4, 5, 6, 7]
    assert live.sent_seqs(board) == [1, 2, 3, 4, 5]  # none twice, not even from the server
    assert live.sent_seqs(notes) == [1, 2, 3, 4, 5, 6, 7]
    assert live.connects == 2


async def test_app_restarted_with_saved_positions_resumes_from_them(db, live_server, redis_url):
    world = await make_world()
    board, notes = board_topic(world.dealer_a.id), f"user:{world.people['alice'].id}"
    _, token = await issue_token(live_server, "alice@test.example")
    async with running_relay(redis_url):
        await place_draft(world, "alice", [("D-100:piece", 1)])
        await append_notes(notes, 3)
        saved = {t: (s.epoch, s.position) for t, s in (await topic_states([board, notes])).items()}
        await place_draft(world, "alice", [("D-100:piece", 1)])
        await append_notes(notes, 2, start=4)
        # A new process of the app, with the positions it saved before it was closed.
        async with RecordingClient(ws_url(live_server), token=token) as live:
            for topic, (epoch, position) in saved.items():
                subscribed = await live.subscribe(topic, position=position, epoch=epoch)
                assert (subscribed.epoch, subscribed.position) == (epoch, position)
            missed = await events_until(live, {board: 2, notes: 5})
            await assert_nothing_more(live)
    assert [(f.topic, f.seq) for f in missed if f.topic == board] == [(board, 2)]
    assert [f.data["n"] for f in missed if f.topic == notes] == [4, 5]
    assert not [f for f in live.received if isinstance(f, Reset)]


async def test_resume_past_history_or_from_another_epoch_gets_a_reset(db, live_server, redis_url):
    world = await make_world()
    notes = f"user:{world.people['alice'].id}"
    _, token = await issue_token(live_server, "alice@test.example")
    async with running_relay(redis_url):
        await append_notes(notes, 10)
        await wait_until(all_published, what="history is pruned only once published")
        # Other topics lose their old events too (the world's memberships told the
        # connections of rights changes): the notes lose seven of their ten.
        assert await forget_history(keep_last=3) >= 7
        assert await oldest_position(notes) == 8
        [state] = (await topic_states([notes])).values()

        async with RecordingClient(ws_url(live_server), token=token, max_backoff=0.1) as live:
            # Just inside history: the kept events follow.
            await live.subscribe(notes, position=7, epoch=state.epoch)
            assert [f.seq for f in await events_until(live, {notes: 10})] == [8, 9, 10]
            await live.unsubscribe(notes)

            # Just outside it: reload, then go on from the current position.
            subscribed = await live.subscribe(notes, position=6, epoch=state.epoch)
            assert subscribed.position == 10
            reset = await live.next_frame()
            assert reset == Reset(
                topic=notes, epoch=state.epoch, position=10, reason="history_expired"
            )
            await append_notes(notes, 1, start=11)
            [after] = await events_until(live, {notes: 11})
            assert (after.seq, after.data["n"]) == (11, 11)

            # After a reset the client resumes from the reset position, with no second reset.
            await live.drop()
            await append_notes(notes, 1, start=12)
            [resumed] = await events_until(live, {notes: 12})
            assert resumed.seq == 12
            await live.unsubscribe(notes)

            # A position from another epoch (say, before the database was restored).
            await live.subscribe(notes, position=5, epoch="0ther3po")
            reset = await live.next_frame()
            assert isinstance(reset, Reset)
            assert (reset.epoch, reset.position) == (state.epoch, 12)
            await live.unsubscribe(notes)

            # A position the topic never reached is not trusted either.
            await live.subscribe(notes, position=99, epoch=state.epoch)
            reset = await live.next_frame()
            assert isinstance(reset, Reset)
            assert (reset.epoch, reset.position) == (state.epoch, 12)
            await assert_nothing_more(live)
    assert not [f for f in live.received if isinstance(f, Event) and f.seq < 8]
