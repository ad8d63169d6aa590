"""Check-worthiness: a rule-based score in [0, 1] with its reasons, so fact-checking tools can
prioritize. Pure function of the claim; computed when the claim is written.

What raises the score is what makes a statement checkable against the world: numbers and
quantities, named entities, concrete events (strikes, captures, casualties), a specific time,
and a cue verb that asserts (claim, confirm, deny, report). What lowers it: hedges, predictions
about the future, evaluative or normative wording ("should", "unacceptable"), opinion cues
(hope, believe) and very short fragments. Reasons are short machine-readable tags, in the order
the rules fired, e.g. ``["contains_numbers", "named_entities:2", "factual_cue:claim"]``.
"""

from __future__ import annotations

import re

_NUMBER = re.compile(r"\b\d[\d,.]*\s*(%|percent|per cent|km|miles|people|civilians|troops|"
                     r"soldiers|dead|killed|wounded|billion|million|thousand)?\b", re.I)
_QUANTITY = re.compile(r"\b(dozens|hundreds|thousands|millions|scores|several hundred|"
                       r"a (?:few )?(?:dozen|hundred|thousand)|half of|majority of|"
                       r"twice|double|tripled|doubled|halved)\b", re.I)
_FACTUAL_CUES = {"claim", "report", "confirm", "deny", "announce", "accuse", "say", "state",
                 "allege", "insist", "warn", "reveal", "estimate", "admit", "tell", "add",
                 "according to", "disclose", "acknowledge", "reject", "dismiss", "blame",
                 "assert", "note"}
_OPINION_CUES = {"hope", "believe", "feel", "think", "wish", "express", "suggest", "expect",
                 "fear", "want", "urge", "call"}
_HEDGES = re.compile(r"\b(may|might|could|possibly|perhaps|likely|probably|apparently|"
                     r"reportedly|allegedly|seems?|appears?)\b", re.I)
_PREDICTION = re.compile(r"\b(will|would|shall|going to|intends? to|plans? to|aims? to|soon)\b",
                         re.I)
_EVALUATIVE = re.compile(r"\b(should|must|ought|need to|unacceptable|outrageous|shameful|"
                         r"disgraceful|great|terrible|wonderful|horrible|best|worst|"
                         r"very good|good chance|important|historic)\b", re.I)
_EVENT_WORDS = re.compile(r"\b(captur\w*|kill\w*|attack\w*|strik\w*|struck|shell\w*|seiz\w*|"
                          r"retook|destroy\w*|occup\w*|advanc\w*|launch\w*|casualt\w*|"
                          r"relocat\w*|bomb\w*|shot|shoot\w*|fired|wound\w*|injur\w*|"
                          r"arrest\w*|detain\w*|deport\w*|evacuat\w*|withdr[ae]w\w*|"
                          r"sanction\w*|signed|agreed|violat\w*|hit|downed|intercept\w*)\b",
                          re.I)
_SPECIFIC_TIME = re.compile(r"\b(on (?:monday|tuesday|wednesday|thursday|friday|saturday|"
                            r"sunday)|yesterday|overnight|last (?:week|month|night|year)|"
                            r"(?:19|20)\d\d|january|february|march|april|june|july|august|"
                            r"september|october|november|december)\b", re.I)


def score(content: str, cue: str, n_entities: int, quote_type: str) -> tuple[float, list[str]]:
    """Return (score, reasons). Each reason is a short machine-readable tag."""
    s, reasons = 0.2, []
    if _NUMBER.search(content):
        s += 0.25
        reasons.append("contains_numbers")
    elif _QUANTITY.search(content):
        s += 0.15
        reasons.append("quantity")
    if n_entities:
        s += min(0.2, 0.08 * n_entities)
        reasons.append(f"named_entities:{n_entities}")
    cue = (cue or "").lower()
    if cue in _FACTUAL_CUES:
        s += 0.15
        reasons.append(f"factual_cue:{cue}")
    elif cue in _OPINION_CUES:
        s -= 0.1
        reasons.append(f"opinion_cue:{cue}")
    if _EVENT_WORDS.search(content):
        s += 0.2
        reasons.append("verifiable_event")
    if _SPECIFIC_TIME.search(content):
        s += 0.05
        reasons.append("specific_time")
    if _HEDGES.search(content):
        s -= 0.1
        reasons.append("hedged")
    if _PREDICTION.search(content):
        # The future cannot be checked today; a pledge is still worth a little attention.
        s -= 0.1
        reasons.append("prediction")
    if _EVALUATIVE.search(content):
        s -= 0.1
        reasons.append("evaluative")
    if len(content.split()) < 4:
        s -= 0.1
        reasons.append("too_short")
    if quote_type == "direct":
        reasons.append("direct_quote")
    return round(max(0.0, min(1.0, s)), 3), reasons
