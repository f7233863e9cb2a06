from __future__ import annotations

from briefing.assemble import draft_brief, echoes, fallback_title
from briefing.ingest import split_sentences
from briefing.llm_schemas import ChunkNotes, DraftImplication, NoteFact, Synthesis
from briefing.schema import Source
from briefing.summarize import MergedNotes, StyleLimits, merge_notes

TEXT = (
    "Blinken said 8,000 troops will fight in Kursk.\n"
    "North Korean Reinforcements in Kursk\n"
    "Ukraine holds 460 square miles."
)
SOURCE = Source(name="seed", text=TEXT, sentences=split_sentences(TEXT), sha256="0")
INSTRUCTIONS = ["title: A short, factual headline for the brief."]


def synthesis(title: str, bluf: str, implications: list[str] | None = None) -> Synthesis:
    return Synthesis(
        title=title,
        bluf=bluf,
        key_facts=["F2"],
        implications=[
            DraftImplication(text=t, likelihood="likely", confidence="low", citations=["[S1]"])
            for t in implications or []
        ],
    )


def merged() -> MergedNotes:
    facts = [
        NoteFact(text="Blinken said 8,000 troops will fight.", citations=["S1"]),
        NoteFact(text="Ukraine holds 460 square miles.", citations=["S3"]),
    ]
    return merge_notes([ChunkNotes(facts=facts, actors=[], events=[])])


def test_echoed_prompt_text_is_not_a_title() -> None:
    assert echoes("A short factual headline.", INSTRUCTIONS)
    draft = draft_brief(
        merged(),
        synthesis("A short factual headline.", "x y z"),
        [SOURCE],
        StyleLimits(),
        instructions=INSTRUCTIONS,
    )
    assert draft.title == "North Korean Reinforcements in Kursk"


def test_a_title_in_words_the_source_never_uses_is_replaced() -> None:
    draft = draft_brief(
        merged(),
        synthesis("Aktuellen Kommun im Korea", "b"),
        [SOURCE],
        StyleLimits(),
        instructions=INSTRUCTIONS,
    )
    assert draft.title == "North Korean Reinforcements in Kursk"


def test_extractive_profiles_build_the_bluf_from_the_key_facts() -> None:
    draft = draft_brief(
        merged(),
        synthesis("Troops in Kursk", "Invented 9,999."),
        [SOURCE],
        StyleLimits(style="extractive"),
        instructions=INSTRUCTIONS,
    )
    assert (
        draft.bluf.text == "Ukraine holds 460 square miles. Blinken said 8,000 troops will fight."
    )
    assert draft.bluf.citations == ["S3", "S1"]
    assert draft.title == "North Korean Reinforcements in Kursk"  # the article's, not the model's


def test_abstractive_bluf_is_kept_and_repeated_judgments_are_merged() -> None:
    draft = draft_brief(
        merged(),
        synthesis(
            "Troops",
            "Kursk fighting is imminent.",
            ["Fighting will widen.", "Fighting will widen!"],
        ),
        [SOURCE],
        StyleLimits(),
        instructions=INSTRUCTIONS,
    )
    assert draft.bluf.text == "Kursk fighting is imminent."
    assert [(i.text, i.citations) for i in draft.implications] == [("Fighting will widen.", ["S1"])]


def test_fallback_title_without_headline_cuts_the_first_sentence() -> None:
    text = "A very long first sentence " + "that goes on " * 10 + "and ends."
    source = Source(name="x", text=text, sentences=split_sentences(text), sha256="0")
    title = fallback_title(source)
    assert title.endswith("\u2026")
    assert len(title) <= 91


def test_small_model_judgments_must_be_grounded_and_low_confidence() -> None:
    draft = draft_brief(
        merged(),
        synthesis(
            "t",
            "b",
            [
                "The implications are concerning with far-reaching consequences.",
                "Troops will fight in Kursk.",
            ],
        ),
        [SOURCE],
        StyleLimits(style="extractive"),
        instructions=INSTRUCTIONS,
    )
    assert [(i.text, i.confidence) for i in draft.implications] == [
        ("Troops will fight in Kursk.", "low")
    ]


def test_facts_quoted_in_the_bluf_are_not_listed_again() -> None:
    facts = [
        NoteFact(text=f"Fact number {word} about Kursk.", citations=[f"S{i + 1}"])
        for i, word in enumerate(["one", "two", "three", "four"])
    ]
    notes = merge_notes([ChunkNotes(facts=facts, actors=[], events=[])])
    draft = draft_brief(
        notes,
        Synthesis(title="t", bluf="b", key_facts=[], implications=[]),
        [SOURCE],
        StyleLimits(style="extractive"),
        instructions=INSTRUCTIONS,
    )
    assert draft.bluf.text == "Fact number one about Kursk. Fact number two about Kursk."
    assert [(f.id, f.text) for f in draft.facts] == [
        ("F1", "Fact number three about Kursk."),
        ("F2", "Fact number four about Kursk."),
    ]


def test_small_model_judgments_may_not_bring_new_names() -> None:
    draft = draft_brief(
        merged(),
        synthesis("t", "b", ["The Department of the Navy said troops will fight in Kursk."]),
        [SOURCE],
        StyleLimits(style="extractive"),
        instructions=INSTRUCTIONS,
    )
    assert draft.implications == []
