"""A claim's figure (``quantity``, ingest/extract/claim_forms.py): the first number in the
content that counts something, with its range or bound, the counted noun and what kind of
count it is (killed, wounded, displaced, …) from the lemmas around it; a denied casualty ('no
deaths') is a figure of zero, and a numeral may stand for what it counts ('three were
killed')."""

from __future__ import annotations

import json
import re
from functools import lru_cache

from spacy.tokens import Doc, Token

from graph.models import Quantity
from ingest.extract.claim_ctx import doc_text
from ingest.extract.gazetteer import DATA_DIR


@lru_cache(maxsize=1)
def _figure_words() -> dict[str, list[str]]:
    """``counted`` kinds and ``tally_nouns`` of ``claim_words.json`` (read here, not through
    claim_forms.py, which takes ``quantity`` from this module)."""
    with (DATA_DIR / "claim_words.json").open(encoding="utf-8") as fh:
        data = json.load(fh)
    return {"tally_nouns": data["tally_nouns"], **{f"counted:{k}": v
                                                   for k, v in data["counted"].items()}}


def _tokens_in(doc: Doc, cs: int, ce: int) -> list[Token]:
    span = doc.char_span(cs, ce, alignment_mode="expand")
    return list(span) if span is not None else []

_NUM_WORDS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
              "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "dozen": 12,
              "twenty": 20, "fifty": 50, "hundred": 100, "dozens": 24, "hundreds": 200,
              "thousands": 2000}
_SCALE = {"thousand": 1e3, "million": 1e6, "billion": 1e9, "k": 1e3, "m": 1e6, "bn": 1e9}


_RANGE_BEFORE = re.compile(r"\bbetween\s+(\d[\d,.]*)\s+(?:and|to)\s*$", re.I)
_PART_OF = re.compile(r"\b(\d[\d,.]*)\s+(?:out\s+)?of\s+$")
_RANGE_AFTER = re.compile(r"\s*(?:-|–|to)\s*(\d[\d,.]*)")


def _plain(raw: str) -> float | None:
    try:
        return float(raw.replace(",", "").rstrip("."))
    except ValueError:
        return None


def _number(tok: Token) -> float | None:
    raw = tok.text.lower().replace(",", "")
    if raw in _NUM_WORDS:
        return float(_NUM_WORDS[raw])
    m = re.fullmatch(r"(\d+(?:\.\d+)?)(k|m|bn)?", raw)
    if m is None:
        return None
    val = float(m.group(1)) * (_SCALE[m.group(2)] if m.group(2) else 1.0)
    nxt = tok.nbor(1) if tok.i + 1 < len(tok.doc) else None
    if nxt is not None and nxt.lower_ in _SCALE:
        val *= _SCALE[nxt.lower_]
    return val


@lru_cache(maxsize=1)
def _counted_of_lemma() -> dict[str, str]:
    out: dict[str, str] = {}
    for key, lemmas in _figure_words().items():
        if not key.startswith("counted:"):
            continue
        kind = key.removeprefix("counted:")
        for lemma in lemmas:
            out.setdefault(lemma, kind)
    return out


def _counted(noun: Token) -> str:
    """What the figure counts: the verb that governs the counted noun first ('shot down 31
    drones' is shot_down, not munitions), then the noun and its modifiers."""
    kinds = _counted_of_lemma()
    near: list[Token] = []
    verb = next((a for a in noun.ancestors if a.pos_ in ("VERB", "AUX")), None)
    if verb is not None:  # 'people fled', 'drones were shot down'
        near.extend((verb, *(c for c in verb.children if c.dep_ in ("prt", "acomp"))))
    # the words right after the counted noun ('3,000 people fled' when the parse lost the
    # verb)
    near.extend(t for t in noun.doc[noun.i + 1 : noun.i + 4] if t.pos_ in ("VERB", "AUX"))
    near.extend((noun, *noun.children, noun.head, *noun.head.children))
    if noun.head.dep_ in ("dobj", "pobj", "nsubj", "nsubjpass"):
        near.append(noun.head.head)
    if verb is not None:  # 'the death toll reached 112', 'the number of dead rose to 40'
        for subj in (c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")
                     and c.lemma_.lower() in _figure_words()["tally_nouns"]):
            near.extend((*subj.children, *(g for c in subj.children if c.dep_ == "prep"
                                           for g in c.children)))
    for t in near:
        kind = kinds.get(t.lemma_.lower())
        if kind is not None:
            return kind
    return "other"


_NONE_WORDS = {"nobody", "none"}  # 'nobody was hurt', 'none of the soldiers died'


