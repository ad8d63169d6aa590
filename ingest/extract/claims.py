"""Claims from the dependency parse: who said what (direct, mixed or reported speech).

One pass over the tokens; each cue verb (``lexicon.json``) is looked at once, unless its
context says nothing was said (``claim_guards``):
- content: ``claim_span`` (clausal complement, else object and 'of/for/about' phrases, else
  the quotation leading into '“…,” he said');
- speaker: ``claim_speakers`` (the subject, climbing through participles and conjuncts, and
  resolved to an entity, a person named earlier or an anonymous source);
- outlets that relay another speaker: ``claim_chains``;
- 'according to X', nominal cues ('Putin's claim that …') and headline lines ('Zelensky: …')
  are cues of their own; a quotation-only paragraph continues the quotation before it.
"""

from __future__ import annotations

import re

from spacy.tokens import Span, Token

from graph.models import (
    ClaimRecord,
    EntityType,
    QuoteType,
    ReportedBy,
    SpeakerRef,
    Stance,
    stable_id,
)
from ingest.extract import claim_cues as cues
from ingest.extract.claim_chains import (
    cut_own_attributions,
    fold_relays,
    outlet_quotes,
    relayed,
    with_relay,
)
from ingest.extract.claim_ctx import (
    ClaimCtx,
    quote_type,
    sentence,
    sentence_ents,
    whole_quote_in,
)
from ingest.extract.claim_figures import quantity
from ingest.extract.claim_forms import (
    claim_words,
    dismisses,
    fold_repeats,
    stance,
    stance_of_lemma,
)
from ingest.extract.claim_guards import byline, reports_nothing
from ingest.extract.claim_pronouns import named_next
from ingest.extract.claim_span import (
    content_of,
    cut_audience,
    cut_nested,
    dangling_end,
    final_attribution,
    fronted_subject,
    one_paragraph,
    phrase_head,
    quote_in_sentence,
    source_phrase,
    whole_words,
)
from ingest.extract.claim_speakers import speaker_of, subject_of, target_of
from ingest.extract.claim_statement import statement
from ingest.extract.dates import resolve_date
from ingest.extract.quotes import OPEN_Q as _OPEN_Q
from ingest.extract.quotes import close_quote as _close_quote
from ingest.extract.quotes import trim_span as _trim_span

_EVIDENTIAL = {"suggest", "indicate", "show", "signal", "reveal", "mean", "imply"}

__all__ = ["ClaimCtx", "find_claims"]


def _modifies(date_root: Token, cue: Token) -> bool:
    """Does the time expression modify the cue verb, directly or through the verbs it is
    coordinated with ("Last week, Putin indicated … but raised concerns …, stating …")?"""
    anchor = next((t for t in date_root.ancestors if t.pos_ in ("VERB", "AUX")), None)
    if anchor is None:
        return False
    node = cue
    while True:
        if node.i == anchor.i:
            return True
        if node.dep_ not in ("conj", "advcl") or node.head.i == node.i:
            return False
        node = node.head


def _date(ctx: ClaimCtx, tok: Token, cs: int, ce: int) -> str | None:
    if ctx.published is None:
        return None
    s0, s1 = ctx.sent_of[tok.i]
    best: tuple[int, str] | None = None
    for ent in sentence_ents(tok):
        if ent.label_ not in ("DATE", "TIME") or cs <= ent.start_char < ce \
                or not s0 <= ent.start_char < s1:
            continue
        # Only a time that modifies the cue verb dates the statement: in "to hold a call on
        # Tuesday, with an official expressing optimism", Tuesday is the call's date.
        if not _modifies(ent.root, tok):
            continue
        iso = resolve_date(ent.text, ctx.published)  # a clock time ('16.09') dates nothing
        dist = abs(ent.start_char - tok.idx)
        if iso is not None and (best is None or dist < best[0]):
            best = (dist, iso)
    return best[1] if best else None


_RELATIVE = re.compile(r"^(?:which|who|that)\s", re.I)
_AFTER_QUOTE = re.compile(r"[”\"],?\s+(?:which|who|whose)\s")


