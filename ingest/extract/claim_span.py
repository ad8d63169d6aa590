"""Where a claim's content starts and ends in the article (character offsets).

- the cue's clausal complement, else its object and 'of/for/about' phrases, else the
  quotation leading into '“…,” he said';
- ends before another attribution hung on it ('as he said …', 'while TASS quoted …'), before
  the audience ('to reporters, including AFP'), at a paragraph break, on whole words
  (hyphenated ones too), after a live blog's time stamp.
"""

from __future__ import annotations

import re

from spacy.tokens import Doc, Token

from graph.models import EntityType, ReportedBy
from ingest.extract.claim_ctx import ClaimCtx, doc_text, sentence
from ingest.extract.claim_cues import RELAY_VERBS
from ingest.extract.claim_forms import claim_words
from ingest.extract.claim_speakers import subject_of
from ingest.extract.coref import PRONOUNS_PERSON

_CONTENT_DEPS = {"ccomp", "xcomp"}
_OBJECT_DEPS = {"dobj", "attr", "oprd"}
_AUDIENCE_NOUNS = {"reporter", "journalist", "press", "medium", "media", "correspondent",
                   "newsman", "broadcaster", "audience", "crowd"}
_CLOCK_STAMP = r"\d{1,2} [A-Z][a-z]{2,8} \d{4},? \d{1,2}[.:]\d{2}(?: [A-Z]{3,4}\b)?"
_STAMP = re.compile(
    # a live blog's or wire page's time stamp before the text: '27 Jul 2022 15.39',
    # 'Updated at 16.09 BST', 'Published August 3 2015', 'Last updated at Jun 142016 BEIRUT'
    # (a bare date needs the 'published/updated' word: 'March 3 2015 was …' is prose)
    r"(?:(?i:(?:last )?updated|posted|(?:first )?published)(?: at| on)?\s+"
    r"(?:" + _CLOCK_STAMP + r"|[\d.:]+ ?[A-Z]{3,4}\b"
    r"|[A-Z][a-z]{2,8}\.? \d{1,2},? ?\d{4}(?: [A-Z]{3,}(?: [A-Z]{3,})*\b)?)"
    r"|" + _CLOCK_STAMP + r")\s+")
# the rest of a time stamp whose day number the sentence split left behind
_STAMP_REST = re.compile(r"[A-Z][a-z]{2,8} \d{4},? \d{1,2}[.:]\d{2}(?: [A-Z]{3,4}\b)?\s+")
_DAY_BEFORE = re.compile(r"(?:^|\s)\d{1,2} $")
# verbs whose direct object is the addressee ('warned residents of …', 'urged Kyiv to …')
_ADDRESSED = {"warn", "urge", "remind", "assure", "caution", "advise", "alert", "implore",
              "ask", "appeal", "brief", "inform"}
_URGE = {"urge", "appeal", "call", "ask", "press", "implore", "tell", "warn", "encourage"}
# a wire dateline inside a line that glued a headline to the lead ('… NGO AFP Sunday 29 Jun
# 2014 A jihadist group …'): what was said starts after it
_DATELINE = re.compile(r"\b(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day,? \d{1,2} [A-Z][a-z]{2,8},? "
                       r"\d{4}\s+(?=[A-Z])")
_SOURCE_TYPES = (EntityType.PERSON, EntityType.ORGANIZATION, EntityType.GROUP,
                 EntityType.OUTLET)
_CONTENT_PREPS = {"of", "for", "about", "over", "against", "that", "on", "regarding", "to"}
# verbs that report words and take them as a clause or an object, never as a prepositional
# phrase: the phrase after them says where or how ('said on Facebook', 'wrote in a post')
_PLAIN_REPORT = {"say", "add", "write", "post", "state", "report", "tweet", "reply"}



def _only_time(prep: Token) -> bool:
    rest = [t for t in prep.subtree if t.i != prep.i and not t.is_punct]
    return bool(rest) and all(t.ent_type_ in ("DATE", "TIME") or t.pos_ == "DET" for t in rest)


def _ended_before(comp: Token, cue: Token) -> bool:
    """The complement before the cue ends a sentence or a line before the cue's clause."""
    doc = cue.doc
    between = doc_text(doc)[comp.right_edge.idx:cue.idx]
    if "\n" in between:
        return True
    last = next((t for t in reversed(doc[comp.left_edge.i: comp.right_edge.i + 1])
                 if not t.is_quote and not t.is_space), None)
    return last is not None and last.text in (".", "!", "?")


