from __future__ import annotations

import os
import time
from pathlib import Path

from briefing.cache import CachedReply, ResponseCache, cache_key


def test_key_is_stable_and_sensitive() -> None:
    a = cache_key({"messages": ["x"], "model": "m"})
    assert a == cache_key({"model": "m", "messages": ["x"]})
    assert a != cache_key({"model": "m", "messages": ["y"]})


def test_round_trip_and_corrupt_entry_is_a_miss(tmp_path: Path) -> None:
    cache = ResponseCache(tmp_path)
    key = cache_key({"k": 1})
    assert cache.get(key) is None
    cache.put(key, CachedReply("{}", 10, 5, 2))
    assert cache.get(key) == CachedReply("{}", 10, 5, 2)
    cache.path(key).write_text('{"content": ')  # a crash mid-write by another tool
    assert cache.get(key) is None
    assert not list(tmp_path.glob("*/.*.tmp"))


def test_prune_removes_only_old_entries(tmp_path: Path) -> None:
    cache = ResponseCache(tmp_path)
    old, new = cache_key({"n": 1}), cache_key({"n": 2})
    cache.put(old, CachedReply("a", 1, 1))
    cache.put(new, CachedReply("b", 1, 1))
    ten_days_ago = time.time() - 10 * 86400
    os.utime(cache.path(old), (ten_days_ago, ten_days_ago))
    assert cache.prune(7 * 86400) == (1, 1)
    assert cache.get(old) is None
    assert cache.get(new) is not None
