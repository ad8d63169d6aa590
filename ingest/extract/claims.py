"""Claims from the dependency parse: who said what (direct, mixed or reported speech).

One pass over the tokens; each cue verb (``lexicon.json``) is looked at once:
- content: its clausal complement (ccomp/xcomp) or, failing that, its object and the
  'of/for/about' phrases ('accused the Russian leader of “dragging his feet”'); a bare
  '“…,” he said' takes the quotation in the sentence;
- speaker: its subject, climbing through participles and conjuncts ('…, stating he had',
  '…, adding that', 'but raised concerns') and from an acl to the noun it modifies
  ('a U.S. official expressing optimism');
- 'according to X' is a cue of its own.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from spacy.tokens import Doc, Token

from graph.models import ClaimRecord, EntityType, QuoteType, ReportedBy, SpeakerRef, stable_id
from ingest.extract import claim_cues as cues
from ingest.extract.claim_forms import claim_words, fold_repeats, quantity, stance, statement
from ingest.extract.claim_guards import reports_nothing
from ingest.extract.coref import PRONOUNS_PERSON, PersonLocator, title_antecedent
from ingest.extract.dates import resolve_date
from ingest.extract.entities import Ment, Rules, demonym_code
from ingest.extract.quotes import OPEN_Q as _OPEN_Q
from ingest.extract.quotes import close_quote as _close_quote
from ingest.extract.quotes import quote_span, whole_quote
from ingest.extract.quotes import trim_span as _trim_span

_CONTENT_DEPS = {"ccomp", "xcomp"}
_OBJECT_DEPS = {"dobj", "attr", "oprd"}
_AUDIENCE_NOUNS = {"reporter", "journalist", "press", "medium", "media", "correspondent",
                   "newsman", "broadcaster", "audience", "crowd"}
_STAMP = re.compile(r"(?:(?i:updated|posted|first published) (?:at|on) [^\n]{0,40}\s+)?"
                    r"\d{1,2} [A-Z][a-z]{2,8} \d{4},? \d{1,2}[.:]\d{2}(?: [A-Z]{3,4}\b)?\s+")
_EVIDENTIAL = {"suggest", "indicate", "show", "signal", "reveal", "mean", "imply"}
_CONTENT_PREPS = {"of", "for", "about", "over", "against", "that", "on", "regarding", "to"}


@dataclass
class ClaimCtx:
    doc: Doc
    rules: Rules
    article_id: str
    published: date | None
    tok2ment: list[Ment | None]
    locator: PersonLocator
    quoted: list[int]
    sent_of: list[tuple[int, int]]  # token index -> sentence char span
    claims: list[ClaimRecord] = field(default_factory=list)
    seen: set[tuple[int, int]] = field(default_factory=set)
    org_words: dict[str, Ment] = field(default_factory=dict)
    extra: list[Ment] = field(default_factory=list)  # institution speakers found here
    last: tuple[SpeakerRef, int] | None = None  # last speaker and where its claim ended
    # inner cue char -> (the outlet that relays it, where the outlet's attribution starts)
    relays: dict[int, tuple[ReportedBy, int]] = field(default_factory=dict)


def _quote_type(ctx: ClaimCtx, s: int, e: int) -> QuoteType:
    text = ctx.doc.text
    chars = sum(1 for c in text[s:e] if not c.isspace())
    inq = ctx.quoted[e] - ctx.quoted[s]
    if chars and inq >= 0.9 * chars:
        return QuoteType.DIRECT
    return QuoteType.MIXED if inq else QuoteType.INDIRECT


def _only_time(prep: Token) -> bool:
    rest = [t for t in prep.subtree if t.i != prep.i and not t.is_punct]
    return bool(rest) and all(t.ent_type_ in ("DATE", "TIME") or t.pos_ == "DET" for t in rest)


def _content(tok: Token) -> tuple[int, int] | None:
    comps = [c for c in tok.children if c.dep_ in _CONTENT_DEPS]
    if not comps:
        comps = [c for c in tok.rights if c.dep_ in _OBJECT_DEPS
                 or (c.dep_ == "prep" and c.lower_ in _CONTENT_PREPS)]
        # 'told reporters' / 'confirmed ... to reporters': an addressee is not content.
        if tok.lemma_.lower() in ("tell", "ask", "inform", "brief"):
            comps = [c for c in comps if c.dep_ == "prep" and c.lower_ == "about"]
        comps = [c for c in comps if not (c.dep_ == "prep" and c.lower_ == "to" and
                                          any(g.lower_ in ("reporters", "journalists")
                                              for g in c.children))]
        # 'said on Friday': a time is when, never what was said (the parse hung a sentence-final
        # attribution on the main verb, whose subject is not the speaker): no content, no claim
        comps = [c for c in comps if not (c.dep_ == "prep" and _only_time(c))]
    if not comps:
        return None
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
    return s, last.idx + len(last)


def _subject(tok: Token) -> Token | None:
    cur = tok
    for _ in range(6):
        subj = next((c for c in cur.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subj is not None:
            if subj.dep_ == "nsubjpass":
                return None  # 'was accused of': the subject is not the speaker
            if subj.tag_ in ("WP", "WDT") and cur.dep_ == "relcl":
                return cur.head
            return subj
        if cur.dep_ in ("acl", "relcl") and cur.head.pos_ in ("NOUN", "PROPN"):
            return cur.head
        if cur.dep_ in ("advcl", "conj", "xcomp", "pcomp") and cur.head is not cur:
            cur = cur.head
            continue
        return None
    return None


def _speaker(ctx: ClaimCtx, subj: Token) -> tuple[SpeakerRef, tuple[int, int]] | None:
    if cues.not_a_speaker(subj) or cues.is_caption(ctx.doc.text, subj.idx):
        return None
    m = ctx.tok2ment[subj.i]
    if m is None and cues.is_document(subj):
        # a report/statement speaks for its author; without one it is a document source
        author = cues.document_author(subj, ctx.tok2ment)
        if author is not None:
            return (SpeakerRef(id=author.key, name=author.name or author.text,
                               type=author.type.value), (author.start, author.end))
        s, e = subj.left_edge.idx, subj.idx + len(subj)
        desc = ctx.doc.text[s:e]
        return (SpeakerRef(id=stable_id(ctx.article_id, s, e, prefix="doc:"), name=desc,
                           type="DocumentSource", anonymous=True, description=desc), (s, e))
    if m is None:
        # 'rescue workers, the Civil Defence' (apposition) names the speaker; so does
        # 'the SOHR monitoring group' (an institution noun) -- but 'a U.S. official' and
        # 'Pentagon officials' stay anonymous: people are not their institution.
        institution = subj.lemma_.lower() in ctx.rules.gaz.words("institution_nouns")
        for c in subj.children:
            cm = ctx.tok2ment[c.i]
            if cm is None or cm.type is EntityType.PLACE and c.dep_ != "appos":
                continue
            if c.dep_ == "appos" or (c.dep_ == "compound" and institution):
                m = cm
                break
    if m is None and subj.pos_ == "PROPN":
        # 'Kevin Kennedy Regional Humanitarian Coordinator': the title heads the name
        m = next((ctx.tok2ment[i] for i in range(subj.i - 1, subj.left_edge.i - 1, -1)
                  if (x := ctx.tok2ment[i]) is not None and x.type is EntityType.PERSON), None)
    if m is None and subj.pos_ == "NOUN" and any(c.lower_ == "the" and c.dep_ == "det"
                                                 for c in subj.children):
        # 'the observatory said', 'the British-based observatory said' after 'the Syrian
        # Observatory for Human Rights'
        m = ctx.org_words.get(subj.lower_)
        if m is not None and m.start > subj.idx:
            m = None
    if m is not None and m.key:
        return (SpeakerRef(id=m.key, name=m.name or m.text, type=m.type.value),
                (m.start, m.end))
    low = subj.lower_
    if (low == "they" or low == "it" and ctx.last is not None
            and ctx.last[0].type != EntityType.PERSON.value) \
            and ctx.last is not None and subj.idx - ctx.last[1] < 800:
        # continuing attribution: 'They said ...' after '<group> claimed ...'; 'It added'
        # after an institution's statement
        return ctx.last[0], (subj.idx, subj.idx + len(subj))
    of = next((c for c in subj.children if c.dep_ == "prep" and c.lower_ == "of"), None)
    if of is not None and subj.lemma_.lower() in claim_words()["collective_nouns"]:
        # 'a number of Russian officials said', 'some of the residents said'
        member = next((g for g in of.children if g.dep_ == "pobj"), None)
        return _speaker(ctx, member) if member is not None else None
    if low in PRONOUNS_PERSON:
        sent_start = ctx.sent_of[subj.i][0]
        # search the current and the two previous sentences (by char distance, roughly)
        p = ctx.locator.before(subj.idx, min_offset=max(0, sent_start - 600))
        if p is not None and p.key:
            return (SpeakerRef(id=p.key, name=p.name or p.text, type=EntityType.PERSON.value),
                    (subj.idx, subj.idx + len(subj)))
        return None
    if subj.pos_ == "NOUN" and _is_title(ctx, subj) and any(
            c.dep_ == "poss" or c.dep_ == "det" and c.lower_ in ("the", "this", "that")
            for c in subj.children):
        # 'the regional governor said': the governor named earlier, else a description
        # source (never the outlet that reported it); an indefinite title ('a separatist
        # head') identifies no one and is left to the anonymous-source nouns
        if not any(c.dep_ == "poss" for c in subj.children):
            mods = tuple(c.lower_ for c in subj.children
                         if c.dep_ in ("amod", "compound", "nmod") and c.i < subj.i)
            p = title_antecedent(ctx.doc.text, ctx.locator, subj.lower_, subj.idx, mods)
            if p is not None and p.key:
                return (SpeakerRef(id=p.key, name=p.name or p.text,
                                   type=EntityType.PERSON.value),
                        (subj.left_edge.idx, subj.idx + len(subj)))
        return _anonymous(ctx, subj)
    if subj.pos_ in ("NOUN", "PROPN") and (
        low in ctx.rules.gaz.words("anonymous_nouns")
        or subj.lemma_.lower() in ctx.rules.gaz.words("anonymous_nouns")
        # 'the air force', 'Ukraine's navy': an institution the gazetteer does not name
        or subj.lemma_.lower() in ctx.rules.gaz.words("institution_nouns")
        or subj.lemma_.lower() in claim_words()["more_sources"]
    ):
        return _anonymous(ctx, subj)
    return None


def _is_title(ctx: ClaimCtx, subj: Token) -> bool:
    """A person's title as the subject head: 'governor', 'prime minister', 'mayor'."""
    titles = ctx.rules.gaz.words("role_titles")
    prev = ctx.doc[subj.i - 1] if subj.i > 0 else None
    return subj.lower_ in titles or subj.lemma_.lower() in titles or (
        prev is not None and prev.dep_ == "compound" and f"{prev.lower_} {subj.lower_}" in titles)


