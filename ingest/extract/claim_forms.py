"""What a claim says, in forms a fact-checker can use: stance, a stand-alone statement, a figure.

All three are read off the parse of the claim's own sentence (no second parse):
- ``stance``: the cue's lemma class (deny/accuse/question/predict, ``claim_words.json``), or a
  'say' whose whole content is a dismissal ('the reports were "fabricated"') or a negated
  pointer back ('said that will not happen', 'this was not the case') -> denies; a
  neutral cue whose content's first clause takes a future auxiliary ('said the bridge will
  reopen', "“We'll hold the line,”") -> predicts;
- (``statement``, the content as one sentence with its subject, is in claim_statement.py);
- ``quantity``: the first number in the content that counts something, with a range or
  bound, the counted noun and its kind (``claim_figures.py``).
"""

from __future__ import annotations

import json
import re
from functools import lru_cache
from typing import Any

from spacy.tokens import Doc, Token

from graph.models import ClaimRecord, Stance
from ingest.extract.claim_ctx import doc_text
from ingest.extract.gazetteer import DATA_DIR


@lru_cache(maxsize=1)
def claim_words() -> dict[str, Any]:
    with (DATA_DIR / "claim_words.json").open(encoding="utf-8") as fh:
        data: dict[str, Any] = json.load(fh)
    return data


@lru_cache(maxsize=1)
def stance_of_lemma() -> dict[str, Stance]:
    out: dict[str, Stance] = {}
    for stance, lemmas in claim_words()["stance_cues"].items():
        for lemma in lemmas:
            out.setdefault(lemma, Stance(stance))
    return out


@lru_cache(maxsize=1)
def _denial_re() -> re.Pattern[str]:
    words = sorted(claim_words()["denial_words"], key=len, reverse=True)
    return re.compile(r"\b(?:" + "|".join(re.escape(w) for w in words) + r")\b", re.I)


@lru_cache(maxsize=1)
def _blame_re() -> re.Pattern[str]:
    words = sorted(claim_words()["blame_words"], key=len, reverse=True)
    return re.compile(r"\b(?:" + "|".join(re.escape(w) for w in words) + r")\b", re.I)


# verbs that name what something is: 'called the claims a lie', 'described the report as
# fabricated' dismiss a claim when what they name it is a denial word
_NAMING = {"call", "describe"}


def dismisses(tok: Token) -> bool:
    """'called the claim a lie', 'called it fake news', 'described the reports as
    propaganda': a naming verb with an object and, as what it names the object, a denial
    word (``claim_words.json`` ``denial_words``). 'called for an end to propaganda' and
    'called it a tragedy' are not dismissals."""
    if tok.lemma_.lower() not in _NAMING or not any(c.dep_ == "dobj" for c in tok.children):
        return False
    named = [c for c in tok.children if c.dep_ == "oprd"] + [
        g for c in tok.children if c.dep_ == "prep" and c.lower_ == "as"
        for g in c.children if g.dep_ == "pobj"]
    return any(_denial_re().search(doc_text(tok.doc), n.left_edge.idx,
                                   n.right_edge.idx + len(n.right_edge)) for n in named)


_EMBEDDED = {"advcl", "xcomp", "relcl", "acl", "ccomp", "pcomp", "csubj"}
_HEDGES = {"would", "could", "might", "may", "if"}


def _blames(doc: Doc, cs: int, ce: int) -> bool:
    """The content lays wrongdoing at someone's door in its own main clause ('the crisis is
    only the fault of Russia', 'jets in violation of a cease-fire hit an outpost'): a blame
    word (``claim_words.json``) governed by the first clause's verb through no embedded
    clause ('visited Kyiv to discuss war crimes' is a visit), in a clause that is not
    hedged ('would be unacceptable', 'if aggression prevailed'), and not in a bare noun
    phrase ('a war crimes team')."""
    toks = _tokens_in(doc, cs, ce)
    heads = [h for h in _clause_heads(toks) if h.pos_ in ("VERB", "AUX")][:1]
    if not heads or any(c.lower_ in _HEDGES for c in heads[0].children
                        if c.dep_ in ("aux", "mark")):
        return False
    main, text = heads[0], doc_text(doc)
    for m in _blame_re().finditer(text, cs, ce):
        span = doc.char_span(m.start(), m.end(), alignment_mode="expand")
        if span is None:
            continue
        path = [span.root, *span.root.ancestors]
        if main not in path:
            continue
        below = path[:path.index(main)]
        if not any(t.dep_ in _EMBEDDED or any(c.lower_ in _HEDGES for c in t.children
                                              if c.dep_ in ("aux", "mark")) for t in below):
            return True
    return False


def stance(cue: str, content: str, negated: bool = False,
           doc: Doc | None = None, span: tuple[int, int] | None = None) -> Stance:
    """The stance of a claim from its cue lemma and content (and its parse when given)."""
    by_lemma = stance_of_lemma().get(cue)
    if by_lemma is not None:
        return by_lemma
    if cue in claim_words()["nominal_cues"]:
        return Stance(claim_words()["nominal_cues"][cue])
    if doc is not None and span is not None:
        toks = _tokens_in(doc, *span)
        if _negated_reference(toks):
            return Stance.DENIES
        if _future(toks):
            return Stance.PREDICTS
    words = content.split()
    # 'said the reports were "fabricated"', 'called it a lie': a dismissal, not an assertion.
    # Only short contents count: a long one that merely contains 'false' asserts something.
    if len(words) <= 12 and _denial_re().search(content):
        return Stance.DENIES
    if negated and cue in ("confirm", "accept", "agree"):
        return Stance.DENIES
    if doc is not None and span is not None and _blames(doc, *span):
        return Stance.ACCUSES
    if content.rstrip(" ”\"'").endswith("?"):
        return Stance.QUESTIONS
    return Stance.ASSERTS


