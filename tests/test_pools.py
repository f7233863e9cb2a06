"""Ctrl-C leaves a pool of model calls at once instead of waiting out the HTTP timeout."""

from __future__ import annotations

import threading
import time
from concurrent.futures import Future

import pytest

from briefing.pools import abandon_calls_in_flight, call_pool


def test_ctrl_c_leaves_the_pool_without_waiting_for_calls_in_flight() -> None:
    release = threading.Event()
    calls: list[Future[bool]] = []

    def interrupted() -> None:
        with call_pool(2, "test") as pool:
            calls.append(pool.submit(release.wait, 30))
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        interrupted()
    assert not calls[0].done()  # left while the call was still in flight
    release.set()
    assert calls[0].result(timeout=5) is True


def test_a_pool_left_normally_waits_for_its_calls() -> None:
    done: list[int] = []
    with call_pool(2, "test") as pool:
        pool.submit(lambda: (time.sleep(0.2), done.append(1)))
    assert done == [1]


def test_nothing_in_flight_means_no_early_exit() -> None:
    abandon_calls_in_flight(130)  # would end the test run if it exited
    assert not [t for t in threading.enumerate() if t.name.startswith("briefing-test")]