def content_of(tok: Token) -> tuple[int, int] | None:
    comps = [c for c in tok.children if c.dep_ in _CONTENT_DEPS]
    if not comps:
        comps = [c for c in tok.rights if c.dep_ in _OBJECT_DEPS
                 or (c.dep_ == "prep" and c.lower_ in _CONTENT_PREPS)]
        if any(c.dep_ == "dobj" for c in comps):
            # 'condemned the attacks as "more barbarism"', 'described the strike as a war
            # crime': the 'as' phrase is the judgement, the object alone is no claim
            comps += [c for c in tok.rights if c.dep_ == "prep" and c.lower_ == "as"
                      and any(g.dep_ == "pobj" for g in c.children)]
        # 'told reporters' / 'confirmed ... to reporters': an addressee is not content.
        if tok.lemma_.lower() in ("tell", "ask", "inform", "brief"):
            comps = [c for c in comps if c.dep_ == "prep" and c.lower_ == "about"]
        comps = [c for c in comps if not (c.dep_ == "prep" and c.lower_ == "to" and
                                          any(g.lower_ in ("reporters", "journalists")
                                              for g in c.children))]
        if tok.lemma_.lower() in _PLAIN_REPORT:
            # 'said on Facebook', 'wrote in a post', 'announced at a briefing': the phrase
            # after a verb of plain report is where or how it was said; only 'about' names
            # what it was about
            comps = [c for c in comps if c.dep_ != "prep" or c.lower_ == "about"]
        # 'said on Friday': a time is when, never what was said (the parse hung a sentence-final
        # attribution on the main verb, whose subject is not the speaker): no content, no claim
        comps = [c for c in comps if not (c.dep_ == "prep" and _only_time(c))]
        if tok.lemma_.lower() in _ADDRESSED and all(c.dep_ == "dobj" for c in comps):
            # 'warned Ukrainian soldiers', 'urged residents': whom it was said to, not what
            return None
    if not comps:
        return None
    if any(c.i > tok.i for c in comps):
        # '“… we will not give up.”\n\nLavrov claimed that …': a clause the parse hung on the
        # cue from across a line break or a finished sentence is someone else's
        comps = [c for c in comps if c.i > tok.i or not _ended_before(c, tok)]
    subj = next((c for c in tok.children if c.dep_ == "nsubj"), None)
    if subj is not None and subj.i > tok.i and any(c.i < tok.i for c in comps):
        # '“…”, said Orysia Lutsevych, a research fellow, and Kyiv needs …': after a fronted
        # clause and the inverted speaker, what follows is the writer's next clause
        comps = [c for c in comps if c.i < tok.i]
    if any(c.i < tok.i for c in comps) and any(c.i > tok.i for c in comps):
        # '“…,” Dorn said, to which Holt responded: …': after a fronted content, a clause the
        # parse hangs on the cue is the writer's next step; only a quotation that resumes
        # ('“…,” he said, “and …”') continues what was said
        comps = [c for c in comps if c.i < tok.i or c.left_edge.is_quote
                 or c.left_edge.i > 0 and tok.doc[c.left_edge.i - 1].is_quote]
    s = min(c.left_edge.idx for c in comps)
    last = max(c.right_edge for c in comps)
    first = min(comps, key=lambda c: c.left_edge.i)
    gap = tok.doc[tok.i + 1 : first.left_edge.i]
    if first.dep_ == "ccomp" and len(gap) and first.left_edge.i > tok.i and not any(
            c.dep_ in ("nsubj", "nsubjpass", "expl", "csubj") for c in first.children) \
            and not any(t.is_punct or t.is_quote for t in gap):
        # 'said between 2,000 and 3,000 people fled': the parse hung the subject on the
        # cue; a clause without its subject is a fragment, so take the words in between
        s = gap[0].idx
    if first.dep_ == "xcomp" and first.i > tok.i:
        # 'urged the west to intensify …', 'appealed to the West to supply …': who is urged
        # to act belongs to what was urged (the infinitive alone has no subject)
        who = [c for c in tok.children if tok.i < c.i < first.i and (
            c.dep_ in ("dobj", "dative") or c.dep_ == "prep" and c.lower_ == "to")]
        if who and tok.lemma_.lower() in _URGE:
            s = min(s, *(c.left_edge.idx for c in who))
    return s, last.idx + len(last)


