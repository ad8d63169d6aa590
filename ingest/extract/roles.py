"""Roles from titles and appositions -> HAS_ROLE relations.

Handled shapes (token scans around each named person, linear in doc length):
- '<affiliation> <title> <Person>': 'Kremlin spokesperson Dmitry Peskov',
  'Russian President Vladimir Putin', 'U.S. President Donald Trump';
- '<Owner>'s <title>, <Person>': 'Trump’s special envoy, Steve Witkoff';
- '<Person>, <affiliation|the> <title>': 'Dmitry Peskov, the Kremlin spokesperson'.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc

from graph.models import EntityType, RelationRecord
from ingest.extract.entities import Ment, Rules, demonym_code
from ingest.extract.gazetteer import norm

_TITLE_MODIFIERS = {"special", "senior", "deputy", "former", "acting", "top", "chief", "first",
                    "foreign", "defence", "defense", "interior", "prime", "vice", "national",
                    "security", "press", "presidential", "state", "of", "general", "staff"}


@dataclass
class Role:
    person: Ment
    title: str
    target: str | None  # entity key of the affiliation
    country: str | None  # ISO code when the affiliation is a country or demonym
    start: int
    end: int
    demonym_tok: int | None = None  # token index of a demonym affiliation ('Russian')


def _title_words(rules: Rules) -> tuple[frozenset[str], frozenset[str]]:
    titles = rules.gaz.words("role_titles")
    heads = frozenset(t.split()[-1] for t in titles)
    words = frozenset(w for t in titles for w in t.split()) | _TITLE_MODIFIERS
    return heads, words


def find_roles(doc: Doc, ments: list[Ment], rules: Rules) -> list[Role]:
    heads, words = _title_words(rules)
    by_end = {m.end_tok: m for m in ments}
    by_start = {m.start_tok: m for m in ments}
    roles: list[Role] = []
    for m in ments:
        if m.type is not EntityType.PERSON or m.description is not None or not m.key:
            continue
        role = _before(doc, m, heads, words, by_end, rules) or _after(doc, m, heads, words,
                                                                     by_start, rules)
        if role is not None:
            roles.append(role)
    return roles


def _affiliation(doc: Doc, i: int, by_end: dict[int, Ment], rules: Rules
                 ) -> tuple[str | None, str | None, int, int | None]:
    """Affiliation ending at token ``i`` (exclusive): (key, country, start token, demonym tok)."""
    if i > 0 and doc[i - 1].lower_ in ("'s", "’s"):
        i -= 1
    aff = by_end.get(i)
    if aff is not None and aff.description is None:
        country = aff.place.country if aff.place and aff.place.kind == "country" else None
        return aff.key, country, aff.start_tok, None
    if i > 0:
        is_dem, code = demonym_code(rules, doc[i - 1].text)
        if is_dem:
            return None, code, i - 1, i - 1
    return None, None, i, None


def _before(doc: Doc, m: Ment, heads: frozenset[str], words: frozenset[str],
            by_end: dict[int, Ment], rules: Rules) -> Role | None:
    j = m.start_tok
    if j > 0 and doc[j - 1].text == ",":  # apposition: '<Owner>'s special envoy, Steve Witkoff'
        j -= 1
    k = j
    while k > 0 and doc[k - 1].lower_ in words and k > j - 5:
        k -= 1
    if k == j or doc[j - 1].lower_ not in heads:
        return None
    while k < j and doc[k].lower_ == "of":
        k += 1
    key, country, a_start, dem = _affiliation(doc, k, by_end, rules)
    title = doc[k:j].text
    return Role(m, title, key, country, doc[a_start].idx, m.end, dem)


def _after(doc: Doc, m: Ment, heads: frozenset[str], words: frozenset[str],
           by_start: dict[int, Ment], rules: Rules) -> Role | None:
    j = m.end_tok
    if j >= len(doc) - 2 or doc[j].text != ",":
        return None
    k = j + 1
    aff = None
    if doc[k].lower_ in ("the", "a", "an"):
        k += 1
    if k in by_start and by_start[k].type is not EntityType.PERSON:
        aff = by_start[k]
        k = aff.end_tok
        if k < len(doc) and doc[k].lower_ in ("'s", "’s"):
            k += 1
    dem = None
    country = aff.place.country if aff and aff.place and aff.place.kind == "country" else None
    if aff is None and k < len(doc):
        is_dem, code = demonym_code(rules, doc[k].text)
        if is_dem:
            dem, country = k, code
            k += 1
    t0 = k
    while k < len(doc) and doc[k].lower_ in words and k < t0 + 5:
        k += 1
    if k == t0 or doc[k - 1].lower_ not in heads:
        return None
    if doc[k - 1].dep_ in ("nsubj", "nsubjpass") and doc[k - 1].head.i > k - 1:
        return None  # '… about Carter, the US president said': the title is a new subject
    return Role(m, doc[t0:k].text, aff.key if aff else None, country, m.start, doc[k - 1].idx
                + len(doc[k - 1]), dem)


def role_phrases(roles: list[Role], doc: Doc) -> dict[str, str]:
    """'russian president' -> person key, from the article's own titles (for descriptions)."""
    out: dict[str, str] = {}
    for r in roles:
        if r.demonym_tok is not None:
            out.setdefault(norm(f"{doc[r.demonym_tok].text} {r.title}"), r.person.key or "")
    return out


def to_relations(roles: list[Role], sent_span: dict[int, tuple[int, int]],
                 country_key: dict[str, str]) -> list[RelationRecord]:
    out: list[RelationRecord] = []
    for r in roles:
        target = r.target or (country_key.get(r.country) if r.country else None)
        out.append(RelationRecord(type="HAS_ROLE", source=r.person.key or "", target=target,
                                  title=r.title, span=(r.start, r.end),
                                  sentence_span=sent_span[r.person.start_tok]))
    return out