def _without_relative(ctx: ClaimCtx, cs: int, ce: int, cue: Token) -> tuple[int, int]:
    """'… which pro-Damascus media said was carried out by …': the relative pronoun stands
    for the noun before it and is not what was said; '“only the fault of Russia,” which has
    seized …' -- a relative clause after the closing quotation mark is the writer's."""
    text = ctx.text
    head = ctx.doc.char_span(cs, ce, alignment_mode="expand")
    if head is not None and len(head) > 3 and _RELATIVE.match(text, cs) \
            and head[0].tag_ in ("WDT", "WP"):
        if cs < cue.idx < ce and cue.i + 1 < len(ctx.doc):
            cs = ctx.doc[cue.i + 1].idx  # 'which X said was …': what follows the cue
        elif head[0].dep_ in ("nsubj", "nsubjpass"):
            cs = head[1].idx
    m = _AFTER_QUOTE.search(text, cs, ce)
    if m is not None and m.start() > cs:
        ce = m.start() + 1
    return cs, ce


# what a denial's lone word can be: a pointer back, or the blame it rejects
_LONE_DENIALS = frozenset({"this", "that", "it", "responsibility", "involvement", "wrongdoing"})


def _denied_pointer(cue: str, words: list[str]) -> bool:
    """'The ministry rejected that.', 'Moscow denied it.', 'Russia denied responsibility': a
    denial cue whose whole content points back at what was said just before is a claim
    (graph/disputes.py ties it to the claim it answers); other one-word contents say
    nothing."""
    return len(words) == 1 and stance_of_lemma().get(cue) is Stance.DENIES \
        and words[0].lower().strip(".,;:!?") in _LONE_DENIALS


def _emit(ctx: ClaimCtx, speaker: tuple[SpeakerRef, tuple[int, int]], cue: str,
          cue_span: tuple[int, int], cs: int, ce: int, tok: Token, target: str | None,
          reported_by: ReportedBy | None = None) -> None:
    text = ctx.text
    cs, ce = one_paragraph(ctx, cs, ce, tok.idx)
    if tok.idx >= ce and (br := text.rfind("\n", cs, ce)) > cs and any(
            c.cue_span and cs <= c.cue_span[0] < br for c in ctx.claims):
        # '“…,” Haidai said in a post\n\nSievierodonetsk is shelled “every day”, he added':
        # a paragraph before that already has its own attribution is not this cue's
        cs = br + 1
    cs, ce = _without_relative(ctx, cs, ce, tok)
    s0, s1 = speaker[1]
    if cs <= s0 and s1 <= tok.idx < ce and len(text[cs:s0].split()) <= 2 \
            and "\n" not in text[cs:tok.idx] and not any(
                t.pos_ in ("NOUN", "PROPN", "PRON", "NUM") and cs <= t.idx < s0
                for t in ctx.doc[sentence(tok).start: tok.i]):
        # 'Overall, the prime minister argued, “the price …”': the attribution opens the
        # content; what was said starts after the cue and its punctuation (only an adverb
        # before the speaker: 'The result, officials said, has been …' keeps its subject)
        after = tok.right_edge.idx + len(tok.right_edge) if tok.right_edge.idx < ce \
            and ctx.quoted[tok.right_edge.idx] == ctx.quoted[tok.idx] else tok.idx + len(tok)
        m = re.compile(r"[\s,:;—–-]*").match(text, after)
        if m is not None and ce - m.end() > 10:
            cs = m.end()
    cs, ce = _trim_span(text, *whole_words(text, cs, ce))
    if cs > 0 and text[cs - 1] in _OPEN_Q and text.count(text[cs - 1], cs, ce) % 2 == 0 \
            and _OPEN_Q[text[cs - 1]] not in text[cs:ce]:
        cs -= 1  # keep the opening mark of a fully quoted content: '“We will …,”'
    ce = _close_quote(text, cs, ce)
    cs, ce = whole_quote_in(ctx, cs, ce)
    ce = dangling_end(ctx.doc, cs, ce, tok)
    words = text[cs:ce].split()
    if len(words) < 2 and not _denied_pointer(cue, words) or (cs, ce) in ctx.seen:
        return  # 'told you', 'said so': no content worth a claim
    if ce <= tok.idx and _verbless(ctx, tok, (cs, ce), finite=True):
        # before its cue, only a clause or a quotation is what was said: 'At the start of the
        # war, many believed …' must not yield 'At the start of the war'
        return
    if not _says_something(ctx, cs, ce) and not _denied_pointer(cue, words):
        return  # 'Biden suggested he would': an elided verb leaves nothing to quote
    # 'Feygin agrees that China has rejected …': a claim reported inside another's content
    # is not the last speaker a later 'he says' goes on with
    nested = any(c.content_span[0] <= cue_span[0] and cue_span[1] <= c.content_span[1]
                 and c.speaker.id != speaker[0].id for c in ctx.claims)
    if any(c.speaker.id == speaker[0].id and c.content_span[0] <= cue_span[0]
           and ce <= c.content_span[1]
           and len(text[c.content_span[0]:cue_span[0]].split()) <= 3 for c in ctx.claims):
        return  # 'the ministry said it believes X': X is already the ministry's claim
    ctx.seen.add((cs, ce))
    qt = quote_type(ctx, cs, ce)
    about: list[str] = []
    first = next((i for i in range(sentence(tok).start, sentence(tok).end)
                  if ctx.doc[i].idx >= cs), sentence(tok).end)
    for i in range(first, sentence(tok).end):
        t = ctx.doc[i]
        if t.idx >= ce:
            break
        m = ctx.tok2ment[i]
        if m is not None and m.key and m.key != speaker[0].id and m.key not in about:
            about.append(m.key)
    if target and target not in about:
        about.append(target)
    when = _date(ctx, tok, cs, ce) if tok.pos_ in ("VERB", "AUX", "NOUN") else None
    target_name = next((m.name or m.text for m in ctx.tok2ment if m is not None
                        and m.key == target), None) if target else None
    where = next((k for k in about if k.startswith("place:")), None)
    negated = any(c.dep_ == "neg" for c in tok.children)
    ctx.claims.append(ClaimRecord(
        id=stable_id(ctx.article_id, cue_span, cs, ce, prefix="claim:"),
        speaker=speaker[0], speaker_span=speaker[1], cue=cue, cue_span=cue_span,
        content=text[cs:ce], content_span=(cs, ce), sentence_span=ctx.sent_of[tok.i],
        quote_type=qt, direct=qt is QuoteType.DIRECT, about=about, target=target,
        date=when, stance=stance(cue, text[cs:ce], negated, ctx.doc, (cs, ce)),
        statement=statement(ctx.doc, cs, ce, speaker[0].name, target_name, cue,
                            speaker[0].type == EntityType.PERSON.value, cue_span[0]),
        reported_by=reported_by, quantity=quantity(ctx.doc, cs, ce, where, when)))
    if not nested:
        ctx.last, ctx.last_claim = (speaker[0], ce), ctx.claims[-1]


