from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from briefing.atomic import FILE_MODE, write_atomic


def test_written_files_get_ordinary_permissions(tmp_path: Path) -> None:
    target = tmp_path / "sub" / "brief.json"
    write_atomic(target, b"{}")
    assert target.read_bytes() == b"{}"
    assert stat.S_IMODE(target.stat().st_mode) == FILE_MODE
    assert FILE_MODE & 0o044  # readable by others under a usual umask, unlike mkstemp's 0600


def test_a_failed_rename_leaves_no_temp_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def refuse(*_: object) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(os, "replace", refuse)
    with pytest.raises(OSError, match="disk full"):
        write_atomic(tmp_path / "x.pdf", b"%PDF")
    assert list(tmp_path.iterdir()) == []
