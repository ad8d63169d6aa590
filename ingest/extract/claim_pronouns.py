"""Pronoun speakers ('he said', 'it added', 'they say'): resolved only on strong evidence.

A wrong speaker costs a journalist more than a missing claim, so a pronoun is resolved only
when one referent stands out; otherwise the claim is dropped:
- people named inside a quotation are talked about, not talking ('“… if Borisov’s plan
  holds …,” he said' is not Borisov's);
- the last speaker outranks people named in its own attribution ('Arestovych, an adviser to
  Zelenskiy, said … “…,” he said' is Arestovych's), and an unnamed last speaker ('a
  community leader told the Guardian …. “…,” he said') is the speaker, not a person named
  before it;
- an unnamed person, or another institution, that is the subject of a sentence between the
  referent and the pronoun ('Ukraine’s deputy prime minister has asked …. …, he said') makes
  the pronoun ambiguous: no claim.
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from graph.models import ClaimRecord, EntityType, SpeakerRef
from ingest.extract.claim_ctx import ClaimCtx
from ingest.extract.coref import PRONOUNS_PERSON
from ingest.extract.entities import Ment

Speaker = tuple[SpeakerRef, tuple[int, int]]
_NOT_PEOPLE = frozenset({"data", "figures", "report", "reports", "statement", "study", "survey"})
_CONTINUING = frozenset({"add", "continue"})  # cues that go on with the last speaker
# 'it said' goes on with an institution only about a sentence after its last statement:
# further on, the countries, documents and places named in between (not sentence subjects,
# so no rivals) are as likely meant ('they' keeps the longer reach of a group of people)
_IT_REACH = 200


def in_quote(ctx: ClaimCtx, m: Ment) -> bool:
    """The mention lies wholly inside quotation marks."""
    return ctx.quoted[m.end] - ctx.quoted[m.start] >= m.end - m.start


def post_signature(doc: Doc, i: int) -> bool:
    """'— Osnat Lubrani (@OsnatLubrani) May 8, 2022': the token ends the name that signs an
    embedded post (a social-media handle in brackets follows)."""
    return i + 2 < len(doc) and doc[i + 1].text == "(" and doc[i + 2].text.startswith("@")


def _not_referent(ctx: ClaimCtx, m: Ment) -> bool:
    """Talked about or signing a post above, not talking: inside a quotation, or a post's
    signature."""
    return in_quote(ctx, m) or post_signature(ctx.doc, m.end_tok - 1)


def is_title(ctx: ClaimCtx, subj: Token) -> bool:
    """A person's title as the subject head: 'governor', 'prime minister', 'mayor'."""
    titles = ctx.rules.gaz.words("role_titles")
    prev = ctx.doc[subj.i - 1] if subj.i > 0 else None
    return subj.lower_ in titles or subj.lemma_.lower() in titles or (
        prev is not None and prev.dep_ == "compound" and f"{prev.lower_} {subj.lower_}" in titles)


def _person_noun(ctx: ClaimCtx, tok: Token) -> bool:
    """A singular noun that names one unnamed person ('a leader', 'the deputy minister')."""
    gaz = ctx.rules.gaz
    lemma = tok.lemma_.lower()
    return tok.tag_ == "NN" and lemma not in gaz.words("institution_nouns") \
        and lemma not in _NOT_PEOPLE \
        and (lemma in gaz.words("anonymous_nouns") or is_title(ctx, tok))


def _institution(ctx: ClaimCtx, tok: Token) -> bool:
    m = ctx.tok2ment[tok.i]
    if m is not None:
        return m.type in (EntityType.ORGANIZATION, EntityType.OUTLET, EntityType.GROUP)
    return tok.pos_ == "NOUN" and tok.lemma_.lower() in ctx.rules.gaz.words("institution_nouns")


def _last_claim_span(ctx: ClaimCtx) -> tuple[int, int] | None:
    c = ctx.last_claim
    return c.speaker_span if c is not None and ctx.last is not None \
        and c.speaker.id == ctx.last[0].id else None