# verbs of passing words on: '… said on Monday SANA reported' is an attribution, not content
_RELAYING = frozenset({"report", "say", "write", "tweet", "post", "state", "announce", "add"})
# what a disaster 'claims' (takes): lives and victims, never a statement
_TOLL = frozenset({"life", "lives", "victim"})
_CONTENT_POS = frozenset({"VERB", "NOUN", "PROPN", "NUM", "ADJ"})


def _says_something(ctx: ClaimCtx, cs: int, ce: int) -> bool:
    """The content holds a word that carries meaning: 'he would', 'it did', 'they were' (the
    verb elided after a modal or auxiliary) are pronouns and auxiliaries only."""
    span = ctx.doc.char_span(cs, ce, alignment_mode="expand")
    return span is None or any(t.pos_ in _CONTENT_POS for t in span)


def _object_only(ctx: ClaimCtx, tok: Token, span: tuple[int, int]) -> bool:
    """The content is the cue's noun object alone, outside quotation marks: 'add' reports
    words only with a clause or a quotation ('he added that …', '“…,” he added')."""
    obj = next((c for c in tok.children if c.dep_ == "dobj"), None)
    return obj is not None and not any(c.dep_ in ("ccomp", "xcomp") for c in tok.children) \
        and obj.left_edge.idx <= span[0] + 1 and span[0] > tok.idx \
        and not ctx.quoted[span[1]] - ctx.quoted[span[0]]


def _bare_attribution(ctx: ClaimCtx, tok: Token) -> bool:
    """The cue's complement is nothing but another attribution ending the sentence: '… a
    source in the province said on Monday SANA reported' (commas lost in wire copy) -- a
    cue verb with its own subject and no complement of its own is no content."""
    comp = next((c for c in tok.children if c.dep_ == "ccomp" and c.i > tok.i), None)
    if comp is None or comp.pos_ != "VERB" or comp.lemma_.lower() not in _RELAYING:
        return False  # 'the presidents said they agreed': agreeing is what was said
    return any(c.dep_ == "nsubj" for c in comp.children) \
        and not any(c.dep_ in ("ccomp", "xcomp", "dobj") for c in comp.children) \
        and all(t.is_punct or t.is_space for t in ctx.doc[comp.i + 1: sentence(tok).end])