def _zero(tok: Token) -> Quantity | None:
    """A figure of zero: 'no deaths', 'no civilians were killed', 'no one was hurt', 'nobody
    died'. The counted kind must be known (killed, wounded, …): 'no evidence' or 'no plans'
    count nothing."""
    if tok.lower_ == "no" and tok.dep_ == "det" and tok.head.pos_ in ("NOUN", "PRON"):
        noun = tok.head
    elif tok.lower_ in _NONE_WORDS and tok.dep_ in ("nsubj", "nsubjpass", "dobj"):
        noun = tok
    else:
        return None
    counted = _counted(noun)
    if counted == "other" or any(c.dep_ == "neg" for c in noun.head.children):
        return None  # 'no one was not hurt': a double negation is no figure
    unit = None if noun.lower_ in ("one", *_NONE_WORDS) else noun.text
    end = max(tok.idx + len(tok), noun.idx + len(noun))
    return Quantity(text=doc_text(tok.doc)[tok.idx:end], value=0.0, unit=unit, counted=counted)


def _numeral_argument(tok: Token) -> Quantity | None:
    """A number standing for what it counts: 'three were killed', '40 died', 'killed five of
    the militants', 'eight of them were kidnapped'. Only for a known kind (killed, captured,
    …): 'the two agreed' counts nothing."""
    # 'one' standing alone is a pronoun as often as a count ('one of the attacks took place')
    if tok.pos_ != "NUM" or tok.lower_ == "one" or tok.dep_ not in ("nsubj", "nsubjpass", "dobj") \
            or tok.ent_type_ in ("DATE", "TIME", "ORDINAL", "PERCENT", "MONEY"):
        return None
    val = _number(tok)
    counted = _counted(tok)
    if val is None or counted == "other":
        return None
    of = next((g for c in tok.children if c.dep_ == "prep" and c.lower_ == "of"
               for g in c.children if g.dep_ == "pobj" and g.pos_ == "NOUN"), None)
    return Quantity(text=tok.text, value=val, unit=of.text if of is not None else None,
                    counted=counted)


def quantity(doc: Doc, cs: int, ce: int, where: str | None, when: str | None
             ) -> Quantity | None:
    """The first counted figure in the content (not dates, times, ages or percentages of
    nothing), with its range or bound; a denied casualty ('no deaths', 'nobody was killed')
    is a figure of zero."""
    for tok in _tokens_in(doc, cs, ce):
        if tok.dep_ != "nummod" and (zero := _zero(tok)) is not None:
            return zero.model_copy(update={"where": where, "when": when})
        if (alone := _numeral_argument(tok)) is not None:
            return alone.model_copy(update={"where": where, "when": when})
        if tok.dep_ != "nummod" or tok.ent_type_ in ("DATE", "TIME", "ORDINAL", "PERCENT"):
            continue
        val = _number(tok)
        if val is None:
            continue
        noun = tok.head
        mods = [c for c in tok.children if c.dep_ in ("quantmod", "advmod")]
        low = high = None
        # 'between 10 and 20', '10 to 20', '10-20': the other end is a conj/quantmod number
        # (read off the text: the parse often splits 'between 2,000 and 3,000 people')
        before = doc_text(doc)[max(0, tok.idx - 30):tok.idx]
        after = doc_text(doc)[tok.idx + len(tok):tok.idx + len(tok) + 20]
        part = _PART_OF.search(before)
        if part is not None and _plain(part.group(1)) is not None:
            # '45 of 60 drones': 45 is the count, 60 the whole
            val = _plain(part.group(1)) or val
        m = _RANGE_BEFORE.search(before)
        m2 = _RANGE_AFTER.match(after)
        other = m.group(1) if m else (m2.group(1) if m2 else None)
        if other is not None and _plain(other) is not None:
            low, high = sorted((val, _plain(other) or val))
        words = {m.lower_ for m in mods} | {t.lower_ for t in doc[max(0, tok.i - 3):tok.i]}
        if {"least", "over", "than"} & words and "less" not in words and "fewer" not in words:
            low = low if low is not None else val
        if {"most", "fewer", "less", "under", "up"} & words and "least" not in words:
            high = high if high is not None else val
        start = min([tok.idx, *(m.idx for m in mods)])
        if part is not None:
            start = tok.idx - len(before) + part.start(1)
        end = tok.idx + len(tok)
        if noun.i > tok.i:
            end = max(end, noun.idx + len(noun))
        unit = noun.text if noun.pos_ in ("NOUN", "PROPN") else None
        value = val if low is None or high is None else None
        return Quantity(text=doc_text(doc)[start:end], value=value, low=low, high=high, unit=unit,
                        counted=_counted(noun), where=where, when=when)
    return None
