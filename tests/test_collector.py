"""The web process tunes its garbage collector once it has started (app/collector.py)."""

from __future__ import annotations

import gc

from app.collector import YOUNG_THRESHOLD, tune_collector


async def test_the_started_app_freezes_its_heap_and_collects_the_young_less_often(app_client):
    assert gc.get_threshold()[0] == YOUNG_THRESHOLD
    assert gc.get_freeze_count() > 0
    frozen = gc.get_freeze_count()
    tune_collector()  # once per process: a second app in it changes nothing
    assert gc.get_freeze_count() == frozen