def _only_audience(ctx: ClaimCtx, tok: Token, span: tuple[int, int]) -> bool:
    """The content is nothing but the cue's 'to …'/'with …' phrase and holds no verb."""
    toks = [t for t in ctx.doc[tok.i + 1: sentence(tok).end] if span[0] <= t.idx < span[1]]
    return bool(toks) and toks[0].dep_ == "prep" and toks[0].head.i == tok.i \
        and toks[0].lower_ in ("to", "with") \
        and not any(t.pos_ in ("VERB", "AUX") for t in toks) \
        and not ctx.quoted[span[1]] - ctx.quoted[span[0]]


def _inside_quotation(ctx: ClaimCtx, tok: Token) -> bool:
    """The token lies wholly inside quotation marks."""
    s, e = tok.idx, tok.idx + len(tok)
    return ctx.quoted[e] - ctx.quoted[s] >= e - s


def _verb_cue(ctx: ClaimCtx, tok: Token) -> None:
    rules = ctx.rules
    lemma = tok.lemma_.lower()
    if reports_nothing(tok):  # 'did not say whether', 'Did he say …?', 'declined to say'
        return
    if cues.relays_as(tok):  # 'Reuters reported the command as saying …': 'saying' speaks
        return
    if cues.addressed_passive(tok):
        # '…, Trudeau said when asked what he would tell Putin': the one asked (or told,
        # warned) is no speaker of the question, and the asker is not named
        return
    if _bare_attribution(ctx, tok):
        return  # '… a source said on Monday SANA reported': what follows is another cue
    span = content_of(tok)
    if lemma in rules.gaz.words("weak_cue_verbs"):
        objs = rules.gaz.lexicon["cue_objects"].get(lemma)
        has_clause = any(c.dep_ == "ccomp" for c in tok.children)
        ok_obj = objs is not None and any(
            c.dep_ in ("dobj", "prep") and (c.lemma_.lower() in objs or c.lower_ in objs)
            for c in tok.children)
        if not (has_clause or ok_obj or dismisses(tok)):  # or 'called the claim a lie'
            return
    if span is None or span[0] < tok.idx and not (ctx.quoted[span[1]] - ctx.quoted[span[0]]):
        # no complement, or a reported clause before the verb that is not a quotation
        span = quote_in_sentence(ctx, tok) if span is None else span
    if span is None and tok.dep_ == "parataxis" and tok.head.pos_ in ("VERB", "AUX"):
        # 'The result, former officials said, has been some blind spots.'
        head = tok.head
        s0, e0 = head.left_edge.idx, head.right_edge.idx + len(head.right_edge)
        if tok.left_edge.idx > head.idx and sum(
                not (t.is_punct or t.is_space)
                for t in ctx.doc[head.left_edge.i: tok.left_edge.i]) > 2:
            e0 = tok.left_edge.idx  # '…, they say' at the end: cut it off
        # 'there were, she said, new rules coming …': an aside right after the verb, before
        # its complement, would leave two words; the clause stays whole ('The result, officials
        # said, has been …' too)
        elif tok.left_edge.idx <= s0:  # 'But he said, Russia had killed …': what follows
            s0 = tok.right_edge.idx + len(tok.right_edge)
        span = (s0, e0)
    if span is None:
        return
    span = cut_audience(ctx, tok, cut_nested(ctx, tok, fronted_subject(tok, span)))
    if lemma == "add" and _object_only(ctx, tok, span):
        return  # 'adding a map of the front line': something was added, nothing was said
    if lemma == "claim" and any(c.dep_ == "dobj" and c.lemma_.lower() in _TOLL
                                for c in tok.children):
        return  # 'an air strike claiming the lives of ten civilians': a toll taken, not said
    if _only_audience(ctx, tok, span):
        return  # 'The governor appealed to residents.': who was addressed, nothing said
    relay: ReportedBy | None = None
    chain = cues.quoted_as(tok)
    if chain is not None:  # 'TASS quoted Peskov as saying': Peskov speaks, TASS relays
        subj, relay_tok = chain
        rm = next((ctx.tok2ment[t.i] for t in relay_tok.subtree if ctx.tok2ment[t.i]
                   is not None), None) if relay_tok is not None else None
        if relay_tok is not None:
            relay = ReportedBy(role="relay", name=rm.name or rm.text if rm else
                               relay_tok.text, id=rm.key if rm else None,
                               type=rm.type.value if rm else None)
    elif cues.passive_accused(tok):
        subj = cues.agent_of(tok)  # 'was accused by Kyiv of …'; the accused never speaks
    else:
        subj = cues.agent_of(tok) or subject_of(tok) or _lost_subject(ctx, tok, span)
    if subj is None or "\n" in ctx.text[min(subj.idx, tok.idx):max(subj.idx, tok.idx)]:
        return  # a heading line parsed as the subject of the next paragraph's verb
    if byline(subj, tok):
        return  # '…, our reporter writes': the live blog's own journalist
    if _inside_quotation(ctx, subj) and _inside_quotation(ctx, tok):
        # '“But government officials promise that …”' in Zelensky's quotation: what the
        # quoted speaker says others said is not the others' own claim
        return
    speaker = speaker_of(ctx, subj)
    if speaker is None:
        return
    if relay is None and (aud := cues.audience(tok, ctx.tok2ment, span)) is not None \
            and aud.key != speaker[0].id:
        relay = ReportedBy(role="audience", name=aud.name or aud.text, id=aud.key,
                           type=aud.type.value)
    if relayed(ctx, tok, subj, speaker, lemma):
        return
    if speaker[0].type == "DocumentSource" and (
            lemma in _EVIDENTIAL or lemma in rules.gaz.words("weak_cue_verbs")):
        # 'the statements suggest …', 'the images show …': an inference, not speech; 'the
        # statements raised fears': what a text caused, not what it said
        return
    if lemma in _PLAIN_SPEECH and _verbless(ctx, tok, span):
        # 'said rail traffic to Marvik' (a misparse cut the clause's verb off): what someone
        # says is a clause or a quotation; a bare noun phrase is a fragment, not the claim
        return
    target = target_of(ctx, tok, speaker[0].id)
    _emit(ctx, speaker, lemma, (tok.idx, tok.idx + len(tok)), span[0], span[1], tok, target,
          relay)


