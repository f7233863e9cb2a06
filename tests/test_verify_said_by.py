"""A figure credited to a speaker of a transcript must be one that speaker gives."""

from __future__ import annotations

import pytest

from briefing.sentences import split_sentences
from briefing.verify import check_document
from briefing.verify_said_by import read_turns

MEETING = (
    "Professor Lindqvist: So where are we with the annotation?\n"
    "Grad A (Tomas): About four thousand two hundred utterances done. Kappa's around point "
    "seven one.\n"
    "Grad B (Ines): For prosody I've only done, like, three hundred.\n"
    "Chair (Ms Okafor): So that's a shortfall of, what, fifteen hundred?\n"
    "Professor Lindqvist: We have budget for two more annotators."
)


@pytest.mark.parametrize(
    ("claim", "status"),
    [
        ("Tomas reported a kappa of around 0.71.", "exact"),
        ("Ines reported a kappa of around 0.71.", "mismatch"),
        ("Ines said she had annotated 300 prosody items.", "exact"),
        ("Tomas said he had annotated 300 prosody items.", "mismatch"),
        ("The professor said there was budget for two more annotators.", "exact"),
        ("Ms Okafor noted a shortfall of 1,500.", "exact"),
        ("The chair noted a shortfall of 1,500.", "exact"),
        ("The professor noted a shortfall of 1,500.", "mismatch"),
        # a credit to nobody the transcript labels is not questioned
        ("Analysts said about 4,200 utterances were done.", "exact"),
        ("The team reported about 4,200 utterances done.", "exact"),
    ],
)
def test_a_figure_is_credited_to_the_speaker_who_gives_it(claim: str, status: str) -> None:
    checks = [c for c in check_document(MEETING, claim) if c.kind != "date"]
    assert checks[0].status == status, checks[0]


def test_the_mismatch_names_the_speaker_who_gives_it() -> None:
    check = check_document(MEETING, "Ines reported a kappa of around 0.71.")[0]
    assert check.note == "the source gives this figure to another speaker (Grad A (Tomas))"
    assert check.evidence is not None
    assert check.evidence.text == "Kappa's around point seven one."


def test_only_the_first_figure_after_the_verb_is_credited() -> None:
    claim = "Ines said she had done 300, against the 4,200 utterances done overall."
    assert [c.status for c in check_document(MEETING, claim)] == ["exact", "exact"]


def test_a_sentence_keeps_the_label_of_its_line() -> None:
    turns = read_turns(split_sentences(MEETING))
    assert turns.by_sentence["S3"] == frozenset({"grad", "tomas"})  # "Kappa's around ..."
    assert len(turns.speakers) == 4


def test_prose_has_no_turns() -> None:
    prose = "Officials said 40 people died. Rescuers found 12 more on Tuesday.\nIt rained."
    assert read_turns(split_sentences(prose)).speakers == ()


CALL = (
    "Graham Haldane, CEO: Premiums written grew 9% to 3.8 billion pounds in the first half.\n"
    "Sophie Lang, CFO: Our solvency ratio stands at 178%, above our target range.\n"
    "Oliver Brandt, Keswick Capital: How does that compare with your budget?"
)


@pytest.mark.parametrize(
    ("claim", "status"),
    [
        ("Graham Haldane said the solvency ratio stood at 178%.", "mismatch"),
        ("Sophie Lang said the solvency ratio stood at 178%.", "exact"),
        ("The CFO said the solvency ratio stood at 178%.", "exact"),
        ("The CEO said premiums grew 9%.", "exact"),
    ],
)
def test_a_label_with_a_role_after_a_comma_names_the_speaker(claim: str, status: str) -> None:
    assert check_document(CALL, claim)[0].status == status


BAKERY = (
    "HOST: And now you've got, what, three locations?\n"
    "GUEST (Rosa): Four, actually, we opened the one in Eastfield in March. And about sixty "
    "employees total."
)


@pytest.mark.parametrize(
    ("claim", "supported"),
    [
        ("Her bakery now has four locations.", True),  # the answer to the host's question
        ("The bakery has roughly 60 staff.", True),  # staff and employees: one thing
    ],
)
def test_a_number_that_answers_a_question_is_said_of_it(claim: str, supported: bool) -> None:
    checks = check_document(BAKERY, claim)
    assert all(c.supported for c in checks) is supported
