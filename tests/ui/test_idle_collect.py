"""ui/idle_collect.py: one full collection after the server has been quiet, never during a rerun."""
from __future__ import annotations

import gc
import weakref

import pytest

from ui.idle_collect import IdleCollector


class Clock:
    def __init__(self):
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def test_collects_once_after_the_last_rerun_has_been_quiet_long_enough():
    clock, done = Clock(), []
    collector = IdleCollector((5,), clock, lambda: done.append(clock.now))
    assert not collector.collect_if_quiet()  # no rerun yet: nothing to collect
    with collector.rerun():
        clock.now += 20
        assert not collector.collect_if_quiet()  # never while a rerun runs, however long it takes
    clock.now += 4.9
    assert not collector.collect_if_quiet()
    clock.now += 0.2
    assert collector.collect_if_quiet() and done == [pytest.approx(125.1)]
    clock.now += 60
    assert not collector.collect_if_quiet()  # once per quiet spell, not every few seconds


def test_once_more_when_the_closed_sessions_have_expired():
    """Closed sessions are kept for a reconnect (their TTL) and only then become garbage: a second collection."""
    clock, done = Clock(), []
    collector = IdleCollector((5, 5 + 120 + 1), clock, lambda: done.append(clock.now))
    with collector.rerun():
        pass
    for _ in range(300):  # the watching thread's ticks, one simulated second apart
        clock.now += 1
        collector.collect_if_quiet()
    assert done == [105, 226]
    with collector.rerun():  # a new visitor: the next quiet spell starts over
        pass
    clock.now += 5
    assert collector.collect_if_quiet() and len(done) == 3


def test_overlapping_reruns_and_a_failed_one():
    clock, done = Clock(), []
    collector = IdleCollector((5,), clock, lambda: done.append(clock.now))
    with collector.rerun():
        with pytest.raises(RuntimeError), collector.rerun():  # st.stop / a rerun request end a script by raising
            raise RuntimeError("stopped")
        clock.now += 10
        assert not collector.collect_if_quiet()  # the other session's rerun still runs
    assert collector.running == 0
    clock.now += 5
    assert collector.collect_if_quiet() and done


def test_the_default_collection_frees_reference_cycles():
    class Node:
        pass

    gc.disable()  # as between Python's own threshold collections
    try:
        node = Node()
        node.me = node  # a cycle: reference counting alone never frees it
        alive = weakref.ref(node)
        del node
        assert alive() is not None
        clock = Clock()
        collector = IdleCollector((1,), clock)
        with collector.rerun():
            pass
        clock.now += 1
        assert collector.collect_if_quiet()
        assert alive() is None
    finally:
        gc.enable()
