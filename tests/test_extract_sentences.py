"""Sentence offsets of mentions and claims: cut at paragraph breaks, no surrounding space."""

from __future__ import annotations

import pytest
from spacy.tokens import Doc
from spacy.vocab import Vocab

from ingest.extract import SpacyExtractor
from ingest.extract.pipeline import _sentence_spans
from tests.extract_helpers import extract_checked


@pytest.fixture(scope="module")
def ex() -> SpacyExtractor:
    return SpacyExtractor()


def test_a_sentence_the_parser_ran_over_a_blank_line_is_cut_there() -> None:
    # One "sentence" as a parser may leave it: a closing quote, a blank line, the next
    # paragraph's sentence.
    words = ["“", "We", "hold", ".", "”", "\n\n", "Troops", "moved", ",", "aides", "said", "."]
    spaces = [False, True, False, False, False, False, True, False, True, True, False, False]
    doc = Doc(Vocab(), words=words, spaces=spaces,
              sent_starts=[True] + [False] * (len(words) - 1))
    spans = _sentence_spans(doc)
    first = doc.text[spans[1][0]:spans[1][1]]
    second = doc.text[spans[7][0]:spans[7][1]]
    assert first == "“We hold.”"
    assert second == "Troops moved, aides said."
    assert spans[0] == spans[4] and spans[6] == spans[11]


def test_claim_sentences_hold_no_paragraph_break_nor_edge_space(ex: SpacyExtractor) -> None:
    text = ("Kremlin spokesman Dmitry Peskov said the talks had stalled.\n\n"
            "“The convoy is stuck,” a local official said.\n\n"
            "The city council said the water supply had been restored on Tuesday.\n\n")
    res = extract_checked(ex, text)
    assert res.claims
    for c in res.claims:
        s0, s1 = c.sentence_span
        sent = text[s0:s1]
        assert "\n" not in sent and sent == sent.strip(), sent
        assert s0 <= c.content_span[0] and c.content_span[1] <= s1
    for e in res.entities:
        for m in e.mentions:
            sent = text[m.sentence_start:m.sentence_end]
            assert "\n" not in sent and m.text in sent
