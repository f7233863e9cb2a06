"""A content-addressed response cache on disk, safe against crashes and concurrent writers.

A key is the sha256 of everything that decides a model's answer: backend, model, the full
rendered messages (so the article text and every prompt template's wording), the response
schema, sampling settings and the schema version. Editing one prompt template therefore
invalidates exactly the answers that template produced.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from briefing.atomic import write_atomic
from briefing.errors import ConfigError


def cache_key(parts: dict[str, Any]) -> str:
    """sha256 of the canonical JSON of `parts`."""
    canonical = json.dumps(parts, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class CachedReply:
    content: str
    prompt_tokens: int
    completion_tokens: int
    attempts: int = 1


class ResponseCache:
    """One JSON file per answer under `root/ab/<key>.json`, written atomically."""

    def __init__(self, root: Path) -> None:
        self.root = root

    def path(self, key: str) -> Path:
        return self.root / key[:2] / f"{key}.json"

    def get(self, key: str) -> CachedReply | None:
        path = self.path(key)
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            reply = CachedReply(
                content=str(data["content"]),
                prompt_tokens=int(data["prompt_tokens"]),
                completion_tokens=int(data["completion_tokens"]),
                attempts=int(data.get("attempts", 1)),
            )
        except (OSError, ValueError, KeyError, TypeError):
            return None  # missing or unreadable entries are misses; a put will replace them
        with contextlib.suppress(OSError):
            os.utime(path)  # pruning goes by last use
        return reply

    def put(self, key: str, reply: CachedReply) -> None:
        path = self.path(key)
        body = json.dumps(
            {
                "key": key,
                "content": reply.content,
                "prompt_tokens": reply.prompt_tokens,
                "completion_tokens": reply.completion_tokens,
                "attempts": reply.attempts,
            },
            ensure_ascii=False,
        )
        try:
            write_atomic(path, body.encode("utf-8"))
        except OSError as exc:
            raise ConfigError(
                f"cannot write the response cache at {self.root}: {exc.strerror or exc}",
                "Pass --cache DIR with a writable folder, or --no-cache",
            ) from None

    def prune(self, older_than_s: float, *, now: float | None = None) -> tuple[int, int]:
        """Delete entries unused for `older_than_s` seconds (and stale temp files).

        Returns (removed, kept).
        """
        cutoff = (now if now is not None else time.time()) - older_than_s
        removed = kept = 0
        if not self.root.is_dir():
            return 0, 0
        for path in sorted(self.root.glob("*/*.json")):
            try:
                if path.stat().st_mtime < cutoff:
                    path.unlink()
                    removed += 1
                else:
                    kept += 1
            except OSError:
                continue
        for folder in self.root.iterdir():
            if folder.is_dir() and not any(folder.iterdir()):
                folder.rmdir()
        return removed, kept
