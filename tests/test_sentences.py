from __future__ import annotations

import itertools
import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from briefing.ingest import split_sentences


def split(text: str) -> list[str]:
    return [sentence.text for sentence in split_sentences(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "The U.S. economy grew 3.5% in 2024. Analysts had expected 2.9%.",
            ["The U.S. economy grew 3.5% in 2024.", "Analysts had expected 2.9%."],
        ),
        (
            "Mr. Smith met Dr. Jones at 5 p.m. on Jan. 5. They talked for 2 hours.",
            ["Mr. Smith met Dr. Jones at 5 p.m. on Jan. 5.", "They talked for 2 hours."],
        ),
        (
            "J. R. R. Tolkien wrote it. He died in 1973.",
            ["J. R. R. Tolkien wrote it.", "He died in 1973."],
        ),
        (
            "The room was No. 1 on the list. It sold out.",
            ["The room was No. 1 on the list.", "It sold out."],
        ),
        (
            "Some vehicles, e.g. Tanks, were lost. Others, i.e. Trucks, were not.",
            ["Some vehicles, e.g. Tanks, were lost.", "Others, i.e. Trucks, were not."],
        ),
        (
            'He said, "We will win." Then he left.',
            ['He said, "We will win."', "Then he left."],
        ),
        (
            "He said, “We will win.” Then he left.",
            ["He said, “We will win.”", "Then he left."],
        ),
        ("“Stop!” he shouted. Nobody did.", ["“Stop!” he shouted.", "Nobody did."]),
        ("It went quiet… Then it rained.", ["It went quiet…", "Then it rained."]),
        ("It went quiet... Then it rained.", ["It went quiet...", "Then it rained."]),
        ("It went... quiet after that.", ["It went... quiet after that."]),
        (
            "Why? Because it rained! Everyone left.",
            ["Why?", "Because it rained!", "Everyone left."],
        ),
        (
            "Costs reached $1.5bn. The fund, worth 3.5 trillion, grew.",
            ["Costs reached $1.5bn.", "The fund, worth 3.5 trillion, grew."],
        ),
        (
            "He works for Acme Inc. The company declined to comment.",
            ["He works for Acme Inc.", "The company declined to comment."],
        ),
        (
            "Troops moved to the U.S. Officials confirmed it.",
            ["Troops moved to the U.S.", "Officials confirmed it."],
        ),
        (
            "Acme Inc. Chief Executive Jo Park resigned.",
            ["Acme Inc. Chief Executive Jo Park resigned."],
        ),
        ("Gen. Syrskyi said 40 units moved.", ["Gen. Syrskyi said 40 units moved."]),
        ("(He denied it.) Then he resigned.", ["(He denied it.)", "Then he resigned."]),
        ("1. First point\n2. Second point", ["1. First point", "2. Second point"]),
        (
            "Casualties rose to 100. Officials blamed shelling.",
            ["Casualties rose to 100.", "Officials blamed shelling."],
        ),
        (
            # a decimal before the stop is no dotted acronym ("U.S."): the sentence ends
            "Inflation eased to 4.5%. Headline prices rose 1.2. Core fell.",
            ["Inflation eased to 4.5%.", "Headline prices rose 1.2.", "Core fell."],
        ),
        ("version 2.0 shipped.", ["version 2.0 shipped."]),
        ("", []),
        ("   \n\n  ", []),
    ],
)
def test_sentence_boundaries(text: str, expected: list[str]) -> None:
    assert split(text) == expected


def test_headlines_without_punctuation_are_their_own_sentences() -> None:
    text = (
        "Blinken announced that about 8,000 soldiers would enter combat.\n"
        "North Korean Reinforcements in Kursk\n"
        "According to Blinken, 80% of them are in Kursk."
    )

    sentences = split_sentences(text)

    assert [s.text for s in sentences] == text.split("\n")
    assert [s.paragraph for s in sentences] == [0, 1, 2]


def test_hard_wrapped_paragraphs_are_joined() -> None:
    text = (
        "Bridge To Close\n"
        "The council voted on Monday to close the bridge for eighteen months while\n"
        "engineers replace all 40 cables. The vote was 9 to 2, officials said on\n"
        "Tuesday.\n"
        "\n"
        "A ferry will run from April."
    )

    sentences = split_sentences(text)

    assert [s.text for s in sentences] == [
        "Bridge To Close",
        "The council voted on Monday to close the bridge for eighteen months while\n"
        "engineers replace all 40 cables.",
        "The vote was 9 to 2, officials said on\nTuesday.",
        "A ferry will run from April.",
    ]
    assert [s.paragraph for s in sentences] == [0, 1, 1, 2]


def test_wrapped_bullet_lines_stay_separate() -> None:
    text = (
        "The statement listed what the government will fund over the next year:\n"
        "- 1,200 new homes for displaced families in the region's three cities\n"
        "- 40 schools that were damaged by shelling during the winter offensive"
    )

    assert len(split(text)) == 3


def test_ids_offsets_and_prefix() -> None:
    text = "  First one.  Second one?\n\nThird one!"

    sentences = split_sentences(text, prefix="A2.")

    assert [s.id for s in sentences] == ["A2.S1", "A2.S2", "A2.S3"]
    assert [(s.start, s.end) for s in sentences] == [(2, 12), (14, 25), (27, 37)]
    assert [s.paragraph for s in sentences] == [0, 0, 1]
    for sentence in sentences:
        assert text[sentence.start : sentence.end] == sentence.text


# --- properties ----------------------------------------------------------------------------------

PIECES = [
    "The", "troops", "moved", "Kursk", "U.S.", "Mr.", "Dr.", "e.g.", "No.", "J.", "Jan.", "3.5",
    "8,000", "80%", "“Yes.”", '"No."', "(ICBM)", "…", "...", "?", "!", ".", ",", "—", "St.", "I",
]  # fmt: skip
SEPARATORS = [" ", " ", " ", "  ", "\n", "\n\n", " \n \n", "\t"]

texts = st.lists(st.tuples(st.sampled_from(PIECES), st.sampled_from(SEPARATORS)), max_size=60).map(
    lambda pairs: "".join(piece + separator for piece, separator in pairs)
)


@given(texts)
def test_sentences_are_ordered_stripped_spans_of_the_text(text: str) -> None:
    sentences = split_sentences(text)

    assert [s.id for s in sentences] == [f"S{n}" for n in range(1, len(sentences) + 1)]
    for sentence in sentences:
        assert text[sentence.start : sentence.end] == sentence.text
        assert sentence.text
        assert sentence.text == sentence.text.strip()
        assert any(char.isalnum() for char in sentence.text)
        assert not re.search(r"\n[ \t]*\n", sentence.text)  # never across a blank line
    for before, after in itertools.pairwise(sentences):
        assert before.end <= after.start
        assert before.paragraph <= after.paragraph


@given(texts)
def test_every_word_is_in_a_sentence(text: str) -> None:
    covered = set()
    for sentence in split_sentences(text):
        covered.update(range(sentence.start, sentence.end))

    assert all(i in covered for i, char in enumerate(text) if char.isalnum())


@given(texts)
def test_splitting_is_deterministic(text: str) -> None:
    assert split_sentences(text) == split_sentences(text)