# Verbs whose unquoted content must be a clause ('announced the supply of …' or 'denied the
# report' are complete with an object; 'said the bridge' is not).
_PLAIN_SPEECH = frozenset({"say", "tell", "add", "insist", "argue", "state"})


def _verbless(ctx: ClaimCtx, tok: Token, span: tuple[int, int], finite: bool = False) -> bool:
    """An unquoted content with no verb of its own (``finite``: no finite verb and no
    subject, so 'At the beginning of the war' counts as verbless)."""
    if ctx.quoted[span[1]] - ctx.quoted[span[0]]:
        return False
    toks = list(ctx.doc.char_span(span[0], span[1], alignment_mode="expand") or ())
    if finite:
        return bool(toks) and not any(
            t.tag_ in ("VBD", "VBZ", "VBP", "MD") or t.dep_ in ("nsubj", "nsubjpass", "expl")
            for t in toks)
    return bool(toks) and not any(t.pos_ in ("VERB", "AUX") for t in toks)


def _according(ctx: ClaimCtx, tok: Token) -> None:
    to = next((c for c in tok.children if c.lower_ == "to"), None)
    if to is None and tok.i + 1 < len(ctx.doc) and ctx.doc[tok.i + 1].lower_ == "to":
        to = ctx.doc[tok.i + 1]
    if to is None:
        return
    pobj = next((c for c in to.children if c.dep_ == "pobj"), None)
    if pobj is None:
        return
    speaker = speaker_of(ctx, pobj)
    if speaker is None:
        return
    if speaker[0].type == EntityType.OUTLET.value and (src := _source_before(ctx, tok, pobj)):
        # 'Russian officials, according to RIA Novosti, acknowledged …': the officials speak
        # (the parse often loses the verb, so this is the only cue left), RIA relays
        outlet, end = speaker[0], pobj.right_edge.i + 2
        verb = ctx.doc[end] if end < sentence(tok).end else None
        if verb is not None and verb.lemma_.lower() in ctx.rules.gaz.words("cue_verbs") \
                and verb.tag_ == "VBD":
            if verb.pos_ == "VERB" and any(c.dep_ == "nsubj" for c in verb.children):
                return  # the cue verb was parsed with its subject: its own claim
            end += 1  # '…, acknowledged damage to …': what was acknowledged
        if end >= sentence(tok).end or any(c.content_span[0] <= ctx.doc[end].idx
                                      < c.content_span[1] for c in ctx.claims):
            return
        _emit(ctx, src, "according to", (tok.idx, to.idx + len(to)), ctx.doc[end].idx,
              sentence(tok).end_char, tok, None,
              ReportedBy(role="relay", name=outlet.name, id=outlet.id, type=outlet.type))
        return
    if relayed(ctx, tok, pobj, speaker, "according to"):
        return
    sent = sentence(tok)
    p0, p1 = tok.idx, pobj.right_edge.idx + len(pobj.right_edge)
    side = _according_side(ctx, sent, p0, p1)
    if side is None:
        return  # 'Either this week or next, according to the sources': no proposition
    cs, ce = side
    # 'according to X, speaking to the BBC, …': the interview is the chain, not the content
    talk = next((t for t in (*tok.head.children, *pobj.children)
                 if t.dep_ in ("advcl", "acl") and t.lemma_.lower() in ("speak", "talk")
                 and cs <= t.left_edge.idx <= cs + 3), None)
    relay: ReportedBy | None = None
    if talk is not None:
        cs = talk.right_edge.idx + len(talk.right_edge)
        m = next((ctx.tok2ment[t.i] for t in talk.subtree if ctx.tok2ment[t.i] is not None
                  and ctx.tok2ment[t.i].type in (EntityType.OUTLET, EntityType.ORGANIZATION)),
                 None)
        if m is not None and m.key:
            relay = ReportedBy(role="audience", name=m.name or m.text, id=m.key,
                               type=m.type.value)
    if relay is None and speaker[0].type == EntityType.OUTLET.value:
        quoted = outlet_quotes(ctx, cs, ce)
        if quoted is not None:  # 'According to AFP, Leonid Slutsky, a negotiator, the …'
            outlet = speaker[0]
            speaker, cs = quoted
            relay = ReportedBy(role="relay", name=outlet.name, id=outlet.id, type=outlet.type)
    _emit(ctx, speaker, "according to", (tok.idx, to.idx + len(to)), cs, ce, tok, None, relay)