def _anonymous(ctx: ClaimCtx, head: Token) -> tuple[SpeakerRef, tuple[int, int]]:
    doc = ctx.doc
    left = head.left_edge.i
    right = head.i
    for c in head.rights:  # 'a senior member of the ruling party'
        if c.dep_ == "prep" and c.lower_ in ("of", "from", "at", "with", "in"):
            right = c.right_edge.i
    s, e = doc[left].idx, doc[right].idx + len(doc[right])
    affiliation = None
    for i in range(left, right + 1):
        m = ctx.tok2ment[i]
        if m is not None and m.type is not EntityType.PERSON:
            affiliation = m.text
            break
        if demonym_code(ctx.rules, doc[i].text)[0]:
            affiliation = doc[i].text
            break
    desc = doc.text[s:e]
    entry = ctx.rules.gaz.lookup(desc)
    if entry is not None and entry.type is not EntityType.PLACE and len(desc.split()) > 1:
        # 'Russia’s defence ministry' is an institution the gazetteer knows, not anonymous
        m = Ment(left, right + 1, s, e, desc, entry.type, key=entry.id, name=entry.name,
                 method="gazetteer", entry=entry)
        ctx.extra.append(m)
        for i in range(left, right + 1):
            ctx.tok2ment[i] = ctx.tok2ment[i] or m
        return SpeakerRef(id=entry.id, name=entry.name, type=entry.type.value), (s, e)
    sid = stable_id(ctx.article_id, s, e, prefix="anon:")
    return (SpeakerRef(id=sid, name=desc, type="AnonymousSource", anonymous=True,
                       description=desc, affiliation=affiliation), (s, e))


