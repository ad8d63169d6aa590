"""Within-article resolution: surnames, descriptions and pronouns to the person meant.

- 'Putin' -> the 'Vladimir Putin' named earlier (or the gazetteer's Vladimir Putin);
- 'the Russian leader' -> the person the gazetteer describes so, preferring people the
  article names (descriptions are time-dependent: 'the U.S. president' is Biden in 2022);
- 'he said' -> the nearest preceding named person (a deliberately simple, linear heuristic).
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Callable

from spacy.tokens import Doc

from graph.models import EntityType
from ingest.extract.entities import Ment, Rules
from ingest.extract.gazetteer import GazEntry, norm, slug
from ingest.extract.names import (
    drop_initials,
    fold_word,
    given_names_compatible,
    person_gender,
)

_HONORIFICS = {"mr", "mr.", "mrs", "mrs.", "ms", "ms.", "dr", "dr.", "sir", "gen.", "gen",
               "president", "minister", "prime", "general", "colonel", "col.", "lt.", "sgt."}
PRONOUNS_PERSON = {"he", "she", "him", "her"}
PRONOUN_GENDER = {"he": "m", "him": "m", "she": "f", "her": "f"}


def _skey(text: str) -> str:
    """Surname key, transliteration-folded: 'Zelenskyy' finds 'Volodymyr Zelensky'."""
    return " ".join(fold_word(w) or w for w in norm(text).split())


def _gazetteer_by_surname(name: str, rules: Rules) -> GazEntry | None:
    """'Volodimir Zelenskiy': a full name in a spelling the gazetteer lacks is its person when
    the surname is that person's and the given names agree after transliteration folding."""
    words = name.split()
    entry = rules.gaz.lookup(words[-1])
    if entry is None or entry.type is not EntityType.PERSON or len(entry.name.split()) < 2:
        return None
    return entry if len(words) == 2 and given_names_compatible(words[0], entry.name.split()[0]) \
        and len(words[0].rstrip(".")) > 1 else None


def _strip_honorifics(text: str) -> str:
    words = text.split()
    while len(words) > 1 and words[0].lower() in _HONORIFICS:
        words = words[1:]
    return " ".join(words)


def fix_person_orgs(doc: Doc, ments: list[Ment], titles: frozenset[str]) -> None:
    """The small model often tags 'Denys Shmyhal' or 'Dmitry Polyanskiy' as ORG. A multi-word
    ORG that follows a title ('Prime Minister Denys Shmyhal'), is followed by a title
    apposition ('…, the prime minister') or whose last word recurs alone as a person is a
    person."""
    single_people = {m.text for m in ments if m.type is EntityType.PERSON
                     and m.end_tok - m.start_tok == 1}
    for m in ments:
        if m.type is not EntityType.ORGANIZATION or m.entry is not None \
                or m.end_tok - m.start_tok < 2 or m.end_tok - m.start_tok > 4:
            continue
        toks = doc[m.start_tok:m.end_tok]
        if not all(t.pos_ == "PROPN" and t.text[:1].isupper() for t in toks):
            continue
        before = doc[m.start_tok - 1].lower_ if m.start_tok > 0 else ""
        if before == "," and m.start_tok > 1:  # 'Ukraine’s prime minister, Denys Shmyhal'
            before = doc[m.start_tok - 2].lower_
        after = doc[m.end_tok + 1 : m.end_tok + 4] if m.end_tok + 1 < len(doc) else []
        title_after = m.end_tok < len(doc) and doc[m.end_tok].text == "," and any(
            t.lower_ in titles for t in after)
        if before in titles or title_after or toks[-1].text in single_people:
            m.type, m.method = EntityType.PERSON, "rule"


