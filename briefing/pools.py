"""Thread pools for model calls that Ctrl-C can leave at once.

A `with ThreadPoolExecutor()` block waits for every call in flight when it is left, and Python
waits again for the pool's threads at exit: a Ctrl-C could hang for the whole HTTP timeout.
These pools are left without waiting on Ctrl-C, and `abandon_calls_in_flight` ends the process
without joining threads that are still waiting on a model.
"""

from __future__ import annotations

import os
import sys
import threading
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager

PREFIX = "briefing-"


@contextmanager
def call_pool(workers: int, name: str) -> Iterator[ThreadPoolExecutor]:
    """A pool of `workers` threads named briefing-`name`; waited for unless Ctrl-C ends it."""
    pool = ThreadPoolExecutor(workers, thread_name_prefix=f"{PREFIX}{name}")
    try:
        yield pool
    except KeyboardInterrupt:
        pool.shutdown(wait=False, cancel_futures=True)
        raise
    except BaseException:
        pool.shutdown(wait=True, cancel_futures=True)
        raise
    pool.shutdown(wait=True)


def abandon_calls_in_flight(exit_code: int) -> None:
    """After Ctrl-C: exit now if pool threads are still waiting on a model, else return.

    Nothing is lost: outputs and cache entries are written whole or not at all, and the embedded
    server was stopped when its connection closed.
    """
    busy = [t for t in threading.enumerate() if t.name.startswith(PREFIX) and t.is_alive()]
    if busy:
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(exit_code)