def _target(ctx: ClaimCtx, tok: Token, speaker_id: str) -> str | None:
    if tok.lemma_.lower() not in ctx.rules.gaz.words("target_verbs"):
        return None
    obj = next((c for c in tok.children if c.dep_ in ("dobj", "dative")), None)
    if obj is None:
        return None
    m = ctx.tok2ment[obj.i]
    if m is not None and m.key and m.key != speaker_id:
        return m.key
    if obj.lower_ in PRONOUNS_PERSON:
        p = ctx.locator.before(obj.idx, min_offset=max(0, ctx.sent_of[obj.i][0] - 600),
                               exclude=speaker_id)
        return p.key if p is not None else None
    return None


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
    for ent in tok.sent.ents:
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


def _whole_words(text: str, cs: int, ce: int) -> tuple[int, int]:
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


def _one_paragraph(ctx: ClaimCtx, cs: int, ce: int, cue: int) -> tuple[int, int]:
    """Reported speech stays in its paragraph: a content that the parse ran across a line
    break (a live blog's 'Updated at …' line, a headline glued to the lead) keeps only the
    part on the cue's side; a leading time stamp ('27 Jul 2022 15.39') is page furniture."""
    text = ctx.doc.text
    if "\n" in text[cs:ce] and ctx.quoted[ce] - ctx.quoted[cs] < 0.5 * (ce - cs):
        if cue >= ce:
            cs = text.rfind("\n", cs, ce) + 1
        elif cue <= cs:
            ce = text.find("\n", cs, ce)
    m = _STAMP.match(text, cs, ce)
    if m is not None and m.end() < ce:
        cs = m.end()
    return cs, ce


