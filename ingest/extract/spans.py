"""Repairs of the model's entity boundaries and of entities that are a title or a dateline.

The small model cuts a name at a middle initial ('Sergey V.' + 'Lavrov'), a numbered name at
its number ('Group of' + '20'), calls the all-caps dateline that opens a wire story an
organization ('KÖNIGSWINTER, Germany —') or misses it, tags the title before a name
('Secretary of State Antony Blinken', 'Senior Sgt. Oleksandr Babynets') as an organization or
a person, and calls a company named after its kind ('the nuclear operator Energoatom') a
person. Each rule reads the shape of the text around the span, never a list of names.
"""

from __future__ import annotations

import re

from spacy.tokens import Doc, Span

_INITIAL_RE = re.compile(r"^[A-Z]\.$")
_DASHES = {"—", "–", "--"}
# words that make the name after them an organization: 'the nuclear operator Energoatom',
# 'the news agency Aamaq', 'state broadcaster Rossiya' (kinds of organization, not names)
ORG_KIND_NOUNS = frozenset({
    "company", "firm", "operator", "agency", "broadcaster", "newspaper", "channel",
    "network", "group", "party", "movement", "bank", "carrier", "airline", "utility",
    "monopoly", "giant", "conglomerate", "manufacturer", "supplier",
    "retailer", "insurer", "lender", "platform", "outlet", "tabloid", "website",
    "charity", "organisation", "organization", "union", "militia", "faction", "brigade",
    "battalion", "regiment", "corporation", "holding", "startup", "exporter", "importer",
})


def extend_initials(doc: Doc, s: int, e: int) -> int:
    """'Sergey V.' + 'Lavrov', 'Dmitri S.' + 'Peskov': a person span ending in a middle
    initial continues over the capitalised surname after it (end token returned)."""
    if e - s < 1 or not _INITIAL_RE.match(doc[e - 1].text):
        return e
    k = e
    while k < len(doc) and _INITIAL_RE.match(doc[k].text):
        k += 1  # 'George H. W. Bush'
    if k < len(doc) and doc[k].is_alpha and doc[k].text[:1].isupper():
        return k + 1
    return e


def extend_number(doc: Doc, s: int, e: int) -> int:
    """'Group of' + '20': an organization name ending in 'of' takes the number after it, and
    'University of' + 'Kharkiv' the name after it."""
    if e - s >= 2 and doc[e - 1].lower_ == "of" and e < len(doc) and doc[e].like_num:
        return e + 1
    if e - s >= 2 and doc[e - 1].lower_ in ("of", "for") and e < len(doc) \
            and doc[e].text[:1].isupper() and doc[e].pos_ == "PROPN":
        # 'the University of' + 'Kharkiv': the model cut the name before the place it
        # names; take the proper nouns (one entity, or an untagged run) after it
        k = e + 1
        while k < len(doc) and k < e + 4 and (doc[k].ent_iob_ == "I" if doc[e].ent_iob_ == "B"
                                              else doc[k].pos_ == "PROPN"
                                              and doc[k].text[:1].isupper()):
            k += 1
        return k
    return e


def dateline_spans(doc: Doc) -> list[tuple[int, int, str | None]]:
    """All-caps place names opening a paragraph and followed by ', <Region> —' or '—'
    (wire datelines: 'KHARKIV, Ukraine — ...', 'WASHINGTON — ...') as (start, end, the
    country or state word after the comma)."""
    out: list[tuple[int, int, str | None]] = []
    for tok in doc:
        if not (tok.i == 0 or "\n" in doc[tok.i - 1].text or "\n" in doc[tok.i - 1].whitespace_):
            continue
        k = tok.i
        while k < len(doc) and k < tok.i + 4 and doc[k].is_upper and len(doc[k].text) > 1 \
                and doc[k].text.replace("-", "").replace("’", "").replace("'", "").isalpha():
            k += 1
        if k == tok.i or k >= len(doc):
            continue
        if doc[k].text in _DASHES:
            out.append((tok.i, k, None))
        elif doc[k].text == ",":
            j = k + 1
            while j < len(doc) and j < k + 4 and doc[j].text[:1].isupper() \
                    and doc[j].text not in _DASHES:
                j += 1
            if j < len(doc) and j > k + 1 and doc[j].text in _DASHES:
                out.append((tok.i, k, doc[k + 1 : j].text))
    return out


def title_case(text: str) -> str:
    """'NUSA DUA' -> 'Nusa Dua', 'KÖNIGSWINTER' -> 'Königswinter'."""
    return " ".join("-".join(p.capitalize() for p in w.split("-")) for w in text.split())


def is_title_org(doc: Doc, ent: Span, s: int, e: int, titles: frozenset[str]) -> bool:
    """A one-word organization that is part of a title: 'Secretary of State <Name>',
    'Minister of State', or a capitalised word right before a person ('former Marine Paul
    Whelan', 'Cardinal Keith O'Brien'). A portfolio before a title ('Defence Secretary') is
    ``entity_types._portfolio_of_title``."""
    if ent.label_ != "ORG" or e - s != 1 or not doc[s].is_title:
        return False
    if s >= 2 and doc[s - 1].lower_ == "of" and doc[s - 2].lower_ in titles:
        return True
    nxt = doc[e] if e < len(doc) else None
    return nxt is not None and nxt.ent_type_ == "PERSON" and nxt.ent_iob_ == "B" \
        and not doc[s].text.isupper()


