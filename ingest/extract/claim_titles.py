"""Descriptions that speak ('Ukraine’s ambassador said', 'the president of Belarus said')
tied to a person when the text or the reference data says who holds the title; the mirror of
``coref.title_antecedent``, which looks for the titled person named before."""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Callable

from ingest.extract.coref import PersonLocator, word_near
from ingest.extract.entities import Ment
from ingest.extract.gazetteer import GazEntry

_ARTICLES = {"the", "a", "an"}


def title_after(text: str, locator: PersonLocator, title: str, end: int,
                modifiers: tuple[str, ...] = (), window: int = 400,
                skip: Callable[[Ment], bool] | None = None) -> Ment | None:
    """'Ukraine’s ambassador warned …. “…,” said ambassador Vasyl Myroshnychenko': a
    description the text names only afterwards is the first person named after it, within
    ``window`` characters, when that person's name carries the same title right before it
    ('ambassador Vasyl …', 'President Maia Sandu', 'the ambassador, Vasyl Bodnar,'). A
    capitalised modifier of that title must fit the description ('Kharkiv region governor
    Oleh Synehubov' is not 'the governor of Luhansk'); anyone else named first: no one."""
    title = title.lower()
    mods = {m.lower() for m in modifiers}
    i = bisect_left(locator.starts, end)
    while i < len(locator.people) and locator.people[i].start < end + window:
        m = locator.people[i]
        i += 1
        if skip is not None and skip(m):
            continue
        words = text[max(0, m.start - 60): m.start].split()
        if words and words[-1].endswith(","):  # 'the ambassador, Vasyl Bodnar'
            words[-1] = words[-1][:-1]
        if not words or words[-1].lower().strip(".:;()’'\"“”") != title:
            return None  # the first person named after it is someone else, or untitled
        for w in reversed(words[-4:-1]):  # the title's own modifiers: 'Kharkiv region …'
            if w[-1] in ".,;:”\"" or w.lower() in _ARTICLES:
                break
            if not w[:1].isupper():
                continue  # 'region', or the cue: 'said ambassador …'
            low = w.lower().strip("()’'\"“”")
            low = low[:-2] if low.endswith(("’s", "'s")) else low
            if not word_near(low, mods) and low not in _TITLE_WORDS:
                return None
        return m
    return None


# words that may stand before a title as part of it ('Prime Minister', 'Deputy Mayor')
_TITLE_WORDS = {"prime", "deputy", "vice", "foreign", "defence", "defense", "first",
                "acting", "chief", "supreme", "senior", "interior", "finance", "health",
                "state", "general", "secretary", "minister", "president", "presidential"}


def described_person(descriptions: dict[str, list[GazEntry]], title: str,
                     modifiers: tuple[str, ...], named: set[str]) -> str | None:
    """'The president of Belarus said …' with no one so titled next to a name: the reference
    data's person described by that title with exactly these modifiers ('belarusian
    president'; another form of the word fits: 'Belarus'/'belarusian'), when the article
    names that person somewhere. A title without modifiers ('the prime minister') names no
    one: every country has one."""
    mods = {m.lower().removesuffix("’s").removesuffix("'s") for m in modifiers} - _ARTICLES
    if not mods:
        return None
    found: set[str] = set()
    for desc, entries in descriptions.items():
        words = desc.split()
        if len(words) < 2 or words[-1] != title.lower():
            continue
        own = {w.removesuffix("'s") for w in words[:-1]} - {"of", "the"}
        if all(word_near(m, own) for m in mods) and all(word_near(w, mods) for w in own):
            found |= {e.id for e in entries if e.id in named}
    return next(iter(found)) if len(found) == 1 else None