_DASHES = {"–", "—", "-", "("}


def _according_side(ctx: ClaimCtx, sent: Span, p0: int, p1: int) -> tuple[int, int] | None:
    """Which words 'according to X' attributes. A phrase set off inside dashes or brackets
    covers the words of that aside only ('… in the rear – 50 according to the minister – and
    whether …'); else the clause before the phrase when there is one ('It has 125,600
    troops, according to the institute, but has mobilised …': the 'but' clause is the
    writer's), else the words after it ('According to X, …', 'In Kyiv, according to X, …').
    A side without a verb states nothing: no claim."""
    before = [t for t in sent if t.idx < p0 and not t.is_space]
    after = [t for t in sent if t.idx >= p1 and not t.is_space]
    nxt = next((t for t in after if t.text != ","), None)
    opening = next((t for t in reversed(before) if t.text in _DASHES), None)
    if opening is not None and nxt is not None and nxt.text in _DASHES | {")"}:
        inside = [t for t in before if t.i > opening.i and not t.is_punct]
        if len(inside) < 2 or not any(t.pos_ in ("VERB", "AUX") for t in inside):
            return None
        return inside[0].idx, inside[-1].idx + len(inside[-1])

    def clause(toks: list[Token]) -> bool:
        return len([t for t in toks if not t.is_punct]) >= 3 \
            and any(t.pos_ in ("VERB", "AUX") for t in toks)

    if clause(before):
        return sent.start_char, p0
    if clause(after):
        return p1, sent.end_char
    return None


def _source_before(ctx: ClaimCtx, tok: Token, pobj: Token
                   ) -> tuple[SpeakerRef, tuple[int, int]] | None:
    """'Russian officials, according to the RIA news agency, acknowledged …': the outlet's
    phrase is set off by commas right after a source phrase that opens the sentence; that
    source spoke, the outlet only relays it (the parse often loses the verb's subject)."""
    doc = ctx.doc
    start = sentence(tok).start
    if tok.i - 1 <= start or doc[tok.i - 1].text != ",":
        return None
    end = pobj.right_edge.i + 1
    if end >= sentence(tok).end or doc[end].text != ",":
        return None
    phrase = doc[start: tok.i - 1]
    head = phrase.root
    if head.pos_ not in ("NOUN", "PROPN", "PRON") or any(t.pos_ in ("VERB", "AUX")
                                                        for t in phrase):
        return None
    return speaker_of(ctx, head)


