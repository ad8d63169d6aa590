"""Check-worthiness: a rule-based score in [0, 1] with its reasons, so fact-checking tools can
prioritize. Pure function of the claim; computed when the claim is written."""

from __future__ import annotations

import re

_NUMBER = re.compile(r"\b\d[\d,.]*\s*(%|percent|per cent|km|miles|people|civilians|troops|"
                     r"soldiers|dead|killed|wounded|billion|million|thousand)?\b", re.I)
_FACTUAL_CUES = {"claim", "report", "confirm", "deny", "announce", "accuse", "say", "state",
                 "allege", "insist", "warn", "reveal", "estimate", "admit"}
_OPINION_CUES = {"hope", "believe", "feel", "think", "wish", "express"}
_HEDGES = re.compile(r"\b(may|might|could|would|possibly|perhaps|likely|hope)\b", re.I)
_EVENT_WORDS = re.compile(r"\b(captur\w*|kill\w*|attack\w*|strik\w*|shell\w*|seiz\w*|retook|"
                          r"destroy\w*|occup\w*|advanc\w*|launch\w*|casualt\w*|relocat\w*)\b", re.I)


def score(content: str, cue: str, n_entities: int, quote_type: str) -> tuple[float, list[str]]:
    """Return (score, reasons). Each reason is a short machine-readable tag."""
    s, reasons = 0.2, []
    if _NUMBER.search(content):
        s += 0.25
        reasons.append("contains_numbers")
    if n_entities:
        s += min(0.2, 0.08 * n_entities)
        reasons.append(f"named_entities:{n_entities}")
    if cue in _FACTUAL_CUES:
        s += 0.15
        reasons.append(f"factual_cue:{cue}")
    elif cue in _OPINION_CUES:
        s -= 0.1
        reasons.append(f"opinion_cue:{cue}")
    if _EVENT_WORDS.search(content):
        s += 0.2
        reasons.append("verifiable_event")
    if _HEDGES.search(content):
        s -= 0.1
        reasons.append("hedged")
    if quote_type == "direct":
        reasons.append("direct_quote")
    return round(max(0.0, min(1.0, s)), 3), reasons