def _emit(ctx: ClaimCtx, speaker: tuple[SpeakerRef, tuple[int, int]], cue: str,
          cue_span: tuple[int, int], cs: int, ce: int, tok: Token, target: str | None,
          reported_by: ReportedBy | None = None) -> None:
    text = ctx.doc.text
    cs, ce = _one_paragraph(ctx, cs, ce, tok.idx)
    cs, ce = _trim_span(text, *_whole_words(text, cs, ce))
    if cs > 0 and text[cs - 1] in _OPEN_Q and text.count(text[cs - 1], cs, ce) % 2 == 0 \
            and _OPEN_Q[text[cs - 1]] not in text[cs:ce]:
        cs -= 1  # keep the opening mark of a fully quoted content: '“We will …,”'
    ce = _close_quote(text, cs, ce)
    cs, ce = _whole_quote(ctx, cs, ce)
    words = text[cs:ce].split()
    if len(words) < 2 or (cs, ce) in ctx.seen:
        return  # 'told you', 'said so': no content worth a claim
    ctx.seen.add((cs, ce))
    qt = _quote_type(ctx, cs, ce)
    about: list[str] = []
    first = next((i for i in range(tok.sent.start, tok.sent.end)
                  if ctx.doc[i].idx >= cs), tok.sent.end)
    for i in range(first, tok.sent.end):
        t = ctx.doc[i]
        if t.idx >= ce:
            break
        m = ctx.tok2ment[i]
        if m is not None and m.key and m.key != speaker[0].id and m.key not in about:
            about.append(m.key)
    if target and target not in about:
        about.append(target)
    ctx.last = (speaker[0], ce)
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
        date=when, stance=stance(cue, text[cs:ce], negated),
        statement=statement(ctx.doc, cs, ce, speaker[0].name, target_name, cue,
                            speaker[0].type == EntityType.PERSON.value, cue_span[0]),
        reported_by=reported_by, quantity=quantity(ctx.doc, cs, ce, where, when)))


def _quote_span(ctx: ClaimCtx, i: int) -> tuple[int, int] | None:
    return quote_span(ctx.quoted, i)


