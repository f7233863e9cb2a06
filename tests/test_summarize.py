from __future__ import annotations

from briefing.llm_schemas import ChunkNotes, NoteActor, NoteEvent, NoteFact, Synthesis
from briefing.summarize import (
    clean_claim,
    merge_notes,
    normalize_id,
    pick_key_facts,
    same_actor,
    split_markers,
)


def notes(*facts: tuple[str, list[str]], actors: list[NoteActor] | None = None) -> ChunkNotes:
    return ChunkNotes(
        facts=[NoteFact(text=t, citations=c) for t, c in facts], actors=actors or [], events=[]
    )


def actor(name: str, role: str = "", cites: list[str] | None = None) -> NoteActor:
    return NoteActor(name=name, kind="person", role=role, action="Spoke.", citations=cites or [])


def test_ids_are_normalised() -> None:
    assert [normalize_id(x) for x in ["[S3]", " s03 ", "A2.S5", "(S12)"]] == [
        "S3",
        "S3",
        "A2.S5",
        "S12",
    ]


def test_markers_in_text_become_citations() -> None:
    assert split_markers("[S1] Troops arrived [S2, S4].") == (
        "Troops arrived .",
        ["S1", "S2", "S4"],
    )
    assert clean_claim("8,000 troops arrived [", ["S1"]) == ("8,000 troops arrived", ["S1"])


def test_overlapping_chunks_do_not_duplicate_facts_and_citations_unite() -> None:
    merged = merge_notes(
        [
            notes(("About 8,000 North Korean troops are in Kursk.", ["S1"])),
            notes(
                ("About 8,000 North Korean troops are in Kursk", ["S2"]),
                ("Ukraine captured 460 square miles.", ["S4"]),
            ),
        ]
    )
    assert [(f.id, f.citations) for f in merged.facts] == [("F1", ["S1", "S2"]), ("F2", ["S4"])]


def test_a_fact_that_is_only_a_marker_is_dropped() -> None:
    assert merge_notes([notes(("[S1]", []))]).facts == []


def test_actors_merge_by_surname_but_not_across_countries() -> None:
    assert same_actor("Blinken", "Antony Blinken")
    assert not same_actor("South Korea", "North Korea")
    merged = merge_notes(
        [
            notes(actors=[actor("Blinken", cites=["S1"])]),
            notes(actors=[actor("Antony Blinken", "Secretary of State", ["S3"])]),
        ]
    )
    assert [(a.name, a.role, a.citations) for a in merged.actors] == [
        ("Antony Blinken", "Secretary of State", ["S1", "S3"])
    ]


def test_events_without_a_date_are_left_out() -> None:
    event = NoteEvent(when="", text="Something happened.", citations=["S1"])
    assert merge_notes([ChunkNotes(facts=[], actors=[], events=[event])]).events == []


def test_key_facts_follow_the_model_then_source_order() -> None:
    merged = merge_notes([notes(("One a.", ["S1"]), ("Two b.", ["S2"]), ("Three c.", ["S3"]))])
    synthesis = Synthesis(title="t", bluf="b", key_facts=["f3", "F9", "F3"], implications=[])
    assert [f.id for f in pick_key_facts(merged, synthesis, 2)] == ["F3", "F1"]


def test_small_models_pick_sentences_and_the_program_copies_them() -> None:
    from briefing.llm_schemas import PickedActor, PickedEvent, PickedFact, PickedNotes
    from briefing.summarize import chunk_sentences, notes_from_picks
    from tests.seed_chunks import seed_chunk

    chunk = seed_chunk()
    sentences = chunk_sentences(chunk)
    picks = PickedNotes(
        facts=[PickedFact(sentence="S4"), PickedFact(sentence="S2"), PickedFact(sentence="S99")],
        actors=[
            PickedActor(name="Antony Blinken", kind="person", role="", sentence="S1"),
            PickedActor(name="Vladimir Lenin", kind="person", role="", sentence="S1"),
        ],
        events=[
            PickedEvent(when="Thursday", sentence="S1"),
            PickedEvent(when="1917", sentence="S1"),
        ],
    )
    notes = notes_from_picks(picks, sentences, min_facts=3)
    # S2 is a headline and S99 does not exist; the leading statements fill up to three.
    assert [f.citations for f in notes.facts] == [["S4"], ["S1"], ["S3"]]
    assert notes.facts[0].text == sentences["S4"]
    assert [a.name for a in notes.actors] == ["Antony Blinken"]
    assert [e.when for e in notes.events] == ["Thursday"]


def test_sentence_fields_are_limited_to_the_chunk_ids() -> None:
    from briefing.llm_schemas import PickedNotes, json_schema_for

    schema = json_schema_for(PickedNotes, {"facts": 5}, ["S1", "S2"])
    assert schema["$defs"]["PickedFact"]["properties"]["sentence"]["enum"] == ["S1", "S2"]
    assert schema["properties"]["facts"]["maxItems"] == 5


def test_actor_actions_condense_the_sentence_after_the_name() -> None:
    from briefing.summarize import condense_action

    sentence = (
        "U.S. Secretary of State Antony Blinken announced on Thursday that approximately 8,000 "
        "North Korean soldiers stationed in Russia are expected to commence combat operations."
    )
    assert condense_action(sentence, "Antony Blinken") == (
        "announced on Thursday that approximately 8,000 North Korean soldiers stationed in "
        "Russia are expected to commence\u2026"
    )
    assert condense_action("The deal was signed, said Blinken.", "Blinken") == (
        "The deal was signed, said Blinken."
    )


def test_picked_roles_must_come_from_the_sentence() -> None:
    from briefing.summarize import grounded_role

    sentence = "U.S. Secretary of State Antony Blinken announced on Thursday."
    assert grounded_role("Secretary of State", sentence) == "Secretary of State"
    assert grounded_role("senior_official", sentence) == ""
