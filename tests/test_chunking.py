from __future__ import annotations

import itertools
import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from briefing.chunking import chunk
from briefing.errors import ConfigError
from briefing.ingest import read_source, split_sentences
from briefing.schema import Chunk, Sentence, Source
from briefing.tokens import count_tokens

SEED = Path(__file__).resolve().parent.parent / "seeds" / "kursk-north-korean-troops.txt"
LINE = re.compile(r"\[(?P<id>[A-Z0-9.]+)\] (?P<text>.*)")


def make_source(text: str, source_id: str = "A1", prefix: str = "") -> Source:
    return Source(
        id=source_id,
        name="test",
        text=text,
        sentences=split_sentences(text, prefix=prefix),
        sha256="0" * 64,
    )


def source_of(sentences: list[str]) -> Source:
    """A source whose sentences are exactly `sentences` (no splitting involved)."""
    text = " ".join(sentences)
    parsed, position = [], 0
    for n, sentence in enumerate(sentences, start=1):
        parsed.append(
            Sentence(id=f"S{n}", text=sentence, start=position, end=position + len(sentence))
        )
        position += len(sentence) + 1
    return Source(name="test", text=text, sentences=parsed, sha256="0" * 64)


def lines_of(piece: Chunk) -> list[tuple[str, str]]:
    lines = []
    for line in piece.text.split("\n"):
        match = LINE.fullmatch(line)
        assert match, line
        lines.append((match["id"], match["text"]))
    return lines


def shared_lines(before: Chunk, after: Chunk) -> int:
    """How many lines `after` repeats from the end of `before`."""
    tail, head = lines_of(before), lines_of(after)
    return max(n for n in range(min(len(tail), len(head)) + 1) if tail[len(tail) - n :] == head[:n])


@pytest.fixture(scope="module")
def seed() -> Source:
    return read_source(SEED)


# --- the seed -----------------------------------------------------------------------------------


def test_seed_fits_one_chunk_at_the_default_budget(seed: Source) -> None:
    [only] = chunk(seed, max_tokens=1200)

    assert only.id == "A1#1"
    assert only.index == 0
    assert only.source_id == "A1"
    assert only.sentence_ids == [f"S{n}" for n in range(1, 25)]
    assert only.n_tokens == 651
    assert (only.start, only.end) == (0, len(seed.text))
    assert only.text.split("\n")[:2] == [
        "[S1] " + seed.sentences[0].text,
        "[S2] North Korean Reinforcements in Kursk",
    ]


def test_seed_in_small_chunks_overlaps_by_one_sentence(seed: Source) -> None:
    chunks = chunk(seed, max_tokens=200, overlap=1)

    assert [c.id for c in chunks] == ["A1#1", "A1#2", "A1#3", "A1#4"]
    assert [c.n_tokens for c in chunks] == [197, 163, 196, 180]
    for before, after in itertools.pairwise(chunks):
        assert before.sentence_ids[-1] == after.sentence_ids[0]
    by_id = {s.id: s for s in seed.sentences}
    for piece in chunks:
        assert piece.start == by_id[piece.sentence_ids[0]].start
        assert piece.end == by_id[piece.sentence_ids[-1]].end
        assert piece.n_tokens <= 200


def test_no_overlap(seed: Source) -> None:
    chunks = chunk(seed, max_tokens=200, overlap=0)

    ids = [sentence_id for piece in chunks for sentence_id in piece.sentence_ids]
    assert ids == [s.id for s in seed.sentences]


def test_overlap_larger_than_a_chunk_still_progresses(seed: Source) -> None:
    chunks = chunk(seed, max_tokens=120, overlap=50)

    assert chunks[-1].sentence_ids[-1] == "S24"
    for before, after in itertools.pairwise(chunks):
        assert after.start > before.start
        assert after.end > before.end


def test_other_encoding(seed: Source) -> None:
    [only] = chunk(seed, max_tokens=1200, encoding="cl100k_base")

    assert only.n_tokens == count_tokens(only.text, "cl100k_base") != 651


def test_chunking_is_deterministic(seed: Source) -> None:
    assert chunk(seed, max_tokens=100) == chunk(seed, max_tokens=100)


# --- sentences and lines ------------------------------------------------------------------------


def test_whitespace_inside_a_sentence_becomes_single_spaces() -> None:
    source = make_source(
        "The council voted on Monday to close the bridge for eighteen months while\n"
        "engineers replace all   40 cables, officials said on Tuesday afternoon.\n"
        "\n"
        "A ferry will run."
    )

    [only] = chunk(source, max_tokens=200)

    assert only.text == (
        "[S1] The council voted on Monday to close the bridge for eighteen months while "
        "engineers replace all 40 cables, officials said on Tuesday afternoon.\n"
        "[S2] A ferry will run."
    )


def test_several_sources_keep_their_ids() -> None:
    source = make_source("One fact. Two facts.", source_id="A2", prefix="A2.")

    [only] = chunk(source, max_tokens=100)

    assert only.id == "A2#1"
    assert only.source_id == "A2"
    assert only.sentence_ids == ["A2.S1", "A2.S2"]
    assert only.text == "[A2.S1] One fact.\n[A2.S2] Two facts."


