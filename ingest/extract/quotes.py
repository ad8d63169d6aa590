"""Quotation marks in an article: where quotations are, and spans grown to whole quotations.

``quote_mask`` gives prefix sums of 'inside a quotation' per character, so that 'how much of
this span is quoted' is two lookups. Newspaper conventions are kept: a quotation that runs on
into the next paragraph leaves its closing mark off (and the next paragraph opens with one); a
truncated text may end inside a quotation.
"""

from __future__ import annotations

OPEN_Q = {"“": "”", '"': '"', "«": "»"}
TRIM = " \t\n,.;:—–-"


def quote_mask(text: str) -> list[int]:
    """Prefix sums of 'inside a quotation' per character (quote marks included)."""
    inside = [0] * (len(text) + 1)
    close: str | None = None
    start = 0
    spans: list[tuple[int, int]] = []
    for i, ch in enumerate(text):
        if close is None and ch in OPEN_Q:
            close, start = OPEN_Q[ch], i
        elif close is not None and ch == close:
            spans.append((start, i + 1))
            close = None
        elif close is not None and ch == "\n":  # an unclosed quote never spans paragraphs
            if close == "”" and text[i:i + 8].lstrip().startswith("“"):
                # a quotation that runs on into the next paragraph leaves its closing mark
                # off and the next paragraph opens with one (newspaper style): quoted to the
                # paragraph's end
                spans.append((start, i))
            close = None
    if close == "”":  # the text ends inside a quotation (a truncated article)
        spans.append((start, len(text)))
    flags = [0] * len(text)
    for s, e in spans:
        for i in range(s, e):
            flags[i] = 1
    acc = 0
    for i, f in enumerate(flags):
        acc += f
        inside[i + 1] = acc
    return inside


def trim_span(text: str, s: int, e: int) -> tuple[int, int]:
    while s < e and text[s] in TRIM:
        s += 1
    while e > s and text[e - 1] in TRIM:
        e -= 1
    return s, e


def close_quote(text: str, s: int, e: int) -> int:
    """Take in a closing quote the parse left out ('the “coming weeks.”')."""
    if text.count("“", s, e) > text.count("”", s, e):
        j = text.find("”", e, e + 3)
        if j >= 0:
            return j + 1
    elif text.count('"', s, e) % 2 == 1:
        j = text.find('"', e, e + 3)
        if j >= 0:
            return j + 1
    return e


def quote_span(q: list[int], i: int) -> tuple[int, int] | None:
    """The quotation (marks included) holding character ``i``, if any."""
    if not 0 <= i < len(q) - 1 or q[i + 1] == q[i]:
        return None
    s, e = i, i + 1
    while s > 0 and q[s] != q[s - 1]:
        s -= 1
    while e < len(q) - 1 and q[e + 1] != q[e]:
        e += 1
    return s, e


def whole_quote(text: str, q: list[int], cs: int, ce: int) -> tuple[int, int]:
    """A content that starts or ends inside a quotation takes the whole quotation when it
    runs on within the paragraph: '“Now is not the time … . We have to cut …,” she said'
    is one claim, not its last sentence."""
    first, last = quote_span(q, cs), quote_span(q, ce - 1)
    if first is not None and first[0] < cs and "\n" not in text[first[0]:cs]:
        cs = first[0]
    if last is not None and last[1] > ce and "\n" not in text[ce:last[1]]:
        ce = last[1]
    return cs, ce
