"""Cut overlong sentences before the parser sees them (a per-article budget, issue 14).

A page-scrape can hold one 900,000-character "sentence" (no full stop anywhere). The parser
and every sentence-scoped rule then work on one enormous span, which took minutes and gigabytes.
This component, placed before the parser, marks a sentence start at the first clause break
(``, ; : —``) after ``max_chars`` characters without a sentence end, or at the next token once
``hard_factor`` times that is reached. The parser respects preset sentence starts. Nothing in
the text changes, so every offset stays valid, and the same text is always cut the same way.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

NAME = "kg_long_sentence_cutter"
DEFAULT_MAX_CHARS = 1500
_SENT_END = frozenset(".!?")
_CLAUSE = frozenset(",;:—–")


def cut_long_sentences(doc: Doc, max_chars: int = DEFAULT_MAX_CHARS,
                       hard_factor: float = 1.5) -> Doc:
    start_char = 0
    hard = int(max_chars * hard_factor)
    prev = None
    for tok in doc:
        if prev is not None:
            ended = prev.text[-1:] in _SENT_END or "\n" in prev.whitespace_ + tok.text
            run = tok.idx - start_char
            if ended:
                start_char = tok.idx
            elif (run > max_chars and prev.text in _CLAUSE) or run > hard:
                tok.is_sent_start = True
                start_char = tok.idx
        prev = tok
    return doc


@Language.factory(NAME, default_config={"max_chars": DEFAULT_MAX_CHARS})
def make_cutter(nlp: Language, name: str, max_chars: int):  # noqa: ANN201, ARG001 - spaCy API
    return lambda doc: cut_long_sentences(doc, max_chars)


def add_to(nlp: Language) -> None:
    """Insert the cutter before the parser (once)."""
    if NAME not in nlp.pipe_names and "parser" in nlp.pipe_names:
        nlp.add_pipe(NAME, before="parser")
