"""What a denial's own words point at (graph/disputes.py): a claim just before it that it only
refers to ('denied the allegations', 'that will not happen', 'dismissed the report as
propaganda', 'called it fake news'), or the party whose claim it names ('rejected the Russian
claim', 'Russia's explanation'). Text rules only; which claim that is, is decided in
graph/disputes.py."""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Protocol

from graph.dispute_sides import side_keys
from graph.dispute_words import denial_words


class _Said(Protocol):
    stance: str
    content: str


# A denial whose content only points back ('denied the allegations', 'disputes this claim')
# denies a claim just before it in the same article.
_REFERENCE = frozenset(re.findall(r"\w+", (
    "the this that these those such it its any all claim claims allegation allegations "
    "accusation accusations charge charges report reports assertion assertions statement "
    "statements suggestion suggestions idea notion account accounts version versions story "
    "stories explanation explanations narrative narratives")))
ACCUSATION_NOUNS = frozenset({"accusation", "accusations", "allegation", "allegations", "charge",
                              "charges"})
# what names a claim of fact: 'rejected the claims as baseless' answers what was claimed,
# never a threat or forecast before it ('threatened to bomb …')
CLAIM_NOUNS = _REFERENCE - frozenset(re.findall(r"\w+", (
    "the this that these those such it its any all idea notion suggestion suggestions")))
# A short denial whose subject points back ('that will not happen', 'this is a baseless
# pretext', 'the claims were false'): it answers the claim before it. Not 'it' (often the
# denier itself: 'denied it is targeting civilians'), and not a 'that' before a clause
# ('denied that the units blew up the dam'): the pointer must be followed by its verb.
_POINTER_SUBJECT = re.compile(
    r"^[“\"']?\s*(?:this|that|the\s+(?:claims?|allegations?|accusations?|charges|reports?)|"
    r"(?:these|those|such)\s+(?:claims?|allegations?|accusations?|charges|reports?))\s+"
    r"(?:is|was|were|are|will|would|had|has|have|could|did|does|remains?|isn['’]t|wasn['’]t|"
    r"won['’]t|['’]s)\b", re.I)
POINTER_WORDS = 12  # longer contents say something of their own


# what a dismissal calls the claim it points at: 'dismissed the report as propaganda',
# 'called the claims a lie', 'called it fake news' (the extractor's denial words, and the
# adjectives and articles that go with them)
@lru_cache(maxsize=1)
def _dismissed_as() -> re.Pattern[str]:
    words = "|".join(re.escape(w) for w in sorted(denial_words(), key=len, reverse=True))
    return re.compile(
        r"^(?:as\s+)?(?:(?:an?|the|pure|utter|complete|total|absolute|blatant|outright|more|"
        r"just|another|typical|russian|ukrainian|western|kremlin)\s+)*(?:" + words + r")\b"
        r"(?:\s+(?:news|claims?|stories|story|reports?))?$", re.I)


DISMISSAL_TAIL_WORDS = 5  # 'as pure Kremlin propaganda': longer tails say something of their own


def _dismissed_reference(words: list[str]) -> bool:
    """'the report as propaganda', 'the claim a lie', 'it fake news': a reference followed by
    only what the denier calls it."""
    k = next((i for i, w in enumerate(words) if w not in _REFERENCE), len(words))
    rest = words[k:]
    return 0 < k < len(words) and len(rest) <= DISMISSAL_TAIL_WORDS \
        and _dismissed_as().match(" ".join(rest)) is not None


# 'denied responsibility', 'denied any involvement': the accused answering the blame just
# before (not a claim of its own: nothing but the noun and a pointer)
RESPONSIBILITY = frozenset({"responsibility", "involvement", "wrongdoing", "culpability",
                            "blame", "role"})


def denies_responsibility(v: _Said) -> bool:
    words = set(re.findall(r"\w+", v.content.lower()))
    return v.stance == "denies" and bool(words & RESPONSIBILITY) \
        and words <= RESPONSIBILITY | _REFERENCE | {"for", "in", "of", "any", "all"}


def points_back(v: _Said) -> bool:
    words = re.findall(r"[\w'-]+", v.content.lower().replace("’", "'"))
    return v.stance == "denies" and bool(words) and (
        set(words) <= _REFERENCE or _dismissed_reference(words) or denies_responsibility(v)
        or len(words) <= POINTER_WORDS and _POINTER_SUBJECT.match(v.content.strip()) is not None)


# 'the Russian claim', 'Moscow's allegations', 'Russian claims of Lysychansk's fall': a denial
# that names whose claim it denies (a name or demonym before a reference noun).
_CLAIMANT = re.compile(
    r"^(?:the\s+|these\s+|those\s+)?(?P<who>[A-Z][\w.-]*(?:\s+[A-Z][\w.-]*){0,3}?)"
    r"(?:'s|’s)?\s+(?:latest\s+|new\s+|false\s+)?"
    r"(?:claims?|allegations?|accusations?|charges|reports?|assertions?|versions?|accounts?|"
    r"explanations?|narratives?)\b")


def claimant(v: _Said) -> set[str]:
    """The side keys of the party a denial names as the claimant ('the Russian claim' ->
    {'russian', 'cc:RU'}), else an empty set."""
    m = _CLAIMANT.match(v.content.strip()) if v.stance == "denies" else None
    return side_keys((), [m["who"]]) if m else set()