def _last_end(ctx: ClaimCtx) -> int:
    """Where the last attribution ends: '“…,” Arestovych, an adviser to Zelenskiy, said' ends
    after the speaker and the people named in its apposition, not at the quotation."""
    assert ctx.last is not None
    c = ctx.last_claim if ctx.last_claim is not None \
        and ctx.last_claim.speaker.id == ctx.last[0].id else None
    if c is None:
        return ctx.last[1]
    return max(ctx.last[1], c.speaker_span[1], c.cue_span[1] if c.cue_span else 0)


def _rival(ctx: ClaimCtx, start: int, pron: Token, person: bool, keys: set[str]) -> bool:
    """A sentence subject between ``start`` and the pronoun's sentence (outside quotations
    and the last speaker's own span) that may be the pronoun's referent and is none of ``keys``: for
    'he'/'she' an unnamed person, or any source of a speech verb the article does not resolve
    ('a 50-year-old bank employee said', a name the model missed); for 'it'/'they' an
    institution or any other named subject."""
    own = _last_claim_span(ctx)
    cues = ctx.rules.gaz.words("cue_verbs")
    # subjects in the pronoun's own sentence belong to what is said ('Ukraine is hugely
    # outgunned, they say'), not to who says it
    end = min(pron.idx, ctx.sent_of[pron.i][0])
    for t in ctx.doc.char_span(start, end, alignment_mode="contract") or ():
        if t.dep_ not in ("nsubj", "nsubjpass") or t.pos_ not in ("NOUN", "PROPN") \
                or ctx.quoted[t.idx + 1] - ctx.quoted[t.idx] \
                or own is not None and own[0] <= t.idx < own[1]:
            continue
        m = ctx.tok2ment[t.i]
        if m is not None and m.key in keys:
            continue
        if person and m is None and (_person_noun(ctx, t) or (
                t.head.lemma_.lower() in cues and t.tag_ in ("NN", "NNP")
                and not _institution(ctx, t))):
            return True
        if not person and (_institution(ctx, t) or m is not None and m.key):
            return True  # 'Putin has met Erdoğan. They agreed …': anyone named as a subject
    return False


def _one_person(ctx: ClaimCtx) -> bool:
    """The last speaker is a single person: named, or an unnamed 'a leader of …'."""
    sp = ctx.last[0] if ctx.last else None
    if sp is None:
        return False
    if sp.type == EntityType.PERSON.value:
        return not sp.anonymous
    span = _last_claim_span(ctx)
    if sp.type != "AnonymousSource" or span is None:
        return False
    toks = ctx.doc.char_span(span[0], span[1], alignment_mode="expand")
    if toks is None:
        return False
    head = toks.root  # one person: 'a bank employee', 'the deputy minister'
    return _person_noun(ctx, head) or head.tag_ == "NN" and not _institution(ctx, head) \
        and head.lemma_.lower() not in _NOT_PEOPLE \
        and any(c.dep_ in ("det", "nummod") and c.lower_ in ("a", "an", "one", "another")
                for c in head.children)


def _coordinated_last(ctx: ClaimCtx) -> bool:
    """The last speaker was one of several: 'Mr. Zelensky and his aides have appealed …'."""
    span = _last_claim_span(ctx)
    toks = ctx.doc.char_span(*span, alignment_mode="expand") if span else None
    return toks is not None and any(c.dep_ == "conj" for c in toks.root.children)


def person_pronoun(ctx: ClaimCtx, subj: Token) -> Speaker | None:
    """'he'/'she' as the speaker: the last speaker, else the nearest person before it."""
    low = subj.lower_
    here = (subj.idx, subj.idx + len(subj))
    window = max(0, ctx.sent_of[subj.i][0] - 600)  # the current and ~two previous sentences
    if ctx.quoted[subj.idx + 1] - ctx.quoted[subj.idx]:
        return None  # '“They tell them …”': a pronoun inside a quotation is the quoted's
    last = ctx.last
    last_fits = last is not None and _one_person(ctx) and subj.idx - last[1] < 1000 \
        and ctx.locator.gender_fits(last[0].id, low)
    last_end = _last_end(ctx) if last is not None else 0
    if last_fits and subj.head.lemma_.lower() in _CONTINUING and not last[0].anonymous:
        # 'he added' goes on with the last speaker, even when someone else was named in
        # between ('“…,” Habeck said. Putin cut the supply. “…,” he added.')
        return last[0], here
    p = ctx.locator.before(subj.idx, min_offset=window, pronoun=low,
                           skip=lambda m: _not_referent(ctx, m))
    if last_fits and last_end >= window \
            and (p is None or p.key == last[0].id or p.start < last_end):
        # a person named before the last attribution ended is in that attribution
        # ('Arestovych, an adviser to Zelenskiy, said …'): the speaker is the referent
        if _rival(ctx, last_end, subj, True, {last[0].id}):
            return None
        return last[0], here
    if p is None or not p.key:
        return None
    if _rival(ctx, p.end, subj, True, {p.key}):
        return None  # an unnamed person was the subject since: 'he' may be either
    if not _is_subject(ctx, p) and _subject_person_before(ctx, p, low):
        # 'Peskov declined to comment on a swap for Bout, the arms trafficker. “…,” he told
        # reporters': the nearest name is talked about; the sentence's subject may speak
        return None
    return SpeakerRef(id=p.key, name=p.name or p.text, type=EntityType.PERSON.value), here