def _whole_quote(ctx: ClaimCtx, cs: int, ce: int) -> tuple[int, int]:
    return whole_quote(ctx.doc.text, ctx.quoted, cs, ce)


def _quote_in_sentence(ctx: ClaimCtx, tok: Token) -> tuple[int, int] | None:
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
    between = ctx.doc.text[e : tok.idx]
    # the quotation must lead straight into the attribution: '“…,” he said'
    if e - s <= 5 or "\n" in between or len(between) > 60:
        return None
    return s, e


def _cut_nested(ctx: ClaimCtx, tok: Token, span: tuple[int, int]) -> tuple[int, int]:
    """End the content before another attribution hung on it: 'urged the west to intensify
    sanctions as he said business leaders …' is two claims, not one long one."""
    cues = ctx.rules.gaz.words("cue_verbs")
    cs, ce = span
    for t in tok.subtree:
        if t.i == tok.i or not cs < t.left_edge.idx < ce or t.dep_ not in ("advcl", "conj"):
            continue
        subj = next((c for c in t.children if c.dep_ == "nsubj"), None)
        # only a speaker's attribution ('as he said …', 'while TASS quoted the Kremlin as
        # saying …'), not 'as systems promised to …'
        m = ctx.tok2ment[subj.i] if subj is not None else None
        relay = t.lemma_.lower() in ("quote", "cite") and m is not None
        if t.pos_ == "VERB" and (t.lemma_.lower() in cues or relay) and subj is not None and (
                subj.lower_ in PRONOUNS_PERSON or relay
                or m is not None and m.type is EntityType.PERSON):
            ce = min(ce, t.left_edge.idx)
    if ce < span[1]:
        words = ctx.doc.text[cs:ce].rstrip(" ,;—–-").split()
        while words and words[-1].lower() in ("and", "but", "as", "while", "when"):
            words.pop()
        ce = cs + len(" ".join(words)) if words else ce
        # 'words' may have collapsed inner whitespace: find the real end of the last word
        if words:
            ce = ctx.doc.text.find(words[-1], cs + len(" ".join(words[:-1]))) + len(words[-1])
    return cs, ce


def _cut_audience(ctx: ClaimCtx, tok: Token, span: tuple[int, int]) -> tuple[int, int]:
    """'confirmed the upcoming call to reporters, including AFP': who was told is not what
    was said, wherever the parse hung the phrase; the content ends before it."""
    cs, ce = span
    for t in ctx.doc[tok.i + 1: tok.sent.end]:
        if t.idx >= ce:
            break
        if t.idx <= cs or t.dep_ != "prep" or t.lower_ not in ("to", "with"):
            continue
        pobj = next((c for c in t.children if c.dep_ == "pobj"), None)
        if pobj is not None and pobj.lemma_.lower() in _AUDIENCE_NOUNS \
                and not ctx.quoted[t.idx + 1] - ctx.quoted[t.idx]:
            return cs, t.idx
    return cs, ce


def _verb_cue(ctx: ClaimCtx, tok: Token) -> None:
    rules = ctx.rules
    lemma = tok.lemma_.lower()
    if reports_nothing(tok):  # 'did not say whether', 'Did he say …?', 'declined to say'
        return
    span = _content(tok)
    if lemma in rules.gaz.words("weak_cue_verbs"):
        objs = rules.gaz.lexicon["cue_objects"].get(lemma)
        has_clause = any(c.dep_ == "ccomp" for c in tok.children)
        ok_obj = objs is not None and any(
            c.dep_ in ("dobj", "prep") and (c.lemma_.lower() in objs or c.lower_ in objs)
            for c in tok.children)
        if not (has_clause or ok_obj):
            return
    if span is None or span[0] < tok.idx and not (ctx.quoted[span[1]] - ctx.quoted[span[0]]):
        # no complement, or a reported clause before the verb that is not a quotation
        span = _quote_in_sentence(ctx, tok) if span is None else span
    if span is None and tok.dep_ == "parataxis" and tok.head.pos_ in ("VERB", "AUX"):
        # 'The result, former officials said, has been some blind spots.'
        head = tok.head
        s0, e0 = head.left_edge.idx, head.right_edge.idx + len(head.right_edge)
        if tok.left_edge.idx > head.idx:  # '…, they say' at the end: cut it off
            e0 = tok.left_edge.idx
        span = (s0, e0)
    if span is None:
        return
    span = _cut_audience(ctx, tok, _cut_nested(ctx, tok, span))
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
        subj = cues.agent_of(tok) or _subject(tok)
    if subj is None:
        return
    speaker = _speaker(ctx, subj)
    if speaker is None:
        return
    if relay is None and (aud := cues.audience(tok, ctx.tok2ment, span)) is not None \
            and aud.key != speaker[0].id:
        relay = ReportedBy(role="audience", name=aud.name or aud.text, id=aud.key,
                           type=aud.type.value)
    if _relayed(ctx, tok, subj, speaker, lemma):
        return
    if lemma in _EVIDENTIAL and speaker[0].type == "DocumentSource":
        return  # 'the statements suggest …', 'the images show …': an inference, not speech
    target = _target(ctx, tok, speaker[0].id)
    _emit(ctx, speaker, lemma, (tok.idx, tok.idx + len(tok)), span[0], span[1], tok, target,
          relay)