def resolve_people(ments: list[Ment], rules: Rules) -> None:
    """Give every Person/Organization/Group mention a canonical key, in place."""
    full: dict[str, tuple[str, str]] = {}  # surname (casefolded) -> (key, full name)
    # surname -> every (start, key, full name): people sharing a surname in one article
    shared: dict[str, list[tuple[int, str, str]]] = {}
    for m in ments:
        if m.type is EntityType.PERSON and m.description is None:
            if m.key is None:
                name = _strip_honorifics(m.text)
                if len(name.split()) >= 2:
                    entry = rules.gaz.lookup(name) or rules.gaz.lookup(drop_initials(name)) \
                        or _gazetteer_by_surname(name, rules)
                    if entry is not None and entry.type is EntityType.PERSON:
                        m.key, m.name, m.entry, m.method = entry.id, entry.name, entry, "gazetteer"
                    else:
                        m.key, m.name = f"person:{slug(name)}", name
            if m.key is not None and m.name and len(m.name.split()) >= 2:
                for last in (m.name.split()[-1], m.text.split()[-1]):
                    # a country's name is never a bare surname: 'Tui Russia' must not
                    # turn every 'Russia' of the article into a person
                    if rules.places.country_code(last) is None:
                        full.setdefault(_skey(last), (m.key, m.name))
                        shared.setdefault(_skey(last), []).append((m.start, m.key, m.name))
    _gazetteer_surnames_to_nearest(ments, shared, rules)
    for m in ments:
        if m.type is EntityType.PLACE and m.end_tok - m.start_tok == 1 \
                and m.method != "gazetteer" and _skey(m.text) in full \
                and not (m.place is not None and m.place.kind in ("country", "admin1")):
            # 'Sharapova' tagged GPE after 'Maria Sharapova' was named: a surname
            hit = full[_skey(m.text)]
            m.type, m.key, m.name, m.method, m.place = (EntityType.PERSON, hit[0], hit[1],
                                                       "surname", None)
            continue
        if m.key is not None and m.type is not EntityType.ORGANIZATION:
            continue
        if m.type is EntityType.PERSON and m.description is not None:
            continue
        # 'General Dynamics', 'General Electric': an organization's first word is its name,
        # not an honorific
        name = " ".join(m.text.split()) if m.type is EntityType.ORGANIZATION \
            else _strip_honorifics(m.text)
        hit = full.get(_skey(name)) if len(name.split()) == 1 else None
        if hit is not None and len({p[1] for p in shared.get(_skey(name), ())}) > 1:
            # 'Andriy Kostin … Oleh Kostin … Kostin said': the nearest full name before
            before = [p for p in shared[_skey(name)] if p[0] < m.start]
            if before:
                hit = (before[-1][1], before[-1][2])
        if hit is not None and m.type in (EntityType.PERSON, EntityType.ORGANIZATION):
            m.type, m.key, m.name, m.method = EntityType.PERSON, hit[0], hit[1], "surname"
        elif m.key is None and m.type is EntityType.PERSON:
            m.key, m.name = f"person:{slug(name)}", name
        elif m.key is None and m.type is EntityType.ORGANIZATION:
            m.key, m.name = f"org:{slug(name)}", name
    _join_name_suffixes(ments)
    for m in ments:
        if m.type is EntityType.GROUP and m.key is None:
            m.name = m.name or m.text
            m.key = f"group:{slug(m.name)}"
        if m.name is None:
            m.name = m.text


def _gazetteer_surnames_to_nearest(ments: list[Ment], shared: dict[str, list[tuple[int, str,
                                   str]]], rules: Rules) -> None:
    """'Hunter Biden was charged. Biden denied it': a bare surname the gazetteer gives to a
    known person goes to the nearest full name before it when the article names another
    person of that surname (not after a title: 'President Biden' stays the gazetteer's)."""
    for m in ments:
        if m.type is not EntityType.PERSON or m.entry is None or m.description is not None \
                or m.end_tok - m.start_tok != 1:
            continue
        people = shared.get(_skey(m.text), ())
        if len({p[1] for p in people}) < 2 and all(p[1] == m.key for p in people):
            continue
        before = [p for p in people if p[0] < m.start]
        if before and before[-1][1] != m.key and not m.after_title:
            m.key, m.name, m.entry, m.method = before[-1][1], before[-1][2], None, "surname"


