"""What happens to claims whose numbers fail: --on-unsupported flag | drop | repair | fail.

- flag: keep them; every failing number carries a visible mark.
- drop: remove them from the brief and list them in the appendix (BLUF: sentence by sentence);
  facts and dated events that no source sentence holds are removed too.
- repair: send them back to the model once with the source evidence, re-check, then flag.
- fail: keep and flag; the run exits 3 after the report is written (like --strict).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from briefing.audit import Evidence, audit_bluf, audit_claim, with_totals
from briefing.injection import instruction_drop, quotes_instruction, tainted
from briefing.llm_schemas import Revision
from briefing.schema import Brief, Claim, DroppedClaim, DroppedSection
from briefing.structured import ModelCaller

SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z\"“])")
Section = str


def fails(claim: Claim) -> bool:
    return any(not number.supported for number in claim.numbers)


def problems(claim: Claim) -> list[str]:
    return [
        f"{n.text!r} is {n.status}" + (f" ({n.note})" if n.note else "")
        for n in claim.numbers
        if not n.supported
    ]


def drop_failing(brief: Brief, evidence: Evidence) -> Brief:
    """Remove claims with an unsupported or mismatched number; the appendix lists them."""
    dropped = list(brief.dropped)

    def keep(section: Section, claim: Claim, *, needs_citation: bool = False) -> bool:
        unsourced = needs_citation and claim.citation_status == "unverified"
        if fails(claim) or unsourced:
            dropped.append(drop_record(section, claim.text, claim))
            return False
        return True

    facts = [f for f in brief.facts if keep("facts", f, needs_citation=True)]
    actors = [a for a in brief.actors if keep("actors", a.action)]
    implications = [i for i in brief.implications if keep("implications", i)]
    timeline = [t for t in brief.timeline if keep("timeline", t, needs_citation=True)]
    bluf = brief.bluf
    if fails(bluf):
        bluf, removed = trim_bluf(bluf, evidence)
        dropped.extend(drop_record("bluf", text, claim) for text, claim in removed)
    return with_totals(
        brief.model_copy(
            update={
                "bluf": bluf,
                "facts": facts,
                "actors": actors,
                "implications": implications,
                "timeline": timeline,
                "dropped": dropped,
            }
        )
    )


def drop_instructions(
    brief: Brief, flagged: Mapping[str, str], *, with_notes: bool = True
) -> Brief:
    """Remove every claim that cites or quotes instruction-like source text, whatever the
    policy: the model may have obeyed it. The BLUF loses only such sentences.

    `with_notes=False` leaves facts, actors and timeline alone (a daily brief sets those aside
    in its pools, where their origins are kept), and checks the model's BLUF and judgments.
    """
    if not flagged:
        return brief
    dropped = list(brief.dropped)

    def keep(section: DroppedSection, claim: Claim, text: str | None = None) -> bool:
        if tainted(text or claim.text, claim.citations, flagged):
            dropped.append(instruction_drop(section, text or claim.text))
            return False
        return True

    update: dict[str, Any] = {
        "implications": [i for i in brief.implications if keep("implications", i)],
    }
    if with_notes:
        update["facts"] = [f for f in brief.facts if keep("facts", f)]
        update["actors"] = [
            a for a in brief.actors if keep("actors", a.action, f"{a.name}: {a.action.text}")
        ]
        update["timeline"] = [
            t for t in brief.timeline if keep("timeline", t, f"{t.when}: {t.text}")
        ]
    kept: list[str] = []
    for sentence in SENTENCE_END.split(brief.bluf.text.strip()):
        if quotes_instruction(sentence, flagged):
            dropped.append(instruction_drop("bluf", sentence))
        elif sentence:
            kept.append(sentence)
    citations = [c for c in brief.bluf.citations if c not in flagged]
    update["bluf"] = brief.bluf.model_copy(update={"text": " ".join(kept), "citations": citations})
    update["dropped"] = dropped
    return brief.model_copy(update=update)


def drop_record(section: Any, text: str, claim: Claim) -> DroppedClaim:
    return DroppedClaim(
        section=section,
        text=text,
        reason="; ".join(problems(claim)) or "no source sentence holds it",
        numbers=[n for n in claim.numbers if not n.supported],
    )


def trim_bluf(bluf: Claim, evidence: Evidence) -> tuple[Claim, list[tuple[str, Claim]]]:
    """Keep the BLUF's sentences whose numbers all check out."""
    kept: list[str] = []
    removed: list[tuple[str, Claim]] = []
    for sentence in SENTENCE_END.split(bluf.text.strip()):
        checked = audit_bluf(Claim(text=sentence, citations=bluf.citations), evidence)
        if fails(checked):
            removed.append((sentence, checked))
        else:
            kept.append(sentence)
    trimmed = audit_bluf(Claim(text=" ".join(kept), citations=bluf.citations), evidence)
    return trimmed, removed


