"""Entity, claim and role extraction with spaCy plus rules and versioned gazetteers.

Public entry points: ``SpacyExtractor`` (the Extractor stage), ``load_nlp`` and
``extract_jsonl`` (the database-free ``kg extract`` contract).
"""

from ingest.extract.jsonl import extract_jsonl
from ingest.extract.pipeline import EXTRACTOR_VERSION, SpacyExtractor, content_end, load_nlp

__all__ = ["EXTRACTOR_VERSION", "SpacyExtractor", "content_end", "extract_jsonl", "load_nlp"]
