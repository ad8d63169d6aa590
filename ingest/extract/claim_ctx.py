"""What one article's claim extraction shares: the parse, the mentions, the quotation mask
and the claims found so far; the quote type of a span and quotations grown to whole ones.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from spacy.tokens import Doc

from graph.models import ClaimRecord, QuoteType, ReportedBy, SpeakerRef
from ingest.extract.coref import PersonLocator
from ingest.extract.entities import Ment, Rules
from ingest.extract.quotes import quote_span, whole_quote


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


def quote_type(ctx: ClaimCtx, s: int, e: int) -> QuoteType:
    text = ctx.doc.text
    chars = sum(1 for c in text[s:e] if not c.isspace())
    inq = ctx.quoted[e] - ctx.quoted[s]
    if chars and inq >= 0.9 * chars:
        return QuoteType.DIRECT
    return QuoteType.MIXED if inq else QuoteType.INDIRECT


def quote_span_in(ctx: ClaimCtx, i: int) -> tuple[int, int] | None:
    return quote_span(ctx.quoted, i)


def whole_quote_in(ctx: ClaimCtx, cs: int, ce: int) -> tuple[int, int]:
    return whole_quote(ctx.doc.text, ctx.quoted, cs, ce)