def _inner_attribution(ctx: ClaimCtx, tok: Token, subj: Token) -> Token | None:
    """The speech verb of another speaker that the cue reports on: in 'X said …, Reuters
    reported', 'Reuters reports X blamed …' and 'X said …, according to Interfax' the
    outlet's verb and X's verb govern one another (the parse hangs either on the other)."""
    cues = ctx.rules.gaz.words("cue_verbs")
    near = [c for c in tok.children if c.dep_ in ("ccomp", "parataxis")]
    if tok.dep_ in ("ccomp", "parataxis", "advcl", "conj", "prep") and tok.head is not tok:
        near.append(tok.head)
    for v in near:
        if v.pos_ != "VERB" or v.lemma_.lower() not in cues:
            continue
        inner = next((c for c in v.children if c.dep_ == "nsubj"), None)
        if inner is not None and inner.i != subj.i and inner.sent == tok.sent:
            return v
    return None


def _relayed(ctx: ClaimCtx, tok: Token, subj: Token,
             speaker: tuple[SpeakerRef, tuple[int, int]], lemma: str) -> bool:
    """An outlet that reports another speaker's words never speaks them: its claim is
    dropped and it becomes the inner claim's ``reported_by`` (role relay). When the inner
    speaker stays unresolved ('he said, Reuters reported' with no antecedent) there is no
    claim at all rather than one with the outlet as its speaker."""
    sp = speaker[0]
    if sp.type != EntityType.OUTLET.value and lemma not in ("report", "according to"):
        return False
    inner = _inner_attribution(ctx, tok, subj)
    if inner is None:
        return False
    ctx.relays.setdefault(inner.idx, (ReportedBy(
        role="relay", name=sp.name, id=None if sp.anonymous else sp.id, type=sp.type),
        min(subj.left_edge.idx, tok.idx)))
    return True


def _with_relay(ctx: ClaimCtx, c: ClaimRecord) -> ClaimRecord:
    """The inner claim of 'X said …, Reuters reported' gets the outlet as ``reported_by``
    and loses the trailing ', Reuters reported' from its content."""
    if c.cue_span is None or c.cue_span[0] not in ctx.relays:
        return c
    relay, at = ctx.relays[c.cue_span[0]]
    upd: dict[str, object] = {}
    if c.reported_by is None:
        upd["reported_by"] = relay
    cs, ce = c.content_span
    if cs < at < ce:
        text = ctx.doc.text
        cs, ce = _trim_span(text, cs, at)
        ce = _close_quote(text, cs, ce)
        if len(text[cs:ce].split()) >= 2:
            spk = c.speaker
            upd.update(content=text[cs:ce], content_span=(cs, ce),
                       quote_type=_quote_type(ctx, cs, ce),
                       statement=statement(ctx.doc, cs, ce, spk.name, None, c.cue,
                                           spk.type == EntityType.PERSON.value,
                                           c.cue_span[0]))
            upd["direct"] = upd["quote_type"] is QuoteType.DIRECT
    return c.model_copy(update=upd) if upd else c


