"""What one article's claim extraction shares: the parse, the mentions, the quotation mask
and the claims found so far; the quote type of a span and quotations grown to whole ones.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from spacy.tokens import Doc, Span, Token

from graph.models import ClaimRecord, QuoteType, ReportedBy, SpeakerRef
from ingest.extract.coref import PersonLocator
from ingest.extract.entities import Ment, Rules
from ingest.extract.quotes import quote_span, whole_quote

_TEXT = "kg_claim_text"


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
    last_claim: ClaimRecord | None = None  # that claim (its speaker and cue spans)
    # inner cue char -> (the outlet that relays it, where the outlet's attribution starts)
    relays: dict[int, tuple[ReportedBy, int]] = field(default_factory=dict)

    @property
    def text(self) -> str:
        return doc_text(self.doc)


def doc_text(doc: Doc) -> str:
    """``doc.text``, built once per article: spaCy joins every token's text on each access,
    which made the claim rules quadratic in the article's length."""
    text = doc.user_data.get(_TEXT)
    if text is None:
        text = doc.user_data[_TEXT] = doc.text
    return text


def quote_type(ctx: ClaimCtx, s: int, e: int) -> QuoteType:
    text = ctx.text
    chars = sum(1 for c in text[s:e] if not c.isspace())
    inq = ctx.quoted[e] - ctx.quoted[s]
    if chars and inq >= 0.9 * chars:
        return QuoteType.DIRECT
    return QuoteType.MIXED if inq else QuoteType.INDIRECT


def quote_span_in(ctx: ClaimCtx, i: int) -> tuple[int, int] | None:
    return quote_span(ctx.quoted, i)


def whole_quote_in(ctx: ClaimCtx, cs: int, ce: int) -> tuple[int, int]:
    return whole_quote(ctx.text, ctx.quoted, cs, ce)


_SENTS = "kg_claim_sents"


def sentence(tok: Token) -> Span:
    """``tok.sent``, looked up once per article: spaCy walks the sentence boundaries on every
    ``Token.sent`` call, and the claim rules ask for a cue's sentence many times."""
    doc = tok.doc
    cache = doc.user_data.get(_SENTS)
    if cache is None:
        cache = [None] * len(doc)
        for s in doc.sents:
            for i in range(s.start, s.end):
                cache[i] = s
        doc.user_data[_SENTS] = cache
    return cache[tok.i]


def sentence_ents(tok: Token) -> list[Span]:
    """The named entities of the token's sentence (``Span.ents`` scans the whole doc)."""
    doc = tok.doc
    key = (_SENTS, "ents")
    by_start = doc.user_data.get(key)
    if by_start is None:
        by_start = {}
        for e in doc.ents:
            by_start.setdefault(sentence(doc[e.start]).start, []).append(e)
        doc.user_data[key] = by_start
    sent = sentence(tok)
    return [e for e in by_start.get(sent.start, ()) if e.end <= sent.end]
