"""Make the synthesis prompt fit the model's context.

One chunk's notes are small, but a long article has many chunks: a 50,000-word article makes
about 110 chunks on the embedded model, and their notes made a synthesis prompt of about 20,000
tokens for a server whose context is 8,192. When the notes do not fit, the synthesis reads
fewer of them: first the actors are cut to the profile's limit, then facts are left out,
evenly across the article so every part keeps some (ids unchanged, so the answer still maps
back). The program's own choice of facts for the brief still sees every note.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from briefing.tokens import count_tokens, prompt_tokens

if TYPE_CHECKING:
    from briefing.summarize import MergedFact, MergedNotes

Message = dict[str, str]
# tiktoken's o200k_base counts fewer tokens than a small model's own tokenizer (a 49k-token
# vocabulary splits English into more pieces), and the server adds its chat template: a prompt
# may use this share of what the answer leaves of the context.
CONTEXT_SHARE = 0.8


def prompt_budget(n_ctx: int | None, answer_tokens: int) -> int | None:
    """Prompt tokens (tiktoken count) a call may send so that prompt and answer fit."""
    if n_ctx is None:
        return None
    return max(0, int((n_ctx - answer_tokens) * CONTEXT_SHARE))


def message_tokens(messages: Sequence[Message]) -> int:
    return prompt_tokens([count_tokens(m["content"]) for m in messages])


@dataclass(frozen=True)
class FittedNotes:
    notes: MergedNotes
    facts_in: int  # facts the synthesis reads
    facts_total: int
    actors_in: int
    actors_total: int

    @property
    def cut(self) -> bool:
        return self.facts_in < self.facts_total or self.actors_in < self.actors_total

    def note(self, n_ctx: int) -> str:
        """One line for stderr and the brief's warnings."""
        actors = (
            f" and {self.actors_in} of {self.actors_total} actors"
            if self.actors_in < self.actors_total
            else ""
        )
        return (
            f"the synthesis reads {self.facts_in} of {self.facts_total} facts{actors}, spread "
            f"over the article, to fit the model's {n_ctx:,}-token context"
        )


def spread(facts: Sequence[MergedFact], keep: int) -> list[MergedFact]:
    """`keep` facts evenly spaced over the list, the first always among them, in order."""
    if keep >= len(facts):
        return list(facts)
    if keep <= 0:
        return []
    picked = sorted({index * len(facts) // keep for index in range(keep)})
    return [facts[i] for i in picked]


def fit_notes(
    merged: MergedNotes,
    render: Callable[[MergedNotes], list[Message]],
    *,
    budget: int | None,
    max_actors: int,
) -> FittedNotes:
    """The notes, cut until `render(notes)` takes at most `budget` tokens (None: no limit)."""
    n_facts, n_actors = len(merged.facts), len(merged.actors)

    def fitted(notes: MergedNotes) -> FittedNotes:
        return FittedNotes(notes, len(notes.facts), n_facts, len(notes.actors), n_actors)

    def fits(notes: MergedNotes) -> bool:
        return budget is None or message_tokens(render(notes)) <= budget

    if fits(merged):
        return fitted(merged)
    fewer = dataclasses.replace(merged, actors=merged.actors[:max_actors])
    if fits(fewer):
        return fitted(fewer)
    low, high = 0, n_facts  # the largest count that fits, by bisection: ~log2(n) renders
    while low < high:
        middle = (low + high + 1) // 2
        if fits(dataclasses.replace(fewer, facts=spread(merged.facts, middle))):
            low = middle
        else:
            high = middle - 1
    return fitted(dataclasses.replace(fewer, facts=spread(merged.facts, low)))
