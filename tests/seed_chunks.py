"""A chunk of the seed article, for tests of the stages after chunking."""

from __future__ import annotations

from briefing.chunking import chunk
from briefing.ingest import read_source
from briefing.schema import Chunk
from tests.conftest import SEED


def seed_chunk() -> Chunk:
    return chunk(read_source(SEED), max_tokens=2000)[0]