def whole_words(text: str, cs: int, ce: int) -> tuple[int, int]:
    """A content never starts or ends inside a word, hyphenated words included: the parse
    can split 're-arrested' and hang its halves apart ('was re')."""
    def inside(i: int) -> bool:  # is the boundary at i between two parts of one word?
        a, b = text[i - 1], text[i]
        return (a.isalnum() and b.isalnum()) or (a == "-" and b.isalnum() and i > 1
                                                 and text[i - 2].isalnum()) \
            or (b == "-" and a.isalnum() and i + 1 < len(text) and text[i + 1].isalnum())
    while 0 < ce < len(text) and inside(ce):
        ce += 1
    while 0 < cs < len(text) and inside(cs):
        cs -= 1
    return cs, ce


def one_paragraph(ctx: ClaimCtx, cs: int, ce: int, cue: int) -> tuple[int, int]:
    """Reported speech stays in its paragraph: a content that the parse ran across a line
    break (a live blog's 'Updated at …' line, a headline glued to the lead) keeps only the
    part on the cue's side; a leading time stamp ('27 Jul 2022 15.39') is page furniture."""
    text = ctx.text
    if "\n" in text[cs:ce] and ctx.quoted[ce] - ctx.quoted[cs] < 0.5 * (ce - cs):
        if cue >= ce:
            cs = text.rfind("\n", cs, ce) + 1
        elif cue <= cs:
            ce = text.find("\n", cs, ce)
    m = _STAMP.match(text, cs, ce)
    if m is None and _DAY_BEFORE.search(text, max(0, cs - 4), cs):
        m = _STAMP_REST.match(text, cs, ce)  # '21 ' + 'May 2022 21.08 …': the parse split it
    if m is not None and m.end() < ce:
        cs = m.end()
    if cue >= ce:  # a content before its cue that opens with a headline and its dateline
        d = _DATELINE.search(text, cs, min(ce, cs + 250))
        if d is not None and ce - d.end() > 20:
            cs = d.end()
    return cs, ce


def quote_in_sentence(ctx: ClaimCtx, tok: Token) -> tuple[int, int] | None:
    """'“We will not give up,” he said.': the quotation nearest before the cue."""
    s0 = ctx.sent_of[tok.i][0]
    q = ctx.quoted
    e = tok.idx
    while e > s0 and q[e] == q[e - 1]:
        e -= 1
    if e <= s0:
        return None
    s = e - 1
    while s > s0 and q[s] != q[s - 1]:
        s -= 1
    between = ctx.text[e : tok.idx]
    # the quotation must lead straight into the attribution: '“…,” he said'
    if e - s <= 5 or "\n" in between or len(between) > 60:
        return None
    return s, e


def cut_nested(ctx: ClaimCtx, tok: Token, span: tuple[int, int]) -> tuple[int, int]:
    """End the content before another attribution hung on it: 'urged the west to intensify
    sanctions as he said business leaders …' is two claims, not one long one."""
    cues = ctx.rules.gaz.words("cue_verbs")
    cs, ce = span
    for t in tok.subtree:
        # a second clausal complement of the cue itself ('said A and the navy said B',
        # parsed as two ccomps of the first 'said') is a sibling, not part of A
        sibling = t.dep_ == "ccomp" and t.head.i == tok.i
        if t.i == tok.i or not cs < t.left_edge.idx < ce \
                or t.dep_ not in ("advcl", "conj") and not sibling:
            continue
        subj = next((c for c in t.children if c.dep_ == "nsubj"), None)
        if sibling and subj is not None and any(
                (x := ctx.tok2ment[g.i]) is not None and x.type is EntityType.OUTLET
                for g in subj.subtree):
            continue  # '…, Interfax reported, citing …': a relay, recorded below
        # only a speaker's attribution ('as he said …', 'while TASS quoted the Kremlin as
        # saying …', 'after it said …', 'while other officials later said …'), not 'as
        # systems promised to …'
        m = ctx.tok2ment[subj.i] if subj is not None else None
        relay = t.lemma_.lower() in RELAY_VERBS and m is not None
        source = subj is not None and (
            subj.lower_ in PRONOUNS_PERSON or subj.lower_ in ("it", "they") or relay
            or m is not None and m.type in _SOURCE_TYPES
            or m is None and _source_noun(ctx, subj))
        # '…, claiming that …' / '…, adding that …': the speaker's own next claim, which the
        # participle gives separately
        participle = subj is None and t.dep_ == "advcl" and t.tag_ == "VBG" \
            and t.left_edge.i == t.i and t.i > 0 and t.doc[t.i - 1].text == "," \
            and subject_of(t) is not None  # the participle has a speaker of its own
        if t.pos_ == "VERB" and (t.lemma_.lower() in cues or relay) and (source or participle):
            ce = min(ce, t.left_edge.idx)
    for t in ctx.doc[tok.i + 1: sentence(tok).end]:
        # '… 14 people were hurt, Interfax reported, citing rescuers, and that …': an outlet's
        # report hung inside the content relays it; what follows is no longer the speaker's
        if not cs < t.left_edge.idx < ce or t.pos_ != "VERB" \
                or t.lemma_.lower() not in ("report", "say") \
                or t.dep_ not in ("parataxis", "ccomp", "advcl", "conj"):
            continue
        subj = next((c for c in t.children if c.dep_ == "nsubj"), None)
        m = next((x for g in subj.subtree if (x := ctx.tok2ment[g.i]) is not None
                  and x.type is EntityType.OUTLET and x.key), None) if subj is not None else None
        if m is not None and subj.i < t.i:
            ce = min(ce, t.left_edge.idx)
            ctx.relays.setdefault(tok.idx, (ReportedBy(
                role="relay", name=m.name or m.text, id=m.key, type=m.type.value), ce))
            break
    if ce < span[1]:
        words = ctx.text[cs:ce].rstrip(" ,;—–-").split()
        while words and words[-1].lower() in ("and", "but", "as", "while", "when"):
            words.pop()
        ce = cs + len(" ".join(words)) if words else ce
        # 'words' may have collapsed inner whitespace: find the real end of the last word
        if words:
            ce = ctx.text.find(words[-1], cs + len(" ".join(words[:-1]))) + len(words[-1])
    return cs, ce


