"""Attribution chains: an outlet that reports another speaker's words ('X said …, Reuters
reported', 'according to Interfax', '"…," he said, TASS reported') is that claim's
``reported_by`` (role relay), never its speaker; 'According to AFP, Leonid Slutsky, a
negotiator, …' is Slutsky's claim relayed by AFP.
"""

from __future__ import annotations

from spacy.tokens import Token

from graph.models import ClaimRecord, EntityType, QuoteType, ReportedBy, SpeakerRef
from ingest.extract.claim_ctx import ClaimCtx, quote_type, sentence
from ingest.extract.claim_forms import stance
from ingest.extract.claim_statement import statement
from ingest.extract.quotes import close_quote as _close_quote
from ingest.extract.quotes import trim_span as _trim_span


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
        if ctx.quoted[v.idx + 1] - ctx.quoted[v.idx] \
                and not ctx.quoted[tok.idx + 1] - ctx.quoted[tok.idx]:
            continue  # '“News stories have falsely claimed …,” the outlet said': its words
        inner = next((c for c in v.children if c.dep_ == "nsubj"), None)
        if inner is None and v.dep_ == "conj":
            # 'Ukraine rejected the plan and said …, Reuters reported': the subject of the
            # first of two joined verbs says it
            inner = next((c for c in v.head.children if c.dep_ == "nsubj"), None)
        if inner is not None and inner.i != subj.i and sentence(inner) == sentence(tok):
            return v
        if inner is None and v.i < tok.i and _tail_attribution(tok, subj):
            # 'In a letter, Russia's foreign minister, Sergei Lavrov, said …, Radio Free
            # Europe reported': the parse lost the inner verb's subject, but the words are
            # still another's, relayed; with the inner speaker unknown, no claim at all
            return v
    return None


def _tail_attribution(tok: Token, subj: Token) -> bool:
    """', Reuters reported.' at the end of its sentence: the subject right after a comma,
    nothing after the verb but punctuation or a time."""
    doc = tok.doc
    if not subj.i < tok.i or subj.left_edge.i == 0 or doc[subj.left_edge.i - 1].text != ",":
        return False
    return all(t.is_punct or t.is_space or t.ent_type_ in ("DATE", "TIME") or t.lower_ == "on"
               for t in doc[tok.i + 1: sentence(tok).end])


def relayed(ctx: ClaimCtx, tok: Token, subj: Token,
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


def with_relay(ctx: ClaimCtx, c: ClaimRecord) -> ClaimRecord:
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
        text = ctx.text
        cs, ce = _trim_span(text, cs, at)
        ce = _close_quote(text, cs, ce)
        if len(text[cs:ce].split()) >= 2:
            spk = c.speaker
            upd.update(content=text[cs:ce], content_span=(cs, ce),
                       quote_type=quote_type(ctx, cs, ce),
                       statement=statement(ctx.doc, cs, ce, spk.name, None, c.cue,
                                           spk.type == EntityType.PERSON.value,
                                           c.cue_span[0]))
            upd["direct"] = upd["quote_type"] is QuoteType.DIRECT
    return c.model_copy(update=upd) if upd else c


def fold_relays(claims: list[ClaimRecord]) -> list[ClaimRecord]:
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


def outlet_quotes(ctx: ClaimCtx, cs: int, ce: int
                   ) -> tuple[tuple[SpeakerRef, tuple[int, int]], int] | None:
    """'According to AFP, Leonid Slutsky, a senior negotiator, the prisoners might …': the
    outlet relays the named person whose apposition opens the content; the content starts
    after that apposition."""
    text = ctx.text
    span = ctx.doc.char_span(cs, ce, alignment_mode="expand")
    if span is None:
        return None
    first = next((t for t in span if not t.is_punct and not t.is_space), None)
    m = ctx.tok2ment[first.i] if first is not None else None
    if m is None or m.type is not EntityType.PERSON or not m.key or m.start != first.idx \
            or not text.startswith(", ", m.end):
        return None
    close = text.find(", ", m.end + 2, min(ce, m.end + 160))
    if close < 0 or len(text[close + 2: ce].split()) < 3:
        return None
    return (SpeakerRef(id=m.key, name=m.name or m.text, type=m.type.value),
            (m.start, m.end)), close + 2


def cut_own_attributions(ctx: ClaimCtx, claims: list[ClaimRecord]) -> list[ClaimRecord]:
    """'Mr. Putin recently declared that there are two types of countries: “Either …,” he
    said': the content of the outer cue holds the same speaker's other attribution, its cue
    and its words; what the outer cue adds starts after them (nothing left: unchanged)."""
    text = ctx.text
    out: list[ClaimRecord] = []
    for a in claims:
        cs, ce = a.content_span
        inner = [b for b in claims if b is not a and b.cue_span is not None
                 and b.speaker.id == a.speaker.id and cs <= b.cue_span[0] < ce
                 and cs <= b.content_span[0] and b.content_span[1] <= ce]
        if not inner:
            out.append(a)
            continue
        start = max(max(b.content_span[1], b.cue_span[1]) for b in inner)
        while start < ce and text[start] in " \n,:;—–-":
            start += 1
        ns, ne = _trim_span(text, start, ce)
        if len(text[ns:ne].split()) < 2:
            out.append(a)  # all of it is the inner claim's: which one holds it is undecided
            continue
        qt = quote_type(ctx, ns, ne)
        spk = a.speaker
        out.append(a.model_copy(update={
            "content": text[ns:ne], "content_span": (ns, ne), "quote_type": qt,
            "direct": qt is QuoteType.DIRECT,
            "stance": stance(a.cue, text[ns:ne], doc=ctx.doc, span=(ns, ne)),
            "statement": statement(ctx.doc, ns, ne, spk.name, None, a.cue,
                                   spk.type == EntityType.PERSON.value)}))
    return out