def repair_failing(brief: Brief, evidence: Evidence, caller: ModelCaller) -> Brief:
    """One round trip: the model rewrites failing claims against their evidence; re-checked."""
    failing = {cid: claim for cid, claim in numbered_claims(brief) if fails(claim)}
    if not failing:
        return brief
    claims = [
        {
            "id": cid,
            "text": claim.text,
            "problems": problems(claim),
            "evidence": evidence_lines(claim, evidence),
        }
        for cid, claim in failing.items()
    ]
    user = caller.prompts.render("revise.user", {"claims": claims})
    system = caller.prompts.render(
        "synthesize.system", {"style": "extractive", "max_key_facts": 0, "max_implications": 0}
    )
    revision = caller.complete(
        Revision,
        [{"role": "system", "content": system}, {"role": "user", "content": user}],
        stage="repair",
    )
    rewrites = {item.id.strip(): item.text.strip() for item in revision.claims if item.text.strip()}
    return with_totals(apply_rewrites(brief, rewrites, evidence))


def numbered_claims(brief: Brief) -> list[tuple[str, Claim]]:
    pairs: list[tuple[str, Claim]] = [("B1", brief.bluf)]
    pairs += [(f.id, f) for f in brief.facts]
    pairs += [(f"A{i + 1}", a.action) for i, a in enumerate(brief.actors)]
    pairs += [(f"J{i + 1}", c) for i, c in enumerate(brief.implications)]
    pairs += [(f"T{i + 1}", c) for i, c in enumerate(brief.timeline)]
    return pairs


def evidence_lines(claim: Claim, evidence: Evidence) -> list[str]:
    ids = list(claim.citations)
    for number in claim.numbers:
        if number.evidence and number.evidence.sentence_id not in ids:
            ids.append(number.evidence.sentence_id)
    return [f"[{i}] {evidence.sentences[i].text}" for i in ids if i in evidence.sentences][:6]


def apply_rewrites(brief: Brief, rewrites: dict[str, str], evidence: Evidence) -> Brief:
    """Re-check each rewritten claim; keep a rewrite only if it fails no more than the original."""

    def revised(cid: str, claim: Claim, *, bluf: bool = False) -> Claim:
        if cid not in rewrites:
            return claim
        candidate = claim.model_copy(update={"text": rewrites[cid], "numbers": []})
        checked = audit_bluf(candidate, evidence) if bluf else audit_claim(candidate, evidence)
        before = sum(not n.supported for n in claim.numbers)
        after = sum(not n.supported for n in checked.numbers)
        return checked if after < before else claim

    return brief.model_copy(
        update={
            "bluf": revised("B1", brief.bluf, bluf=True),
            "facts": [revised(f.id, f) for f in brief.facts],
            "actors": [
                a.model_copy(update={"action": revised(f"A{i + 1}", a.action)})
                for i, a in enumerate(brief.actors)
            ],
            "implications": [revised(f"J{i + 1}", c) for i, c in enumerate(brief.implications)],
            "timeline": [revised(f"T{i + 1}", c) for i, c in enumerate(brief.timeline)],
        }
    )
