"""When two claims really dispute each other (precision first: when unsure, no link).

A link needs one of two reasons:
- ``denial``: one claim denies, rejects or rebuts (stance ``denies``) what the other asserts,
  accuses or predicts: different speakers on different sides, within ``WINDOW_DAYS``, and
  either a shared entity with overlapping content (at least ``MIN_SHARED`` content words, a
  share ``MIN_OVERLAP`` of the smaller claim's), or the denial only points back ('denied the
  claim') at the one claim it refers to (``resolve_references``: the nearest earlier claim of
  another side in the same article about the denier, else the nearest when one speaker made
  all the earlier ones within reach);
  ``denial_of_accusation``: the denier is the target of the other's accusation (or on its side)
  and the two share ``MIN_SHARED`` content words;
- ``figures_differ``: two figures counting the same thing (killed, wounded, …; the same kind of
  people or objects, the same scope: a running total is not one event's count) at the same
  place on the same day differ by more than ``TOLERANCE`` (and by less than ``MAX_RATIO``,
  beyond which they are counts of different things): ``graph/dispute_figures.py``;
- ``rebuttal``: no denial cue, but the other side's words with a 'not', just after them, or
  set aside in the next sentence ('hit a school, not a depot' after 'destroyed a depot').

Same speaker or same side is never a dispute: one speaker holds a role in the other's
organization, both have the same affiliation, or both belong to the same country (a country's
institutions ``org:inst:<cc>:…``, its places, its demonym as an anonymous source's affiliation:
``graph/dispute_sides.py``). Pure functions: the graph reads and ``bench/quality.py`` call the
same code.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from graph.dispute_figures import figures_differ
from graph.dispute_pointers import (
    ACCUSATION_NOUNS,
    CLAIM_NOUNS,
    claimant,
    denies_responsibility,
    points_back,
)
from graph.dispute_sides import entity_sides, name_countries, side_keys
from graph.dispute_words import content_words, days

WINDOW_DAYS = 30
MIN_OVERLAP = 0.25  # share of the smaller claim's content words found in the other
MIN_OVERLAP_LARGER = 0.2  # and of the larger claim's (a short denial of a long, other claim)
MIN_SHARED = 2  # and at least this many shared content words
DISPUTABLE = frozenset({"asserts", "accuses", "predicts"})  # what a denial can deny



@dataclass
class ClaimView:
    id: str
    speaker_id: str
    stance: str = "asserts"
    content: str = ""
    entities: set[str] = field(default_factory=set)  # about + target ids
    target: str | None = None
    date: str | None = None  # statement date, else publication date (ISO)
    sides: set[str] = field(default_factory=set)  # side_keys of the speaker
    counted: str | None = None
    low: float | None = None
    high: float | None = None
    where: str | None = None
    when: str | None = None
    article_id: str | None = None
    start: int | None = None  # content offsets in the article
    end: int | None = None
    unit: str | None = None  # the counted noun as written ('civilians')
    target_sides: set[str] = field(default_factory=set)  # side_keys of the accused
    refers_to: str | None = None  # a denial that only points back: the claim it denies
    sentence_start: int | None = None  # the claim's sentence in the article
    sentence_end: int | None = None


def view_from_row(row: dict[str, Any]) -> ClaimView:
    """A ClaimView from a ``claim_dispute_candidates`` row (sides through ``side_keys``)."""
    r = dict(row)
    sides = side_keys([r.pop("speaker_id"), *r.pop("side_ids")], r.pop("side_names"),
                      r.pop("side_countries"))
    t_ids, t_countries = r.pop("target_side_ids"), r.pop("target_side_countries")
    target_sides = side_keys([r["target"], *t_ids], (), t_countries) if r["target"] else set()
    return ClaimView(speaker_id=row["speaker_id"], sides=sides, target_sides=target_sides,
                     **{k: (set(v) if k == "entities" else v) for k, v in r.items()})


def _shared(a: str, b: str, *, larger: bool = True) -> tuple[int, float]:
    """(shared content words, their share of the smaller claim's; 0 when under
    MIN_OVERLAP_LARGER of the larger's, unless ``larger`` is False)."""
    wa, wb = content_words(a), content_words(b)
    if not wa or not wb:
        return 0, 0.0
    n = len(wa & wb)
    return n, (n / min(len(wa), len(wb)) if not larger
               or n >= MIN_OVERLAP_LARGER * max(len(wa), len(wb)) else 0.0)


def _same_text(a: ClaimView, b: ClaimView) -> bool:
    """Two claims whose contents overlap in one article are two readings of one text."""
    return a.article_id is not None and a.article_id == b.article_id and None not in (
        a.start, a.end, b.start, b.end) and a.start < b.end and b.start < a.end  # type: ignore[operator]


def same_side(a: ClaimView, b: ClaimView) -> bool:
    return a.speaker_id == b.speaker_id or a.speaker_id in b.sides or b.speaker_id in a.sides \
        or bool(a.sides & b.sides)


REFERENCE_REACH = 600  # characters between the claim and a denial that points back to it
SENTENCE_GAP = 160  # and between their sentences: at most about one sentence in between


def _near(denial: ClaimView, other: ClaimView) -> bool:
    """Is ``denial`` in the same article, at most REFERENCE_REACH characters after ``other``?"""
    if denial.article_id is None or other.article_id != denial.article_id \
            or denial.start is None or other.end is None:
        return False
    return 0 <= denial.start - other.end <= REFERENCE_REACH


def _adjacent(o: ClaimView, d: ClaimView) -> bool:
    """Is ``o``'s sentence the denial's, or does it end at most ``SENTENCE_GAP`` characters
    (about one short sentence) before the denial's sentence? Without sentence offsets, the
    character reach alone decides."""
    if None in (o.sentence_start, o.sentence_end, d.sentence_start):
        return True
    return o.sentence_start == d.sentence_start or \
        0 <= d.sentence_start - o.sentence_end <= SENTENCE_GAP  # type: ignore[operator]


def _earlier(d: ClaimView, vs: list[ClaimView], reach: int, *, any_stance: bool = False
             ) -> list[ClaimView]:
    """Other sides' claims a denial can answer (``any_stance``: or that it may refer to, such
    as another denial), ending at most ``reach`` characters before it, nearest first."""
    return sorted((o for o in vs if (any_stance or o.stance in DISPUTABLE)
                   and not same_side(d, o) and 0 <= d.start - o.end <= reach),  # type: ignore[operator]
                  key=lambda o: -o.end)  # type: ignore[operator, return-value]


def _holds(o: ClaimView, d: ClaimView) -> bool:
    """Does ``o``'s content hold ``d``'s (a clause of another speaker inside it)?"""
    return o is not d and o.speaker_id != d.speaker_id and o.article_id == d.article_id \
        and o.start <= d.start and d.end <= o.end  # type: ignore[operator]


def _accused(y: ClaimView, x: ClaimView) -> bool:
    """Does ``y`` accuse ``x``'s speaker or its side?"""
    return y.stance == "accuses" and y.target is not None and bool(
        ({y.target} | y.target_sides | entity_sides([y.target])) & ({x.speaker_id} | x.sides))


def _later(d: ClaimView, vs: list[ClaimView]) -> list[ClaimView]:
    """Other sides' disputable claims after a denial in its article, nearest first."""
    return sorted((o for o in vs if o.stance in DISPUTABLE and not same_side(d, o)
                   and o.start >= d.end), key=lambda o: o.start)  # type: ignore[operator, return-value]


def resolve_references(views: Iterable[ClaimView]) -> None:
    """Set ``refers_to`` on each denial that only points back or names its claimant: the one
    earlier claim of another side in the same article it answers. Pointing back ('denied the
    claim'), within ``REFERENCE_REACH`` characters and at most about one sentence before it:
    for 'the charges' the nearest accusation, else what the nearest other speaker said (its
    claim about the denier, else its nearest; 'the claims' skip forecasts and threats); when
    that is itself a denial, no link. Naming
    the claimant ('rejected the Russian claim'): the claimant's nearest claim sharing an entity
    with the denial, else its nearest within twice the reach; with none before it (a lead
    that answers what is told further down), its first later claim sharing an entity or
    ``MIN_SHARED`` proposition words with the denial. Denying responsibility ('denied any
    involvement'): the nearest accusation of the denier, or claim about its side, just
    before it; else no link."""
    by_article: dict[str, list[ClaimView]] = {}
    for v in views:
        if v.article_id is not None and v.start is not None and v.end is not None:
            by_article.setdefault(v.article_id, []).append(v)
    for vs in by_article.values():
        for d in vs:
            if denies_responsibility(d):
                # the blame laid on the denier just before: an accusation of it, or a claim
                # about its side (never whatever the nearest speaker said)
                pick = [o for o in _earlier(d, vs, REFERENCE_REACH) if _adjacent(o, d) and (
                    _accused(o, d) or ({d.speaker_id} | d.sides) & entity_sides(o.entities))][:1]
                # 'accused Ukraine of a helicopter attack, for which Kyiv denied
                # responsibility': the accusation's content holds the denial's clause
                pick = pick or [o for o in vs if _holds(o, d) and _accused(o, d)][:1]
            elif points_back(d):
                named = set(re.findall(r"\w+", d.content.lower())) & CLAIM_NOUNS
                before = [o for o in _earlier(d, vs, REFERENCE_REACH, any_stance=True)
                          if _adjacent(o, d) and not (named and o.stance == "predicts")]
                accusations = [o for o in before if o.stance == "accuses"] \
                    if set(re.findall(r"\w+", d.content.lower())) & ACCUSATION_NOUNS else []
                block = [o for o in before if o.speaker_id == before[0].speaker_id]
                pick = accusations[:1] or [o for o in block if o.entities & (
                    {d.speaker_id} | d.sides)][:1] or block[:1]
                if not pick:  # 'denied the allegations' further down: the accusation of it
                    pick = [o for o in _earlier(d, vs, d.start)  # type: ignore[arg-type]
                            if _accused(o, d)][:1]
            elif who := claimant(d):
                theirs = [o for o in _earlier(d, vs, d.start)  # type: ignore[arg-type]
                          if who & ({o.speaker_id} | o.sides | name_countries(o.sides))]
                pick = [o for o in theirs if o.entities & d.entities][:1] or [
                    o for o in theirs if d.start - o.end <= 2 * REFERENCE_REACH][:1]  # type: ignore[operator]
                if not pick:  # a lead that answers a claim told further down
                    pick = [o for o in _later(d, vs) if who & (
                        {o.speaker_id} | o.sides | name_countries(o.sides)) and (
                        o.entities & d.entities or _shared(d.content, o.content)[0] >= MIN_SHARED)
                    ][:1]
            else:
                continue
            # what it refers to may be no claim a denial disputes (another denial): no link
            d.refers_to = pick[0].id if pick and pick[0].stance in DISPUTABLE else None


_NEGATION = re.compile(r"\b(?:not|never|no|nothing|nobody|none)\b|n['’]t\b", re.I)


def _rebuts(x: ClaimView, y: ClaimView) -> bool:
    """Does ``x`` answer ``y`` by saying its words with a 'not' ('its troops had not used
    cluster munitions' just after 'accused Ukrainian forces of using cluster munitions')?
    A rebuttal without a denial cue: ``x`` is negated and ``y`` is not, ``x`` follows ``y`` in
    the same article within ``REFERENCE_REACH`` characters, and they share ``MIN_SHARED``
    proposition words, at least half of the smaller claim's."""
    if x.stance not in ("asserts", "predicts") or y.stance not in DISPUTABLE \
            or not _near(x, y) or not _NEGATION.search(x.content) \
            or _NEGATION.search(y.content):
        return False
    n, share = _shared(x.content, y.content)
    return n >= MIN_SHARED and share >= 2 * MIN_OVERLAP


# 'the strike hit a school, not a depot', 'food rather than weapons', 'instead of a depot':
# what the speaker sets aside, up to the end of its phrase
_CORRECTION = re.compile(r"(?:,\s*(?:and\s+)?not|\brather\s+than|\binstead\s+of)\s+"
                         r"(?P<what>[^,.;:“”\"()]+)", re.I)


def _corrects(x: ClaimView, y: ClaimView) -> bool:
    """Does ``x`` set ``y`` aside by naming what ``y`` said ('Ukraine's air force said the
    strike had hit a school, not a depot' just after 'its missiles had destroyed a fuel
    depot')? A counter-assertion without a denial word: ``x`` asserts, in the sentence just
    after ``y`` (``_adjacent``, within ``REFERENCE_REACH``), and every proposition word of the
    phrase it sets aside is ``y``'s, while what it asserts instead is not (''the depot, not
    the school'' agrees with a depot); ``y`` itself is not negated."""
    if x.stance != "asserts" or y.stance not in DISPUTABLE or not _near(x, y) \
            or not _adjacent(y, x) or _NEGATION.search(y.content):
        return False
    m = _CORRECTION.search(x.content)
    if m is None:
        return False
    aside, wy = content_words(m["what"]), content_words(y.content)
    instead = content_words(x.content[:m.start()]) - aside
    return bool(aside) and aside <= wy and bool(instead - wy)


def _denies_what_is_said_of_it(x: ClaimView, y: ClaimView) -> bool:
    """'Kyiv said Russian troops had looted the museum. Moscow denied looting.': a short
    denial just after a claim about the denier's side (an entity of the claim stands for the
    denier: ``entity_sides``) denies that claim when most of its words are the claim's
    (at least half of the denial's proposition words, one at least)."""
    if not _near(x, y) or not ({x.speaker_id} | x.sides) & entity_sides(y.entities):
        return False
    wx, wy = content_words(x.content), content_words(y.content)
    n = len(wx & wy)
    return n >= 1 and (n >= len(wx) / 2 or _adjacent(y, x))


def dispute_reason(a: ClaimView, b: ClaimView) -> str | None:
    """Why ``b`` disputes ``a`` (or the reverse), or None when it does not. A denial that only
    points back needs ``resolve_references`` over its article's claims first."""
    if same_side(a, b) or _same_text(a, b) and a.refers_to != b.id and b.refers_to != a.id:
        return None  # (a denial nested in the accusation it answers is not one text)
    apart = days(a.date, b.date)
    if apart is not None and apart > WINDOW_DAYS:
        return None
    for x, y in ((a, b), (b, a)):
        if x.stance != "denies" or y.stance not in DISPUTABLE:
            continue
        if x.refers_to == y.id:
            return "denial_of_accusation" if _accused(y, x) else "denial"
        if points_back(x):
            continue
        n, share = _shared(x.content, y.content)
        if n >= 1 and _accused(y, x):  # the accused denies it: one word of it is enough
            return "denial_of_accusation"
        if n >= MIN_SHARED and x.entities & y.entities and share >= MIN_OVERLAP:
            return "denial"
        # just after the claim, a short denial of a long quote: most of the denial's words
        # are the quote's, however long the quote is
        if n >= MIN_SHARED and _near(x, y) \
                and _shared(x.content, y.content, larger=False)[1] >= 2 * MIN_OVERLAP:
            return "denial"
        if _denies_what_is_said_of_it(x, y):
            return "denial"
    if figures_differ(a, b):  # before a rebuttal: 'nobody died' vs 'six killed' is a figure
        return "figures_differ"
    if _rebuts(a, b) or _rebuts(b, a) or _corrects(a, b) or _corrects(b, a):
        return "rebuttal"
    return None


def article_disputes(views: list[ClaimView]) -> list[tuple[int, int, str]]:
    """Every disputing pair among one article's claims: (index, index, reason)."""
    resolve_references(views)
    return [(i, j, why) for i in range(len(views)) for j in range(i + 1, len(views))
            if (why := dispute_reason(views[i], views[j])) is not None]