def _clause_heads(toks: list[Token]) -> list[Token]:
    """The heads of the content's clauses: tokens whose head lies outside the content, and a
    noun head's 'that'-clause ('confidence that a deal could be reached')."""
    inside = {t.i for t in toks}
    heads = [t for t in toks if t.head.i not in inside or t.head is t]
    out = []
    for h in heads:
        if h.pos_ in ("NOUN", "PROPN"):
            out.extend(c for c in h.children if c.dep_ in ("acl", "ccomp") and c.i in inside
                       and any(m.dep_ == "mark" and m.lower_ == "that" for m in c.children))
        else:
            out.append(h)
    return out


_POINTERS = {"this", "that"}
# verbs that say what is or what happened: 'that is not true', 'that will not happen' reject a
# claim; 'this would not be tolerated' is a threat, not a denial
_FACT_VERBS = {"be", "happen", "occur", "take", "exist"}


def _negated_reference(toks: list[Token]) -> bool:
    """'said that will not happen', 'said this was not the case': a content whose subject only
    points back at what someone else said, with its verb of fact negated, rejects that
    claim."""
    heads = [h for h in _clause_heads(toks) if h.pos_ in ("VERB", "AUX")
             and h.lemma_.lower() in _FACT_VERBS][:1]
    first = next((t for t in toks if not t.is_punct), None)
    return any(first is not None and any(c.dep_ in ("nsubj", "nsubjpass") and c.i == first.i
                                         and c.lower_ in _POINTERS for c in h.children)
               and any(c.dep_ == "neg" for c in h.children) for h in heads)


def _future(toks: list[Token]) -> bool:
    """The content's first clause speaks of the future: its verb takes a future auxiliary
    ('will face', "we'll", "won't", 'shall'). A 'would' does not count: in reported speech
    it is as often a past tense or a conditional opinion ('it would be a mistake') as a
    forecast, and it lowered stance accuracy on the held-out gold; a predicting verb inside
    the content ('was expected to rise') did not help both splits either."""
    future = claim_words()["future_aux"]
    heads = [h for h in _clause_heads(toks) if h.pos_ in ("VERB", "AUX")][:1]
    return any(c.dep_ in ("aux", "auxpass") and c.lower_.strip("'’") in future
               for h in heads for c in h.children) or any(_going_to(h) for h in heads)


_BOUND_FOR = {"going", "likely", "unlikely", "set", "poised", "bound", "about"}


def _going_to(head: Token) -> bool:
    """'it is going to be hard', 'the toll was likely to rise', 'the plant is set to reopen':
    the clause's verb (or its adjective) is bound for what its 'to'-verb says."""
    bound = [head] if head.lower_ in _BOUND_FOR else [
        c for c in head.children if c.dep_ == "acomp" and c.lower_ in _BOUND_FOR]
    return any(x.dep_ == "xcomp" and any(a.dep_ == "aux" and a.lower_ == "to" for a in x.children)
               for b in bound for x in b.children)


def _tokens_in(doc: Doc, cs: int, ce: int) -> list[Token]:
    span = doc.char_span(cs, ce, alignment_mode="expand")
    return list(span) if span is not None else []


def fold_repeats(claims: list[ClaimRecord]) -> list[ClaimRecord]:
    """The same speaker saying the same words twice in one article (a lead repeated under
    the headline, live-blog updates) is one claim with several appearances."""
    kept: dict[tuple[str, str], ClaimRecord] = {}
    out = []
    for c in claims:
        who = c.speaker.id if not c.speaker.anonymous else c.speaker.name.lower()
        words = re.findall(r"\w+", c.content.lower())
        key = (who, " ".join(words))
        first = kept.get(key) or _near_repeat(out, who, words, c.content_span)
        if first is None:
            kept[key] = c
            out.append(c)
        else:
            first.appearances.append(c.content_span)
    return out


def _near_repeat(out: list[ClaimRecord], who: str, words: list[str],
                 span: tuple[int, int]) -> ClaimRecord | None:
    """An earlier claim of the same speaker that says the same with a few words more or
    less ('Here’s where things stand: Britain will host …' in a live blog's summary, then
    'Britain will host …' in the update): ≥ 75 % of the shorter's words (at least 8) are in
    the longer, and the two do not overlap in the text."""
    if len(words) < 8:
        return None
    for prev in out:
        pw = re.findall(r"\w+", prev.content.lower())
        if (prev.speaker.id if not prev.speaker.anonymous else prev.speaker.name.lower()) \
                != who or len(pw) < 8 or prev.content_span[0] < span[1] \
                and span[0] < prev.content_span[1]:
            continue
        short, long_ = (words, pw) if len(words) <= len(pw) else (pw, words)
        common = sum(min(short.count(w), long_.count(w)) for w in set(short))
        if common >= 0.75 * len(short) and len(short) >= 0.6 * len(long_):
            return prev
    return None