def _nominal_cue(ctx: ClaimCtx, tok: Token, stance_word: str) -> None:
    """'Putin's claim that …', 'a warning from Rutte that …', 'the accusation by Kyiv that …':
    the clause is the content, the possessor or the from/by phrase the speaker."""
    clause = next((c for c in tok.children if c.dep_ in ("acl", "ccomp", "appos")
                   and any(g.dep_ == "mark" and g.lower_ == "that" for g in c.children)), None)
    if clause is None:
        return
    subj = next((c for c in tok.children if c.dep_ == "poss"), None)
    if subj is None:
        prep = next((c for c in tok.children if c.dep_ == "prep" and c.lower_ in ("from", "by")),
                    None)
        subj = next((g for g in prep.children if g.dep_ == "pobj"), None) if prep else None
    if subj is None or subj.tag_ in ("PRP$", "PRP"):
        return
    speaker = speaker_of(ctx, subj)
    if speaker is None:
        return
    last = clause.right_edge
    if sentence(tok).root.pos_ in ("ADP", "SCONJ"):
        # 'Despite claims by Russia that X – …, Y': the parse found no main verb and hung the
        # writer's main clause on the claim; what was claimed ends at the first break
        last = next((t for t in ctx.doc[clause.i + 1: last.i] if t.text in (",", "–", "—", ";")
                     and ctx.quoted[t.idx + 1] == ctx.quoted[t.idx]), last.nbor())
        last = last.nbor(-1)
    _emit(ctx, speaker, tok.lemma_.lower(), (tok.idx, tok.idx + len(tok)),
          clause.left_edge.idx, last.idx + len(last), tok, None)


def _headlines(ctx: ClaimCtx) -> None:
    """'Zelensky: We will not give up' -- a line that opens with a named person or
    organization and a colon (outlets and bare labels such as 'Q:' are not speakers)."""
    text = ctx.text
    pos = 0
    for line in text.split("\n"):
        start, pos = pos, pos + len(line) + 1
        colon = line.find(": ")
        if colon <= 0 or colon > 40 or len(line[colon + 2:].split()) < 3:
            continue
        tok = ctx.doc.char_span(start, start + colon, alignment_mode="expand")
        if tok is None:
            continue
        m = ctx.tok2ment[tok.start]
        if m is None or not m.key or m.start != start or m.end != start + colon \
                or m.type not in (EntityType.PERSON, EntityType.ORGANIZATION):
            continue
        sp = (SpeakerRef(id=m.key, name=m.name or m.text, type=m.type.value), (m.start, m.end))
        _emit(ctx, sp, ":", (start + colon, start + colon + 1), start + colon + 2,
              start + len(line), ctx.doc[tok.end - 1], None)


def _continuations(ctx: ClaimCtx) -> None:
    """A paragraph that is only a quotation, right after an attributed quotation, continues
    it: '“The price … is very high,” he said. “It’s just scary. …”'."""
    text = ctx.text
    by_end = sorted(ctx.claims, key=lambda c: c.content_span[1])
    for sent in ctx.doc.sents:
        s, e = _trim_span(text, sent.start_char, sent.end_char)
        j = s - 1
        while j > 0 and text[j] == " ":
            j -= 1
        if j >= 0 and text[j] in _OPEN_Q and s < e and text[s] not in _OPEN_Q:
            s = j  # the parse left the opening mark at the end of the previous sentence
        if s < e and text[s] in _OPEN_Q:
            s, e = whole_quote_in(ctx, s, e)  # the whole quotation, not only its first sentence
        if e - s < 20 or text[s] not in _OPEN_Q or ctx.quoted[e] - ctx.quoted[s] < 0.95 * (e - s):
            continue
        if any(c.content_span[0] < e and s < c.content_span[1] for c in ctx.claims):
            continue
        prev = [c for c in by_end if c.content_span[1] <= s and s - c.content_span[1] < 400]
        if not prev or prev[-1].quote_type is QuoteType.INDIRECT:
            continue
        p = prev[-1]
        if "\n\n" in text[p.sentence_span[1] : s] and text.count("\n\n", p.content_span[1], s) > 1:
            continue
        ctx.claims.append(ClaimRecord(
            id=stable_id(ctx.article_id, "cont", s, e, prefix="claim:"), speaker=p.speaker,
            speaker_span=p.speaker_span, cue=p.cue, cue_span=None, content=text[s:e],
            content_span=(s, e), sentence_span=(sent.start_char, sent.end_char),
            quote_type=QuoteType.DIRECT, direct=True,
            about=[m.key for i in range(sent.start, sent.end)
                   if (m := ctx.tok2ment[i]) is not None and m.key
                   and m.key != p.speaker.id][:10],
            target=None, date=p.date, reported_by=p.reported_by,
            # a continued quotation is a claim like any other: it gets its own stance and
            # stand-alone statement (the cue is the one it continues)
            stance=stance(p.cue, text[s:e], doc=ctx.doc, span=(s, e)),
            statement=statement(ctx.doc, s, e, p.speaker.name, None, p.cue,
                                p.speaker.type == EntityType.PERSON.value),
            quantity=quantity(ctx.doc, s, e, None, p.date)))
        by_end = sorted(ctx.claims, key=lambda c: c.content_span[1])


