"""Abbreviations an article defines: '<Full Name> (<ABBR>)'.

The model tags the full name but often leaves the bracketed abbreviation untagged ('the
World Health Organization (WHO) incident manager'), so the gold's mention of the
organization by its abbreviation was missed, and so was a later bare 'WHO'. An all-caps
word in brackets right after a mention, whose letters are the initials of that name, is a
mention of the same entity; so is every later free occurrence of it written the same way."""

from __future__ import annotations

from spacy.tokens import Doc

from graph.models import EntityType
from ingest.extract.entity_rules import Ment, mk

_NAMED_TYPES = (EntityType.ORGANIZATION, EntityType.OUTLET, EntityType.FACILITY,
                EntityType.GROUP)


def abbreviates(short: str, full: str) -> bool:
    """'TGWU' / 'Transport and General Workers Union', 'UKIP' / 'UK Independence Party',
    'Met' / 'Metropolitan Police': an acronym of the capitalised words (all-caps words
    whole) or a prefix of the first word."""
    words = [w for w in full.split() if w[:1].isupper()]
    acro = "".join(w if w.isupper() else w[0] for w in words)
    if short.isupper() and len(short) >= 2 and short == acro:
        return True
    # a clipped word is at most half the word ('Met' / 'Metropolitan'): 'Moldova' is the
    # country, not a clipping of 'Moldovan Central Bank'
    return len(words) > 1 and len(short) >= 3 and words[0].startswith(short) \
        and 2 * len(short) <= len(words[0])


def bracketed_abbreviations(doc: Doc, ments: list[Ment]) -> list[Ment]:
    taken = bytearray(len(doc))
    for m in ments:
        for i in range(m.start_tok, m.end_tok):
            taken[i] = 1
    defined: dict[str, Ment] = {}
    for m in ments:
        i = m.end_tok
        if m.type not in _NAMED_TYPES or i + 2 >= len(doc) or doc[i].text != "(" \
                or doc[i + 2].text != ")" or taken[i + 1]:
            continue
        abbr = doc[i + 1].text
        if abbr.isupper() and abbreviates(abbr, m.name or m.text) \
                and abbreviates(abbr, m.text):
            defined.setdefault(abbr, m)
    if not defined:
        return ments
    out = list(ments)
    for tok in doc:
        full = defined.get(tok.text)
        if full is not None and not taken[tok.i] and tok.i > full.start_tok:
            out.append(mk(doc, tok.i, tok.i + 1, full.type, key=full.key, name=full.name,
                          method="abbreviation"))
            taken[tok.i] = 1
    out.sort(key=lambda m: m.start)
    return out