def _join_name_suffixes(ments: list[Ment]) -> None:
    """'Rami Abdel Rahman' ... 'Abdel Rahman', 'Ursula von der Leyen' ... 'von der Leyen': a
    multi-word person name that ends another, longer person name of the article is that
    person (a bare one-word surname is handled by ``resolve_people``)."""
    people = [m for m in ments if m.type is EntityType.PERSON and m.description is None
              and m.key and m.name]
    longer: dict[str, tuple[str, str, int]] = {}  # suffix key -> (key, name, words)
    for m in people:
        words = (m.name or "").split()
        for k in range(1, len(words) - 1):
            suffix = _skey(" ".join(words[k:]))
            if longer.get(suffix, ("", "", 0))[2] < len(words):
                longer[suffix] = (m.key or "", m.name or "", len(words))
    if not longer:
        return
    for m in people:
        n = len((m.name or "").split())
        hit = longer.get(_skey(m.name or ""))
        if n >= 2 and hit is not None and hit[2] > n and m.method in ("model", "rule"):
            m.key, m.name, m.method = hit[0], hit[1], "suffix"  # no person evidence


def resolve_descriptions(ments: list[Ment], rules: Rules,
                         roles: dict[str, str]) -> list[Ment]:
    """Attach description mentions to people; drop those that stay ambiguous.

    ``roles`` maps a normalized 'affiliation title' phrase from the article's own appositions
    ('russian president') to a person key: the article's words beat the gazetteer's."""
    named = {m.key for m in ments if m.type is EntityType.PERSON and m.description is None}
    kept: list[Ment] = []
    for m in ments:
        if m.description is None:
            kept.append(m)
            continue
        key = roles.get(m.description)
        method = "description-role"
        cands = rules.gaz.by_description.get(m.description, [])
        if key is None:
            in_article = [c for c in cands if c.id in named]
            pick = in_article[0] if in_article else (cands[0] if len(cands) == 1 else None)
            if pick is not None:
                key, method = pick.id, "description"
        if key is None:
            continue
        entry = next((c for c in cands if c.id == key), None)
        m.key, m.method = key, method
        m.name = entry.name if entry else next(
            (x.name for x in ments if x.key == key and x.description is None), m.text)
        kept.append(m)
    return kept


class PersonLocator:
    """Nearest preceding person mention before a character offset (for pronouns)."""

    def __init__(self, ments: list[Ment]) -> None:
        self.people = [m for m in ments if m.type is EntityType.PERSON and m.key]
        self.starts = [m.start for m in self.people]
        seen: dict[str | None, set[str]] = {}
        for m in self.people:  # every mention of a person counts ('Ms. Hameliak', full name)
            seen.setdefault(m.key, set()).update(
                g for g in (person_gender(m.text), person_gender(m.name or "")) if g)
        self._genders = {k: next(iter(v)) if len(v) == 1 else None for k, v in seen.items()}

    def gender_fits(self, key: str | None, pronoun: str) -> bool:
        """Whether a person may be the referent of 'he'/'she' (unknown gender fits both)."""
        want = PRONOUN_GENDER.get(pronoun.lower())
        return want is None or self._genders.get(key) in (None, want)

    def before(self, offset: int, *, min_offset: int = 0,
               exclude: str | None = None, pronoun: str | None = None,
               skip: Callable[[Ment], bool] | None = None) -> Ment | None:
        """With ``pronoun`` ('he', 'she', ...), people whose gender is known to differ are
        passed over: 'she added' never goes to the man named last, but to the nearest person
        who may be a woman. ``skip`` passes over mentions that cannot be the referent (a
        person named inside a quotation is talked about, not talking)."""
        want = PRONOUN_GENDER.get(pronoun.lower()) if pronoun else None
        i = bisect_left(self.starts, offset) - 1
        passed = False  # a nearer person of the other gender was passed over
        while i >= 0 and self.people[i].start >= min_offset:
            p = self.people[i]
            if skip is not None and skip(p) or p.key == exclude:
                i -= 1
                continue
            g = self._genders[p.key] if want is not None else None
            if g is None and passed:
                # 'Zelenskiy … she said': jumping over a man to someone of unknown gender
                # (an outlet the model typed a person, a woman it missed) is a guess
                return None
            if want is None or g in (None, want):
                return p
            passed = True
            i -= 1
        return None


