"""Atomic file writes: a temp file in the same folder, then a rename over the final name.

A crash or a full disk leaves the old file (or none), never half of a new one. Files get the
permissions a plain `open()` would give (0666 less the umask), not mkstemp's private 0600.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path


def current_umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


FILE_MODE = 0o666 & ~current_umask()  # read once: os.umask is process-wide and not thread-safe


def stage_file(path: Path, data: bytes) -> Path:
    """Write `data` to a new temp file beside `path` (folder created if missing); return it."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    temp = Path(name)
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        os.chmod(temp, FILE_MODE)
    except BaseException:
        temp.unlink(missing_ok=True)
        raise
    return temp


def write_atomic(path: Path, data: bytes) -> None:
    """Replace `path` with `data` in one step."""
    temp = stage_file(path, data)
    try:
        os.replace(temp, path)
    except BaseException:
        temp.unlink(missing_ok=True)
        raise
