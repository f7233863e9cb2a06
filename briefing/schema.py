"""The models passed between pipeline stages.

Every model here is frozen and forbids extra fields: a stage returns new models, it never mutates.
The small schemas the *model* fills (ChunkNotes, BriefDraft) live in `briefing.llm_schemas`.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

SCHEMA_VERSION = "1"


class Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


# --- ingest -------------------------------------------------------------------------------------


class Sentence(Frozen):
    """One source sentence; `start`/`end` are character offsets into `Source.text`."""

    id: str  # "S1", "S2", ... ; "A2.S5" when a run has several sources
    text: str
    start: int
    end: int
    paragraph: int = 0


class Source(Frozen):
    """An article as read from disk or stdin, split into sentences."""

    id: str = "A1"
    name: str  # stem used for output names ("kursk-north-korean-troops", "stdin")
    path: str | None = None  # as given on the command line; None for stdin
    title: str | None = None  # from HTML <title> / Markdown heading, when there is one
    text: str  # the extracted plain text that sentence offsets point into
    sentences: list[Sentence]
    sha256: str  # of `text`, for the cache key
    encoding: str = "utf-8"  # detected encoding of the raw bytes
    format: Literal["txt", "md", "html"] = "txt"


# --- chunk --------------------------------------------------------------------------------------


class Chunk(Frozen):
    """A run of whole sentences from one source that fits the model's token budget."""

    id: str  # "A1#1"
    source_id: str
    index: int
    sentence_ids: list[str]
    text: str  # the sentences as the prompt shows them: one "[S3] sentence" line each
    n_tokens: int  # tiktoken count of `text`
    start: int  # char offset of the first sentence in the source
    end: int  # char offset just past the last sentence


# --- numbers and verification --------------------------------------------------------------------

QuantityKind = Literal[
    "count", "percent", "money", "measure", "rate", "duration", "date", "time", "ordinal", "other"
]


class Quantity(Frozen):
    """A number found in text, normalised.

    `value` is in the base unit of `unit` (e.g. km for lengths, USD stays USD); ranges and
    bounds set `low`/`high`; `approx` keeps the hedge word ("about", "more than", ...).
    """

    text: str  # as written, e.g. "approximately 8,000"
    start: int  # char offsets into the text it was found in
    end: int
    value: float
    low: float | None = None
    high: float | None = None
    unit: str | None = None  # normalised unit: "km", "km2", "USD", "%", "pp", "min", "per day"
    kind: QuantityKind = "count"
    approx: str | None = None
    precision: float | None = None  # the place value of the last written digit (8,000 -> 1000)
    sentence_id: str | None = None
    noun: str | None = None  # what is counted, when the text says ("troops", "casualties")
    vague: bool = False  # a quantifier such as "dozens of" or "tens of thousands": low..high


CheckStatus = Literal["exact", "rounded", "converted", "derived", "unsupported", "mismatch"]
SUPPORTED_STATUSES: frozenset[str] = frozenset({"exact", "rounded", "converted", "derived"})


class Evidence(Frozen):
    """The source sentence that supports (or contradicts) a number."""

    sentence_id: str
    text: str  # the whole sentence
    quote: str | None = None  # the quantity as written in the source sentence


class NumberCheck(Frozen):
    """One number of the brief and what the program found for it in the source.

    JSON contract: `text`, `supported`, `how`, `evidence` are always present.
    """

    text: str  # as written in the brief
    start: int  # char offsets into the claim text, so renderers can mark it in place
    end: int
    value: float | None = None
    unit: str | None = None
    kind: QuantityKind = "count"
    status: CheckStatus
    supported: bool
    how: str | None = None  # "exact", "rounded", "converted", "derived"; None when unsupported
    evidence: Evidence | None = None
    arithmetic: str | None = None  # e.g. "80% x 10,000 = 8,000" for derived numbers
    note: str | None = None  # why it is a mismatch, or what was tried


# --- the brief ----------------------------------------------------------------------------------

CitationStatus = Literal["ok", "repaired", "unverified"]
ActorKind = Literal["person", "state", "organization", "armed force", "other"]
Likelihood = Literal[
    "almost no chance",
    "very unlikely",
    "unlikely",
    "roughly even chance",
    "likely",
    "very likely",
    "almost certainly",
]
Confidence = Literal["low", "moderate", "high"]


class Claim(Frozen):
    """A piece of brief text whose numbers and citations the program has checked."""

    text: str
    citations: list[str] = Field(default_factory=list)  # sentence ids
    citation_status: CitationStatus = "ok"
    numbers: list[NumberCheck] = Field(default_factory=list)