def _lost_subject(ctx: ClaimCtx, tok: Token, span: tuple[int, int]) -> Token | None:
    """'…, a number of Russian officials said they should …' parsed with the source as an
    apposition of the noun before it: a cue with a clause after it but no subject of its
    own takes the source phrase that stands right before it."""
    if tok.dep_ not in ("ROOT", "conj") or span[0] < tok.idx or tok.i == sentence(tok).start \
            or not any(c.dep_ == "ccomp" for c in tok.children):
        return None
    j = tok.i - 1
    if ctx.doc[j].pos_ not in ("NOUN", "PROPN") or ctx.doc[j].head.i == tok.i:
        return None
    gaz = ctx.rules.gaz
    start = source_phrase(ctx, tok, gaz.words("role_titles") | gaz.words("anonymous_nouns"))
    return phrase_head(ctx.doc, start, tok.i)


def _final_cue(ctx: ClaimCtx, tok: Token) -> None:
    """A sentence-final attribution whose comma was lost ('… killed 16 people the monitoring
    group said'): the source phrase right before the cue speaks the clause before it."""
    if reports_nothing(tok) or any(c.dep_ in ("nsubjpass", "ccomp") for c in tok.children):
        return
    gaz = ctx.rules.gaz
    found = final_attribution(ctx, tok, gaz.words("role_titles") | gaz.words("anonymous_nouns"))
    if found is None:
        return
    start, cs, ce = found
    if tok.lemma_.lower() not in ("say", "add", "tell") and start > 0 \
            and ctx.doc[start - 1].pos_ in ("NOUN", "PROPN"):
        return  # '… the rocket systems President Biden announced': the noun is the object
    head = phrase_head(ctx.doc, start, tok.i)
    if byline(head, tok):
        return
    speaker = speaker_of(ctx, head)
    if speaker is None:
        m = next((ctx.tok2ment[i] for i in range(start, tok.i) if ctx.tok2ment[i] is not None
                  and ctx.tok2ment[i].key and ctx.tok2ment[i].type is not EntityType.PLACE),
                 None)
        if m is None:
            return
        speaker = (SpeakerRef(id=m.key, name=m.name or m.text, type=m.type.value),
                   (m.start, m.end))
    if ctx.quoted[ce] - ctx.quoted[cs] > 0.5 * (ce - cs) \
            or speaker[0].type == EntityType.PLACE.value:
        return  # a quotation is the direct-speech rules'; a place alone is not a source
    if relayed(ctx, tok, head, speaker, tok.lemma_.lower()):
        return  # '… X said …, Reuters reports' with the parse hanging it under X's verb
    _emit(ctx, speaker, tok.lemma_.lower(), (tok.idx, tok.idx + len(tok)), cs, ce, tok, None)


def find_claims(ctx: ClaimCtx) -> list[ClaimRecord]:
    cues = ctx.rules.gaz.words("cue_verbs")
    nominal = claim_words()["nominal_cues"]
    stop = ctx.rules.gaz.words("org_coref_stopwords")
    for m in ctx.tok2ment:
        if m is not None and m.type in (EntityType.ORGANIZATION, EntityType.OUTLET):
            for w in (m.name or m.text).lower().split():
                if len(w) > 3 and w not in stop:
                    ctx.org_words.setdefault(w, m)
    for tok in ctx.doc:
        if tok.lower_ == "according":
            _according(ctx, tok)
        elif tok.pos_ == "VERB" and tok.lemma_.lower() in cues:
            found = len(ctx.claims)
            _verb_cue(ctx, tok)
            if len(ctx.claims) == found:
                _final_cue(ctx, tok)
        elif tok.pos_ == "NOUN" and tok.lemma_.lower() in nominal:
            _nominal_cue(ctx, tok, nominal[tok.lemma_.lower()])
    ctx.claims = [with_relay(ctx, c) for c in ctx.claims]
    named_next(ctx)
    _headlines(ctx)
    _continuations(ctx)
    ctx.claims.sort(key=lambda c: c.content_span[0])
    return fold_repeats(fold_relays(cut_own_attributions(ctx, ctx.claims)))
