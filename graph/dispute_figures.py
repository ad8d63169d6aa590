"""Two figures for the same event that disagree (``figures_differ``, graph/disputes.py): the
same kind counted (killed, wounded, …) of the same kind of people, the same scope, the same
place and day, apart by more than ``TOLERANCE`` and less than ``MAX_RATIO``; a zero ('no
deaths') against a count of the same event in one article."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from graph.dispute_sides import counted_lemmas
from graph.dispute_words import content_words, days

if TYPE_CHECKING:
    from graph.disputes import ClaimView

TOLERANCE = 0.2  # relative difference of two figures beyond which they disagree
MAX_RATIO = 10.0  # figures further apart than this count different things (total vs one strike)

# A figure that sums up a period ('since February', 'so far', 'in total') is not the count of
# one event: it never disputes a figure without such a scope.
_RUNNING = re.compile(r"\b(since|so far|in total|overall|throughout|to date|altogether|in all|"
                      r"this year|last year|cumulative)\b", re.I)
# Counted nouns that name no particular kind of person (comparable with any kind).
_GENERIC_UNITS = frozenset({"people", "person", "persons", "others", "individuals", "victims",
                            "casualties", "lives"})


def _unit(u: str | None, counted: str | None = None) -> str | None:
    """The kind of thing counted ('soldier'), None when the unit names none: a generic noun
    ('people') or the count itself ('deaths', 'injuries')."""
    w = (u or "").lower().split()
    return None if not w or _count_word(w[-1], counted) else w[-1].removesuffix("s")


def _same_article(a: ClaimView, b: ClaimView) -> bool:
    return a.article_id is not None and a.article_id == b.article_id


def _same_event(a: ClaimView, b: ClaimView) -> bool:
    """Same place and day. In one article, a figure without a date of its own is the dated
    figure's event ('no civilians were killed in Kharkiv' after '12 killed in Kharkiv on
    Monday'); two undated figures compare only when one is zero: a denied casualty ('there
    were no deaths from the hospital strike') is a flat contradiction of a count, not a
    second count, and then also without a place when the two share a word beyond the count
    itself ('strike')."""
    zero = 0 in (a.high, b.high)
    if a.when and b.when:
        same_day = days(a.when, b.when) in (0, 1)
    else:
        same_day = _same_article(a, b) and (bool(a.when or b.when) or zero)
    if a.where or b.where:
        return a.where == b.where and same_day
    return same_day and zero and _same_article(a, b) and any(
        not _count_word(w, a.counted) for w in content_words(a.content) & content_words(b.content))


def _count_word(word: str, counted: str | None) -> bool:
    """A word of the count itself ('killing', 'deaths', 'people'), which any two figures of
    one kind share: the counted kind's lemmas (``claim_words.json``) and generic units."""
    return word in _GENERIC_UNITS or any(
        word.startswith(lemma) for lemma in counted_lemmas().get(counted or "", ()))


def figures_differ(a: ClaimView, b: ClaimView) -> bool:
    if not a.counted or a.counted == "other" or a.counted != b.counted:
        return False
    if None in (a.low, a.high, b.low, b.high) or not _same_event(a, b):
        return False
    ua, ub = _unit(a.unit, a.counted), _unit(b.unit, b.counted)
    if ua and ub and ua != ub:  # 12 soldiers vs 40 civilians: two different counts
        return False
    if bool(_RUNNING.search(a.content)) != bool(_RUNNING.search(b.content)):
        return False
    lo, hi = sorted((a, b), key=lambda v: v.high)  # type: ignore[arg-type, return-value]
    if lo.high and hi.low > MAX_RATIO * lo.high:  # type: ignore[operator]
        return False
    # two ranges (a point is a range of width 0) disagree when they are apart by more than
    # the tolerance of the larger figure
    gap = max(a.low, b.low) - min(a.high, b.high)  # type: ignore[type-var, operator]
    return gap > TOLERANCE * max(a.high, b.high)  # type: ignore[type-var, operator]