class Fact(Claim):
    id: str  # "F1"


class Actor(Frozen):
    name: str
    kind: ActorKind = "other"
    role: str = ""
    action: Claim  # what they said or did
    in_source: bool = True  # the name (or its last word) occurs in the source text


class Implication(Claim):
    likelihood: Likelihood = "likely"
    confidence: Confidence = "moderate"


class TimelineEvent(Claim):
    when: str  # as the source says it: "Thursday", "since August", "2024-08-06"


DroppedSection = Literal["bluf", "facts", "actors", "implications", "timeline"]


class DroppedClaim(Frozen):
    """A claim removed by the --on-unsupported policy (or as instruction-like text), kept for
    the appendix."""

    section: DroppedSection
    text: str
    reason: str
    numbers: list[NumberCheck] = Field(default_factory=list)


class SourceRef(Frozen):
    id: str
    name: str
    path: str | None
    title: str | None
    sha256: str
    n_sentences: int


class CallUsage(Frozen):
    """Token usage of one model answer (the same whether it came from the model or the cache)."""

    stage: Literal["extract", "synthesize", "repair"]
    chunk_id: str | None = None
    prompt_tokens: int = 0
    completion_tokens: int = 0
    attempts: int = 1


class RunClock(Frozen):
    """What differs between two runs on the same input: kept in one field, `run.generated`."""

    at: str  # ISO 8601, UTC
    wall_s: float = 0.0
    model_calls: int = 0  # HTTP round trips made by this run (0 when everything was cached)
    cache_hits: int = 0
    model_load_s: float | None = None  # the embedded model's load time, when it was started
    spent_usd: float | None = None  # what this run cost (0 on a fully cached rerun)


class RunInfo(Frozen):
    """How the brief was made. Only `generated` changes when the same input is run again."""

    model: str
    backend: str  # "local", "openai", "azure"
    base_url: str | None = None  # None for the embedded server (its port is random)
    demo_tier: bool = False  # a small model wrote this: treat it as a demonstration
    prompt_hashes: dict[str, str] = Field(default_factory=dict)  # template name -> sha256[:12]
    schema_version: str = SCHEMA_VERSION
    calls: list[CallUsage] = Field(default_factory=list)
    prompt_tokens: int = 0
    completion_tokens: int = 0
    cost_usd: float | None = None  # estimated cost of producing this brief, cached or not
    on_unsupported: str = "flag"
    generated: RunClock


class Verification(Frozen):
    """Totals over every number checked in the brief."""

    numbers: int = 0
    supported: int = 0
    by_status: dict[str, int] = Field(default_factory=dict)
    citations_repaired: int = 0
    citations_unverified: int = 0
    dropped: int = 0

    @property
    def unsupported(self) -> int:
        return self.numbers - self.supported


class ArticleSection(Frozen):
    """A multi-article brief's section for one article: its facts, by id, and what it cost."""

    source_id: str  # "A3"
    title: str
    path: str | None = None
    fact_ids: list[str] = Field(default_factory=list)  # ids into Brief.facts, article order
    chunks: int = 0
    prompt_tokens: int = 0
    completion_tokens: int = 0
    cost_usd: float | None = None  # estimated; None when the model has no price


class FailedSource(Frozen):
    """An input that could not be read or summarized; the brief was made without it."""

    path: str
    reason: str  # one line


class Brief(Frozen):
    title: str
    bluf: Claim
    facts: list[Fact] = Field(default_factory=list)
    actors: list[Actor] = Field(default_factory=list)
    implications: list[Implication] = Field(default_factory=list)
    timeline: list[TimelineEvent] = Field(default_factory=list)
    dropped: list[DroppedClaim] = Field(default_factory=list)
    sources: list[SourceRef] = Field(default_factory=list)
    verification: Verification = Field(default_factory=Verification)
    run: RunInfo
    # Multi-article (daily) briefs only; a single-article brief leaves them empty.
    date: str | None = None  # the day the brief covers, YYYY-MM-DD
    key_fact_ids: list[str] = Field(default_factory=list)  # "Key facts"; empty: all facts
    sections: list[ArticleSection] = Field(default_factory=list)
    failed: list[FailedSource] = Field(default_factory=list)
    # What the reader should know about how the brief was made, one line each (also on stderr):
    # instruction-like source text, a --title whose numbers the source lacks, input cut to fit.
    warnings: list[str] = Field(default_factory=list)