def _is_subject(ctx: ClaimCtx, m: Ment) -> bool:
    """The mention is a clause's subject, or in apposition to one ('The Kremlin spokesman,
    Dmitry Peskov, declined …')."""
    span = ctx.doc.char_span(m.start, m.end, alignment_mode="expand")
    if span is None:
        return False
    root = span.root
    if root.dep_ in ("nsubj", "nsubjpass"):
        return True
    return root.dep_ in ("appos", "compound") and root.head.dep_ in ("nsubj", "nsubjpass")


def _subject_person_before(ctx: ClaimCtx, p: Ment, pronoun: str) -> bool:
    """Another person of fitting gender is a subject in the candidate's sentence, before it."""
    s0 = ctx.sent_of[ctx.doc.char_span(p.start, p.end, alignment_mode="expand").start][0]
    for m in ctx.locator.people:
        if m.start >= p.start:
            break
        if m.start >= s0 and m.key != p.key and ctx.locator.gender_fits(m.key, pronoun) \
                and not in_quote(ctx, m) and _is_subject(ctx, m):
            return True
    return False


def group_pronoun(ctx: ClaimCtx, subj: Token) -> Speaker | None:
    """'they'/'it' continue the last speaker (an institution's 'it'), unless another
    institution was the subject of a sentence since."""
    low = subj.lower_
    if subj.head.dep_ == "relcl":
        # 'Belarus released a list of 40 Lithuanians it said were banned …': the pronoun of
        # a relative clause is the subject of the clause it hangs in, not the last speaker
        return _clause_subject(ctx, subj)
    last = ctx.last
    if last is None or subj.idx - last[1] >= (_IT_REACH if low == "it" else 800):
        return None
    if ctx.quoted[subj.idx + 1] - ctx.quoted[subj.idx]:
        return None  # '“They tell them …”': a pronoun inside a quotation is the quoted's
    if low == "it" and (last[0].type == EntityType.PERSON.value or _plural_last(ctx)
                        or _one_person(ctx)):
        return None  # 'it' is never a person, nor 'officials'
    if low == "they" and _one_person(ctx) and not _coordinated_last(ctx):
        return None  # 'they' is never one person ('They agreed …, they said' after Kubrakov)
    if _rival(ctx, _last_end(ctx), subj, False, {last[0].id}):
        return None
    return last[0], (subj.idx, subj.idx + len(subj))


def _clause_subject(ctx: ClaimCtx, subj: Token) -> Speaker | None:
    """The named subject of the verb that governs the relative clause (an organization or
    place for 'it'), else no one."""
    node = subj.head.head
    for _ in range(6):
        if node.pos_ in ("VERB", "AUX"):
            break
        if node.head is node:
            return None
        node = node.head
    if node.dep_ == "ccomp" and node.head.lemma_.lower() in ctx.rules.gaz.words("cue_verbs"):
        # 'The ministry said Russia was relying on …, a tactic it said had been used …': the
        # clause is itself reported, and 'it' may be its subject or the one reporting it
        return None
    outer = next((c for c in node.children if c.dep_ == "nsubj"), None)
    m = ctx.tok2ment[outer.i] if outer is not None else None
    if m is None or not m.key or subj.lower_ == "it" and m.type is EntityType.PERSON:
        return None
    return (SpeakerRef(id=m.key, name=m.name or m.text, type=m.type.value),
            (subj.idx, subj.idx + len(subj)))