def add_surname_mentions(doc: Doc, ments: list[Ment]) -> list[Ment]:
    """Second mentions the model missed: a bare proper noun equal to the surname of a person
    the article already named ('Merrick Garland' ... 'Garland said')."""
    surnames: dict[str, Ment] = {}
    for m in ments:
        if m.type is EntityType.PERSON and m.description is None and m.name \
                and len(m.name.split()) >= 2:
            surnames.setdefault(m.name.split()[-1], m)
    if not surnames:
        return ments
    taken = bytearray(len(doc))
    for m in ments:
        for i in range(m.start_tok, m.end_tok):
            taken[i] = 1
    added: list[Ment] = []
    for tok in doc:
        full = surnames.get(tok.text)
        if full is not None and not taken[tok.i] and tok.pos_ == "PROPN" \
                and tok.idx > full.start:
            added.append(Ment(tok.i, tok.i + 1, tok.idx, tok.idx + len(tok), tok.text,
                              EntityType.PERSON, key=full.key, name=full.name,
                              method="surname", entry=full.entry))
    if not added:
        return ments
    return sorted(ments + added, key=lambda m: m.start)


def word_near(word: str, near: set[str]) -> bool:
    """A description's modifier is written near the name, as the same word or another form
    of it: 'the economic minister' / 'Economy minister Robert Habeck', 'the Russian
    president' / 'Russia's president, Vladimir Putin' (a shared stem of five letters)."""
    if word in near:
        return True
    return len(word) >= 5 and any(len(w) >= 5 and w[:5] == word[:5] for w in near)


def title_antecedent(text: str, locator: PersonLocator, title: str, offset: int,
                     modifiers: tuple[str, ...] = (), window: int = 600,
                     skip: Callable[[Ment], bool] | None = None) -> Ment | None:
    """'the governor said' -> the nearest person named shortly before with that title written
    next to the name ('Governor Oleh Syniehubov', 'Oleh Syniehubov, the regional governor');
    every modifier of the description must be there too ('the Polish prime minister' is not
    'the British prime minister, Boris Johnson'). None when no such person is near: the
    description then stays an anonymous source. ``skip``: mentions that cannot be meant
    ('“… an attack on us by Putin,” the minister said': Putin is inside the quotation)."""
    title = title.lower()
    mods = {m.lower() for m in modifiers}
    i = bisect_left(locator.starts, offset) - 1
    found: list[Ment] = []
    # nearest within ``window``; further back (to 6 windows) only when one person alone
    # bears the title there, written before the name ('Economy minister Robert Habeck …'
    # paragraphs before 'the minister said'; two ministers named → no one)
    while i >= 0 and locator.people[i].start >= offset - 6 * window:
        m = locator.people[i]
        i -= 1
        if skip is not None and skip(m):
            continue
        near = {w.strip(".,;:()’'\"") for w in
                text[max(0, m.start - 40): min(m.end + 50, offset)].lower().split()}
        if title in near and all(word_near(w, near) for w in mods):
            if m.start >= offset - window:
                return m
            before = {w.strip(".,;:()’'\"") for w in text[max(0, m.start - 40): m.start]
                      .lower().split()}
            if title in before:  # far back, only a title written before the name
                found.append(m)
    return found[0] if found and len({m.key for m in found}) == 1 else None