def _source_noun(ctx: ClaimCtx, subj: Token) -> bool:
    """An unnamed source by its noun: 'officials', 'emergency services', 'the navy' (the
    nouns ``speaker_of`` takes for an anonymous or institutional speaker)."""
    lemma = subj.lemma_.lower()
    gaz = ctx.rules.gaz
    return lemma in gaz.words("anonymous_nouns") or lemma in gaz.words("institution_nouns") \
        or lemma in claim_words()["more_sources"]


def cut_audience(ctx: ClaimCtx, tok: Token, span: tuple[int, int]) -> tuple[int, int]:
    """'confirmed the upcoming call to reporters, including AFP': who was told is not what
    was said, wherever the parse hung the phrase; the content ends before it."""
    cs, ce = span
    for t in ctx.doc[tok.i + 1: sentence(tok).end]:
        if t.idx >= ce:
            break
        if t.idx <= cs or t.dep_ != "prep" or t.lower_ not in ("to", "with"):
            continue
        pobj = next((c for c in t.children if c.dep_ == "pobj"), None)
        if pobj is not None and pobj.lemma_.lower() in _AUDIENCE_NOUNS \
                and not ctx.quoted[t.idx + 1] - ctx.quoted[t.idx]:
            return cs, t.idx
    return cs, ce


_FINAL_CUES = {"say", "tell", "report", "add", "claim", "announce", "state", "write", "confirm"}
_PHRASE_POS = {"NOUN", "PROPN", "ADJ", "DET", "ADP", "PUNCT", "CCONJ", "NUM"}


def final_attribution(ctx: ClaimCtx, tok: Token, person_nouns: frozenset[str]
                      ) -> tuple[int, int, int] | None:
    """'<clause> the Syrian Observatory monitoring group said on Sunday.' with the comma lost
    (wire copy stripped of punctuation): the parse makes the source an apposition or an
    object of the clause and the cue has no subject or complement of its own. When the cue
    ends its sentence (only a time or, for 'told', the audience after it) and a source
    phrase stands right before it, the clause before that phrase is what was said.
    -> (first token of the source phrase, content start, content end) or None."""
    if tok.lemma_.lower() not in _FINAL_CUES or tok.i == sentence(tok).start:
        return None
    after = [t for t in tok.doc[tok.i + 1: sentence(tok).end] if not t.is_punct and not t.is_space]
    if any(t.ent_type_ not in ("DATE", "TIME") and t.lower_ not in ("on", "in", "late", "early")
           and not (tok.lemma_.lower() == "tell" and t.pos_ in ("PROPN", "NOUN", "DET"))
           for t in after):
        return None
    j = tok.i - 1
    head = tok.doc[j]
    if head.pos_ not in ("NOUN", "PROPN"):
        return None
    start = source_phrase(ctx, tok, person_nouns)
    cs, ce = sentence(tok).start_char, tok.doc[start].idx
    words = ctx.text[cs:ce].split()
    if len(words) < 4 or not any(t.pos_ in ("VERB", "AUX")
                                 for t in tok.doc[sentence(tok).start:start]):
        return None
    return start, cs, ce


