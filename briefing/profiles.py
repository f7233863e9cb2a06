"""Model profiles: every setting that differs by model size, in one place.

A 135M-parameter model needs the program's help to write a true brief: short capped answers,
sampling that breaks repetition loops, a prompt that asks it to choose and shorten article
sentences rather than write freely, and a policy that drops claims failing their checks. A
hosted model needs none of that, and strict-schema servers reject some of the caps. The pipeline
asks `profile_for` once and reads everything from the profile; nothing else tests model size.

    profile        who                                           style        on_unsupported
    small          embedded SmolLM2, any model named <= ~1B      extractive   drop
    local-large    any other GGUF on the embedded backend        abstractive  flag
    hosted         OpenAI, Azure, remote OpenAI-compatible       abstractive  flag
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from briefing.config import Policy

ProfileName = Literal["small", "local-large", "hosted"]
PromptStyle = Literal["extractive", "abstractive"]
MaxTokensParam = Literal["max_tokens", "max_completion_tokens"]

SMALL_MAX_PARAMS = 1.2e9  # 135M, 360M, 0.5B and 1B/1.1B models count as small; 1.5B does not
# "135M", "0.5B", "1.1b", "8x7B" in a model or file name; not "Q4_K_M", "128k" or "v0.3".
PARAMS_IN_NAME = re.compile(r"(?<![\w.])(?:\d+x)?(\d+(?:\.\d+)?)([mb])(?![a-z0-9])", re.IGNORECASE)
OPENAI_MODEL_NAME = re.compile(r"^(gpt-|chatgpt-|o\d)", re.IGNORECASE)

# llama.cpp's sampling options for the small model, sent in the request body. Greedy decoding
# alone made SmolLM2-135M repeat one item until the token limit. `repeat_penalty` damps tokens
# used in the last `repeat_last_n`; DRY penalises extending a sequence that already occurred.
# DRY looks back only `dry_penalty_last_n` tokens so that quoting an article sentence from the
# prompt (which the extractive style asks for) is not penalised, only loops in the answer.
# The sequence breakers are llama.cpp's defaults, listed so JSON punctuation resets matching.
SMALL_LLAMA_CPP_SAMPLING: dict[str, Any] = {
    "repeat_penalty": 1.15,
    "repeat_last_n": 64,
    "dry_multiplier": 0.8,
    "dry_base": 1.75,
    "dry_allowed_length": 3,
    "dry_penalty_last_n": 256,
    "dry_sequence_breakers": ["\n", ":", '"', "*"],
}


class ModelProfile(BaseModel):
    """What a model of this size gets: prompt style, limits, sampling, policy, context."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    name: ProfileName
    small: bool  # a demonstration tier: the brief says so
    style: PromptStyle  # extractive: choose and shorten article sentences
    on_unsupported: Policy  # default policy for claims whose numbers fail their checks
    n_ctx: int = Field(ge=512)  # context the embedded server allocates
    chunk_tokens: int = Field(ge=64)  # article tokens per map call (tiktoken count)
    max_tokens: int = Field(ge=64)  # completion tokens per call
    max_tokens_param: MaxTokensParam = "max_tokens"
    # item counts
    max_facts: int = Field(ge=1)  # per chunk's notes
    max_actors: int = Field(ge=1)  # per chunk's notes
    max_events: int = Field(ge=1)  # per chunk's notes
    max_key_facts: int = Field(ge=1)  # facts the brief leads with
    max_implications: int = Field(ge=1)
    max_citations: int = Field(ge=1)  # sentence ids per claim
    # string lengths in characters
    max_title_chars: int = Field(ge=10)
    max_bluf_chars: int = Field(ge=40)
    max_text_chars: int = Field(ge=40)  # a fact, event or implication
    max_name_chars: int = Field(ge=10)
    max_role_chars: int = Field(ge=10)
    max_action_chars: int = Field(ge=20)
    max_when_chars: int = Field(ge=5)
    schema_caps: bool = True  # put the limits in the JSON Schema (maxItems / maxLength)
    extra_body: dict[str, Any] = Field(default_factory=dict)  # server-specific sampling

    @property
    def caps(self) -> dict[str, int]:
        """JSON Schema limits by field name, for `llm_schemas.json_schema_for`; {} if off."""
        if not self.schema_caps:
            return {}
        return {
            "facts": self.max_facts,
            "actors": self.max_actors,
            "events": self.max_events,
            "key_facts": self.max_key_facts,
            "implications": self.max_implications,
            "citations": self.max_citations,
            "title": self.max_title_chars,
            "bluf": self.max_bluf_chars,
            "text": self.max_text_chars,
            "name": self.max_name_chars,
            "role": self.max_role_chars,
            "action": self.max_action_chars,
            "when": self.max_when_chars,
        }


SMALL = ModelProfile(
    name="small",
    small=True,
    style="extractive",
    on_unsupported="drop",  # a short brief that is true beats a long one that is not
    n_ctx=8192,  # SmolLM2's training context
    chunk_tokens=700,  # short parts: a 135M model loses track of long prompts
    max_tokens=900,
    max_facts=5,
    max_actors=4,
    max_events=3,
    max_key_facts=6,
    max_implications=2,
    max_citations=2,
    max_title_chars=90,
    max_bluf_chars=320,
    max_text_chars=220,
    max_name_chars=48,
    max_role_chars=60,
    max_action_chars=160,
    max_when_chars=32,
)

LOCAL_LARGE = ModelProfile(
    name="local-large",
    small=False,
    style="abstractive",
    on_unsupported="flag",
    n_ctx=8192,
    chunk_tokens=1500,
    max_tokens=2048,
    max_facts=12,
    max_actors=10,
    max_events=8,
    max_key_facts=12,
    max_implications=4,
    max_citations=4,
    max_title_chars=120,
    max_bluf_chars=700,
    max_text_chars=400,
    max_name_chars=80,
    max_role_chars=120,
    max_action_chars=300,
    max_when_chars=48,
)

HOSTED = LOCAL_LARGE.model_copy(
    update={
        "name": "hosted",
        "chunk_tokens": 3000,
        "n_ctx": 128_000,  # not allocated by us; the hosted model's window, for budgeting
        "max_tokens": 4096,
        "schema_caps": False,  # strict structured output rejects maxLength
    }
)


def params_in_name(name: str) -> float | None:
    """The parameter count a model or file name states ("SmolLM2-135M" -> 1.35e8), if any."""
    sizes = [
        float(number) * (1e6 if unit.lower() == "m" else 1e9)
        for number, unit in PARAMS_IN_NAME.findall(name)
    ]
    return max(sizes) if sizes else None


def is_small(name: str) -> bool:
    size = params_in_name(name)
    return size is not None and size <= SMALL_MAX_PARAMS


def profile_for(model: str, *, backend: str, model_file: Path | None) -> ModelProfile:
    """The profile for this model on this backend ("local", "openai", "azure").

    Size comes from the GGUF file name or the model name. On the embedded backend the small
    profile also gets llama.cpp's anti-repetition sampling; other servers might reject it.
    """
    name = model_file.name if model_file is not None else model
    if is_small(name) or is_small(model):
        if backend == "local":
            return SMALL.model_copy(update={"extra_body": dict(SMALL_LLAMA_CPP_SAMPLING)})
        return SMALL
    if backend == "local":
        return LOCAL_LARGE
    if backend == "azure" or OPENAI_MODEL_NAME.match(model):
        # OpenAI's reasoning models reject max_tokens; every current OpenAI model takes this.
        return HOSTED.model_copy(update={"max_tokens_param": "max_completion_tokens"})
    return HOSTED
