"""Shared by the extraction tests: one article through the real extractor, offsets checked."""

from __future__ import annotations

from graph.models import ExtractionResult
from ingest.extract import SpacyExtractor


def extract_checked(ex: SpacyExtractor, text: str) -> ExtractionResult:
    """Extract ``text`` as one article and check that every mention's offsets point at it."""
    res = next(iter(ex.iter_extract([("t-1", text, "2024-03-05", None)])))
    for e in res.entities:
        for m in e.mentions:
            assert text[m.start:m.end] == m.text
    return res