def test_a_sentence_longer_than_the_budget_is_split_at_words() -> None:
    words = [f"item{n}" for n in range(300)]
    source = source_of(["Short opener.", " ".join(words) + ".", "Short closer."])

    chunks = chunk(source, max_tokens=64, overlap=0)

    parts = [
        text for piece in chunks for sentence_id, text in lines_of(piece) if sentence_id == "S2"
    ]
    assert len(parts) > 3
    assert " ".join(parts) == " ".join(words) + "."
    assert all(piece.n_tokens <= 64 for piece in chunks)
    middle = [piece for piece in chunks if piece.sentence_ids == ["S2"]]
    assert middle
    for piece in middle:
        part = source.text[piece.start : piece.end]
        assert piece.text == "[S2] " + part
        assert source.sentences[1].start <= piece.start < piece.end <= source.sentences[1].end


def test_a_word_longer_than_the_budget_is_split_between_characters() -> None:
    word = "https://example.org/" + "".join(f"{n:04d}" for n in range(2000))
    source = source_of([f"See {word} now."])

    chunks = chunk(source, max_tokens=40, overlap=0)

    parts = [text for piece in chunks for _, text in lines_of(piece)]
    assert "".join(parts).replace(" ", "") == f"See{word}now."
    assert all(piece.n_tokens <= 40 for piece in chunks)
    assert all(piece.sentence_ids == ["S1"] for piece in chunks)


def test_empty_source_has_no_chunks() -> None:
    assert chunk(Source(name="x", text="", sentences=[], sha256="0" * 64), max_tokens=100) == []


def test_budget_too_small_for_one_line_is_a_config_error(seed: Source) -> None:
    with pytest.raises(ConfigError, match="cannot hold one sentence line") as caught:
        chunk(seed, max_tokens=5)

    assert caught.value.hint == "Raise --chunk-tokens."


def test_negative_overlap_is_a_config_error(seed: Source) -> None:
    with pytest.raises(ConfigError, match="overlap must be 0 or more"):
        chunk(seed, max_tokens=100, overlap=-1)


def test_unknown_encoding_is_a_config_error(seed: Source) -> None:
    with pytest.raises(ConfigError, match="unknown token encoding"):
        chunk(seed, max_tokens=100, encoding="p50k_base")


# --- properties ---------------------------------------------------------------------------------

# Words are numbered, so every line of a test source is unique and overlaps can be counted.
VOCABULARY = ["troops", "8,000", "Kursk", "80%", "é", "naïve", "—", "(ICBM)", "said", "3.5", "!"]
sentence_lists = st.lists(
    st.lists(st.sampled_from(VOCABULARY), min_size=1, max_size=30), min_size=1, max_size=20
).map(
    lambda sentences: [
        " ".join(f"{word}{n}w{k}" for k, word in enumerate(words))
        for n, words in enumerate(sentences)
    ]
)
PROPERTY_SETTINGS = settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)


@PROPERTY_SETTINGS
@given(sentence_lists, st.integers(min_value=24, max_value=400), st.integers(0, 4))
def test_every_chunk_fits_its_budget(sentences: list[str], max_tokens: int, overlap: int) -> None:
    for piece in chunk(source_of(sentences), max_tokens=max_tokens, overlap=overlap):
        assert piece.n_tokens == count_tokens(piece.text)
        assert piece.n_tokens <= max_tokens


@PROPERTY_SETTINGS
@given(sentence_lists, st.integers(min_value=24, max_value=400), st.integers(0, 4))
def test_chunks_cover_every_sentence_in_order(
    sentences: list[str], max_tokens: int, overlap: int
) -> None:
    source = source_of(sentences)
    chunks = chunk(source, max_tokens=max_tokens, overlap=overlap)

    assert [c.id for c in chunks] == [f"A1#{n}" for n in range(1, len(chunks) + 1)]
    assert [c.index for c in chunks] == list(range(len(chunks)))
    read: list[tuple[str, str]] = []  # every line once, in order, overlaps skipped
    for n, piece in enumerate(chunks):
        skip = shared_lines(chunks[n - 1], piece) if n else 0
        assert skip <= overlap
        read.extend(lines_of(piece)[skip:])
        assert piece.sentence_ids == list(dict.fromkeys(i for i, _ in lines_of(piece)))
    for before, after in itertools.pairwise(chunks):
        assert before.start < after.start
        assert before.end < after.end
    rebuilt = {
        sentence_id: " ".join(text for _, text in group)
        for sentence_id, group in itertools.groupby(read, key=lambda line: line[0])
    }
    assert list(rebuilt) == [s.id for s in source.sentences]
    assert list(rebuilt.values()) == sentences


@PROPERTY_SETTINGS
@given(sentence_lists, st.integers(1, 3))
def test_neighbours_share_exactly_overlap_sentences_when_the_budget_allows(
    sentences: list[str], overlap: int
) -> None:
    source = source_of(sentences)
    longest = max(count_tokens(f"[{s.id}] {s.text}\n") for s in source.sentences)
    chunks = chunk(source, max_tokens=(overlap + 2) * longest, overlap=overlap)

    for before, after in itertools.pairwise(chunks):
        assert before.sentence_ids[-overlap:] == after.sentence_ids[:overlap]
        assert len(set(before.sentence_ids) & set(after.sentence_ids)) == overlap
