"""When two claims really dispute each other (precision first: when unsure, no link).

A link needs one of two reasons:
- ``denial``: one claim denies, rejects or rebuts (stance ``denies``) what the other asserts or
  accuses: different speakers on different sides, a shared entity, overlapping content words,
  within ``WINDOW_DAYS``; or the denier is the target of the other's accusation
  (``denial_of_accusation``);
- ``figures_differ``: two figures counting the same thing (killed, wounded, …) at the same place
  on the same day differ by more than ``TOLERANCE``.

Same speaker or same side (one speaker holds a role in the other's organization, both are
affiliated with the same organization or country) is never a dispute. Pure functions: the graph
reads and ``bench/quality.py`` call the same code.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

WINDOW_DAYS = 30
TOLERANCE = 0.2  # relative difference of two figures beyond which they disagree
MIN_OVERLAP = 0.2  # share of the smaller claim's content words found in the other

_WORD = re.compile(r"[a-z][a-z'-]{3,}")
_STOP = frozenset(re.findall(r"\w+", (
    "that this these those with from have been were would could should will their there they "
    "them than then when what which while about after before into over under also more most "
    "some such only very just said says told being does didn other against")))


@dataclass
class ClaimView:
    id: str
    speaker_id: str
    stance: str = "asserts"
    content: str = ""
    entities: set[str] = field(default_factory=set)  # about + target ids
    target: str | None = None
    date: str | None = None  # statement date, else publication date (ISO)
    sides: set[str] = field(default_factory=set)  # the speaker's organizations/countries
    counted: str | None = None
    low: float | None = None
    high: float | None = None
    where: str | None = None
    when: str | None = None
    article_id: str | None = None
    start: int | None = None  # content offsets in the article
    end: int | None = None


# A denial whose content only points back ('denied the allegations', 'disputes this claim')
# denies the claim just before it in the same article.
_REFERENCE = frozenset(re.findall(r"\w+", (
    "the this that these those such it its any all claim claims allegation allegations "
    "accusation accusations charge charges report reports assertion assertions statement "
    "statements suggestion suggestions idea notion account accounts version story stories")))
REFERENCE_REACH = 600  # characters between the claim and a denial that points back to it


def content_words(text: str) -> set[str]:
    return {w for w in _WORD.findall(text.lower().replace("’", "'")) if w not in _STOP}


def _overlap(a: str, b: str) -> float:
    wa, wb = content_words(a), content_words(b)
    if not wa or not wb:
        return 0.0
    return len(wa & wb) / min(len(wa), len(wb))


def _days(a: str | None, b: str | None) -> int | None:
    try:
        return abs((date.fromisoformat((a or "")[:10]) - date.fromisoformat((b or "")[:10])).days)
    except ValueError:
        return None


def same_side(a: ClaimView, b: ClaimView) -> bool:
    return a.speaker_id == b.speaker_id or a.speaker_id in b.sides or b.speaker_id in a.sides \
        or bool(a.sides & b.sides)


def _figures_differ(a: ClaimView, b: ClaimView) -> bool:
    if not a.counted or a.counted == "other" or a.counted != b.counted:
        return False
    if not a.where or a.where != b.where or _days(a.when, b.when) not in (0, 1):
        return False
    if None in (a.low, a.high, b.low, b.high):
        return False
    # two ranges (a point is a range of width 0) disagree when they are apart by more than
    # the tolerance of the larger figure
    gap = max(a.low, b.low) - min(a.high, b.high)  # type: ignore[type-var, operator]
    return gap > TOLERANCE * max(a.high, b.high)  # type: ignore[type-var, operator]


def _near(denial: ClaimView, other: ClaimView) -> bool:
    """Is ``denial`` in the same article, at most REFERENCE_REACH characters after ``other``?"""
    if denial.article_id is None or other.article_id != denial.article_id \
            or denial.start is None or other.end is None:
        return False
    return 0 <= denial.start - other.end <= REFERENCE_REACH


def _points_back(denial: ClaimView, other: ClaimView) -> bool:
    words = re.findall(r"\w+", denial.content.lower())
    return bool(words) and set(words) <= _REFERENCE and _near(denial, other)


def dispute_reason(a: ClaimView, b: ClaimView) -> str | None:
    """Why ``b`` disputes ``a`` (or the reverse), or None when it does not."""
    if same_side(a, b):
        return None
    days = _days(a.date, b.date)
    if days is not None and days > WINDOW_DAYS:
        return None
    for x, y in ((a, b), (b, a)):
        if x.stance != "denies" or y.stance == "denies":
            continue
        if _points_back(x, y):
            return "denial"
        if y.target is not None and (y.target == x.speaker_id or y.target in x.sides) \
                and _overlap(x.content, y.content) > 0:
            return "denial_of_accusation"
        ov = _overlap(x.content, y.content)
        if x.entities & y.entities and ov >= MIN_OVERLAP:
            return "denial"
        if _near(x, y) and ov >= 2 * MIN_OVERLAP:  # right after it, in its words
            return "denial"
    if _figures_differ(a, b):
        return "figures_differ"
    return None