def _according(ctx: ClaimCtx, tok: Token) -> None:
    to = next((c for c in tok.children if c.lower_ == "to"), None)
    if to is None and tok.i + 1 < len(ctx.doc) and ctx.doc[tok.i + 1].lower_ == "to":
        to = ctx.doc[tok.i + 1]
    if to is None:
        return
    pobj = next((c for c in to.children if c.dep_ == "pobj"), None)
    if pobj is None:
        return
    speaker = _speaker(ctx, pobj)
    if speaker is None:
        return
    if _relayed(ctx, tok, pobj, speaker, "according to"):
        return
    sent = tok.sent
    p0, p1 = tok.idx, pobj.right_edge.idx + len(pobj.right_edge)
    s0, s1 = sent.start_char, sent.end_char
    cs, ce = (p1, s1) if s1 - p1 >= p0 - s0 else (s0, p0)
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
    _emit(ctx, speaker, "according to", (tok.idx, to.idx + len(to)), cs, ce, tok, None, relay)


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
    speaker = _speaker(ctx, subj)
    if speaker is None:
        return
    last = clause.right_edge
    _emit(ctx, speaker, tok.lemma_.lower(), (tok.idx, tok.idx + len(tok)),
          clause.left_edge.idx, last.idx + len(last), tok, None)


def _headlines(ctx: ClaimCtx) -> None:
    """'Zelensky: We will not give up' -- a line that opens with a named person or
    organization and a colon (outlets and bare labels such as 'Q:' are not speakers)."""
    text = ctx.doc.text
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
    text = ctx.doc.text
    by_end = sorted(ctx.claims, key=lambda c: c.content_span[1])
    for sent in ctx.doc.sents:
        s, e = _trim_span(text, sent.start_char, sent.end_char)
        j = s - 1
        while j > 0 and text[j] == " ":
            j -= 1
        if j >= 0 and text[j] in _OPEN_Q and s < e and text[s] not in _OPEN_Q:
            s = j  # the parse left the opening mark at the end of the previous sentence
        if s < e and text[s] in _OPEN_Q:
            s, e = _whole_quote(ctx, s, e)  # the whole quotation, not only its first sentence
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
            stance=stance(p.cue, text[s:e]),
            statement=statement(ctx.doc, s, e, p.speaker.name, None, p.cue,
                                p.speaker.type == EntityType.PERSON.value),
            quantity=quantity(ctx.doc, s, e, None, p.date)))
        by_end = sorted(ctx.claims, key=lambda c: c.content_span[1])


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
            _verb_cue(ctx, tok)
        elif tok.pos_ == "NOUN" and tok.lemma_.lower() in nominal:
            _nominal_cue(ctx, tok, nominal[tok.lemma_.lower()])
    ctx.claims = [_with_relay(ctx, c) for c in ctx.claims]
    _headlines(ctx)
    _continuations(ctx)
    ctx.claims.sort(key=lambda c: c.content_span[0])
    return fold_repeats(_relays(ctx.claims))


def _relays(claims: list[ClaimRecord]) -> list[ClaimRecord]:
    """'"…," he said in an address, Reuters reported': the outer claim's content holds a whole
    attributed quotation (its cue and its quoted words). The words are the inner speaker's;
    the outer party only relayed them, so it becomes the inner claim's ``reported_by``."""
    relayed: set[int] = set()
    for i, outer in enumerate(claims):
        os_, oe = outer.content_span
        for inner in claims:
            if inner is outer or inner.speaker.id == outer.speaker.id or inner.cue_span is None \
                    or inner.quote_type is QuoteType.INDIRECT:
                # only quoted words: 'X rejected the plan, according to Reuters' stays
                # Reuters' report of what X did
                continue
            (is_, ie), (cs, ce) = inner.content_span, inner.cue_span
            if os_ <= is_ and ie <= oe and os_ <= cs and ce <= oe:
                relayed.add(i)
                if inner.reported_by is None:
                    inner.reported_by = ReportedBy(
                        role="relay", name=outer.speaker.name,
                        id=None if outer.speaker.anonymous else outer.speaker.id,
                        type=outer.speaker.type)
                break
    return [c for i, c in enumerate(claims) if i not in relayed]