def is_title_person(doc: Doc, s: int, e: int, titles: frozenset[str],
                    honorifics: frozenset[str]) -> bool:
    """A person span made only of titles and honorifics ('Sgt', 'Senior Sgt.')."""
    words = [t.lower_.rstrip(".") for t in doc[s:e]]
    return all(w in titles or w in honorifics or w in ("senior", "junior", "chief")
               for w in words)


def org_kind_apposition(doc: Doc, s: int, e: int) -> bool:
    """'Maxar, the company that took the pictures', 'Acme, Europe's largest holiday
    company,': a name whose apposition is headed by a kind-of-organization noun."""
    if e >= len(doc) or doc[e].text != ",":
        return False
    return any(t.dep_ == "appos" and t.lower_ in ORG_KIND_NOUNS and t.pos_ == "NOUN"
               and t.i > e for t in doc[s:e].root.children)


_OPENERS = {"“", '"', "‘", "'", "(", "—", "–"}
_LINKS = {"of", "and", "for", "the", "to", "in", "on"}


def common_noun_acronym(doc: Doc, s: int, e: int) -> bool:
    """'liquefied natural gas (LNG)', 'weapons of mass destruction (WMD)': an all-caps
    abbreviation in brackets after the lower-case words it abbreviates names a thing, not
    an organization."""
    text = doc[s:e].text
    if e - s != 1 or not text.isalpha() or not text.isupper() or s < 2 \
            or doc[s - 1].text != "(":
        return False
    initials: list[str] = []
    k = s - 2
    while k >= 0 and len(initials) < len(text):
        tok = doc[k]
        if not tok.is_alpha or not tok.is_lower:
            return False
        if tok.lower_ not in _LINKS:
            initials.append(tok.lower_[0])
        k -= 1
    return "".join(reversed(initials)) == text.lower()


def common_noun_acronyms(doc: Doc) -> frozenset[str]:
    """Abbreviations the article defines for lower-case words ('liquefied natural gas
    (LNG)'): every later bare 'LNG' of the article is that thing too (cached per doc)."""
    cached = doc.user_data.get("common_noun_acronyms")
    if cached is None:
        cached = frozenset(t.text for t in doc if t.i >= 2 and doc[t.i - 1].text == "("
                           and t.is_upper and common_noun_acronym(doc, t.i, t.i + 1))
        doc.user_data["common_noun_acronyms"] = cached
    return cached


def common_word_opener(doc: Doc, s: int, e: int, common: frozenset[str]) -> bool:
    """'Film posted online showed ...', '“Queues and rising prices ...': one capitalised
    word opening a sentence or a quotation that is an English common word (a noun that is
    also a verb, or an adjective, in the lemmatizer's WordNet index) and is never written
    capitalised anywhere else in the article -- no name."""
    if e - s != 1:
        return False
    tok = doc[s]
    if not (tok.is_sent_start or (s > 0 and doc[s - 1].text in _OPENERS)):
        return False
    low = tok.lower_
    # the model's lemma of a token it took for a name is the name itself: 'Queues'
    forms = {low, tok.lemma_.lower(), low.removesuffix("s"), low.removesuffix("es")}
    if not forms & common:
        return False
    return not any(t.text == tok.text and not t.is_sent_start and t.i != s
                   and doc[t.i - 1].text not in _OPENERS for t in doc)


def after_org_kind(doc: Doc, s: int) -> bool:
    """'the nuclear operator Energoatom', 'the news agency Aamaq': a kind-of-organization
    noun right before the name (optionally after a comma)."""
    k = s - 1
    if k >= 0 and doc[k].text == ",":
        k -= 1
    return k >= 0 and doc[k].lower_ in ORG_KIND_NOUNS and doc[k].pos_ == "NOUN"


# head words that make '<Place> <Head> ...' an organization named after its place
ORG_HEADS = frozenset({
    "court", "council", "administration", "police", "committee", "agency", "service",
    "office", "authority", "department", "ministry", "bank", "parliament", "assembly",
    "commission", "fund", "foundation", "institute", "government", "duma", "rada",
    "legislature", "tribunal", "chamber", "directorate", "municipality", "command", "guard",
})


def place_led_org(doc: Doc, e: int) -> int | None:
    """'Kyiv Court of Appeals', 'Kharkiv City Council', 'Mariupol City Council': the end of
    an organization that starts with the place ending at ``e``, or None. Title-case words up
    to a head word, then only 'of'/'for' + title-case words ('Court of Appeals')."""
    k, end = e, None
    while k < len(doc) and k < e + 4 and doc[k].is_title and doc[k].is_alpha \
            and doc[k].ent_type_ != "PERSON":
        k += 1
        if doc[k - 1].lower_ in ORG_HEADS:
            end = k
            break
    if end is None:
        return None
    while end + 1 < len(doc) and doc[end].lower_ in ("of", "for") and doc[end + 1].is_title \
            and doc[end + 1].ent_type_ != "PERSON":
        end += 2
        while end < len(doc) and doc[end].is_title and doc[end].is_alpha:
            end += 1
    return end