def phrase_head(doc: Doc, start: int, end: int) -> Token:
    """The noun that heads the source phrase [start, end): 'head' in 'the head of the
    Luhansk region', else the last word ('the monitoring group' -> group)."""
    for t in doc[start:end - 1]:
        if t.pos_ == "NOUN" and doc[t.i + 1].lower_ in ("of", "for", "at"):
            return t
    return doc[end - 1]


def source_phrase(ctx: ClaimCtx, tok: Token, person_nouns: frozenset[str]) -> int:
    """First token of the source phrase that ends right before the cue ``tok``."""
    j = tok.i - 1
    doc = tok.doc
    # the source phrase: the mention ending at the cue, with the modifiers that point into it
    # ('the Britain-based monitoring group'); 'the head of the Luhansk region' goes on over
    # 'of' to a person noun ('head', 'spokesman')
    m = ctx.tok2ment[j]
    start = m.start_tok if m is not None else j

    def left_mods(k: int) -> int:
        while k - 1 > sentence(tok).start and (k <= doc[k - 1].head.i <= j
                                           or doc[k - 1].dep_ == "case") \
                and doc[k - 1].pos_ in _PHRASE_POS | {"PART"} and doc[k - 1].pos_ != "PUNCT":
            k -= 1
        return k

    start = left_mods(start)
    if start - 2 > sentence(tok).start and doc[start - 1].lower_ in ("of", "for", "at") \
            and doc[start - 2].pos_ == "NOUN" and doc[start - 2].lemma_.lower() in person_nouns:
        start = left_mods(start - 2)
    return start


def fronted_subject(tok: Token, span: tuple[int, int]) -> tuple[int, int]:
    """'Russian troops, the governor told the BBC, had withdrawn …' / 'The talks, Peskov told
    reporters, would resume …': the parse hangs the fronted noun phrase on the inserted cue,
    so the content starts at the verb and loses its subject. When the content opens with a
    verb, the sentence opens with a noun phrase set off by a comma, and the speaker stands
    between that comma and the cue, the noun phrase is the content's subject."""
    cs, ce = span
    doc = tok.doc
    first = next((t for t in doc[tok.i + 1:] if t.idx >= cs), None)
    if first is None or first.pos_ not in ("AUX", "VERB") or cs <= tok.idx:
        return span
    start = tok.sent.start
    while start < tok.i and (doc[start].pos_ in ("CCONJ", "PUNCT") or doc[start].is_quote):
        start += 1
    comma = next((t for t in doc[start:tok.i] if t.text == ","), None)
    if comma is None or comma.i - start > 8:
        return span
    front = doc[start:comma.i]
    if not any(t.pos_ in ("NOUN", "PROPN", "PRON") for t in front) \
            or any(t.pos_ in ("VERB", "AUX") for t in front):
        return span
    # the speaker (a subject of the cue) stands between the comma and the cue, and no
    # relative pronoun ('The bomb, which the media said was …' is the writer's clause)
    if any(t.tag_ in ("WDT", "WP", "WP$") for t in doc[comma.i + 1:tok.i]) or not any(
            c.dep_ in ("nsubj", "nsubjpass") and comma.i < c.i < tok.i for c in tok.children):
        return span
    return front[0].idx, ce


def dangling_end(doc: Doc, cs: int, ce: int, cue: Token) -> int:
    """'said the new contributions bring the total to approximately A$388m': when the parse hangs
    the last words elsewhere, the content ends on a preposition or article ('… to'), which no
    statement does. Such a content, reported after its cue, runs on to the end of its sentence
    when what follows is a few plain words (no other clause, quotation or attribution)."""
    if cue.idx >= cs:
        return ce
    span = doc.char_span(cs, ce, alignment_mode="expand")
    if span is None or not len(span) or span[-1].pos_ not in ("ADP", "DET"):
        return ce
    rest: list[Token] = []
    for t in doc[span.end: sentence(cue).end]:  # up to the sentence's end, which the parse
        if t.is_space:                           # may have missed ('A$388m. Zelenskiy …')
            continue
        rest.append(t)
        if t.text[-1] in ".!?":
            break
    while rest and rest[-1].is_punct:
        rest.pop()
    if not rest or len(rest) > 8 or any(t.is_punct or t.is_quote or t.pos_ in ("VERB", "AUX")
                                        for t in rest):
        return ce
    last = rest[-1]
    return last.idx + len(last) - (1 if len(last) > 1 and last.text[-1] in ".!?" else 0)