def _plural_last(ctx: ClaimCtx) -> bool:
    span = _last_claim_span(ctx)
    if span is None:
        return False
    toks = ctx.doc.char_span(span[0], span[1], alignment_mode="expand")
    return toks is not None and toks.root.tag_ in ("NNS", "NNPS")


__all__ = ["PRONOUNS_PERSON", "group_pronoun", "in_quote", "is_title", "person_pronoun",
           "post_signature"]


def named_next(ctx: ClaimCtx) -> None:
    """'…, the region’s governor said. Vyacheslav Gladkov said at least 11 buildings …': a
    definite title that speaks, and in the very next sentence of the paragraph a person the
    article names there for the first time speaks too -- the news convention of introducing
    a source by title, then by name. The description's claims (and a 'he said' continuing
    it) become that person's. A person named before, with whatever title, is not assumed to
    be this one; an indefinite 'a senior official' never is."""
    claims = sorted((c for c in ctx.claims if c.cue_span is not None),
                    key=lambda c: c.cue_span[0])
    first: dict[str, int] = {}
    for m in ctx.locator.people:
        first.setdefault(m.key, m.start)
    for i, a in enumerate(claims):
        if a.speaker.type != "AnonymousSource" or not _definite_title(ctx, a.speaker_span):
            continue
        b = next((c for c in claims[i + 1:] if c.cue_span[0] >= a.sentence_span[1]), None)
        if b is None or b.speaker.anonymous or b.speaker.type != EntityType.PERSON.value \
                or not _next_to(ctx, a, b) \
                or ctx.text.startswith(",", b.speaker_span[1]) or _titled(ctx, b.speaker_span) \
                or not b.sentence_span[0] <= first.get(b.speaker.id, -1) < b.sentence_span[1] \
                or ctx.text[b.speaker_span[0]: b.speaker_span[1]].lower() in PRONOUNS_PERSON:
            continue
        old = a.speaker.id
        ctx.claims = [c.model_copy(update={"speaker": b.speaker}) if c.speaker.id == old
                      else c for c in ctx.claims]
        claims = [c.model_copy(update={"speaker": b.speaker}) if c.speaker.id == old
                  else c for c in claims]


def _next_to(ctx: ClaimCtx, a: ClaimRecord, b: ClaimRecord) -> bool:
    """b's sentence follows a's in the same paragraph; or opens the next paragraph when a's
    title is specified ('the governor of the Luhansk region', 'the Polish prime minister',
    'Germany's foreign minister' -- the lead that introduces a source by office, the next
    paragraph by name). A bare 'the ambassador' does not reach across the break."""
    gap = ctx.text[a.sentence_span[1]: b.sentence_span[0]]
    if not gap.strip(" "):
        return True
    if gap.strip() or gap.count("\n\n") > 1 or a.speaker_span is None:
        return False
    toks = ctx.doc.char_span(*a.speaker_span, alignment_mode="expand")
    return toks is not None and any(
        c.dep_ in ("poss", "amod", "compound") or c.dep_ == "prep" and c.lower_ == "of"
        for c in toks.root.children)


def _titled(ctx: ClaimCtx, span: tuple[int, int]) -> bool:
    """A word stands right before the name ('Tartu county governor Mart Kivisild'): the name
    comes with a role of its own."""
    toks = ctx.doc.char_span(span[0], span[1], alignment_mode="expand")
    return toks is not None and toks.start > 0 and ctx.doc[toks.start - 1].is_alpha


def _definite_title(ctx: ClaimCtx, span: tuple[int, int]) -> bool:
    """'the governor of …', 'the region’s governor', 'Ukraine’s ambassador': one titled
    person ('officials', 'a spokesman' name no one in particular)."""
    toks = ctx.doc.char_span(span[0], span[1], alignment_mode="expand")
    if toks is None:
        return False
    head = toks.root
    return head.tag_ == "NN" and is_title(ctx, head) and any(
        c.dep_ == "poss" or c.dep_ == "det" and c.lower_ == "the" for c in head.children)
