"""The pipeline's stages as Protocols: typed callables that the pipeline module wires together.

Extractor -> Resolver -> Writer. Each works on a batch, because spaCy's ``nlp.pipe`` and
Neo4j's ``UNWIND`` are both fastest on batches.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol, runtime_checkable

from graph.models import ExtractionResult, StoredArticle, WriteSummary


@runtime_checkable
class Extractor(Protocol):
    """Turns stored articles into extraction records; offsets point into ``article.text``."""

    version: str

    def __call__(self, articles: Sequence[StoredArticle]) -> list[ExtractionResult]: ...


@runtime_checkable
class Resolver(Protocol):
    """Maps per-article entities onto canonical cross-article ones, recording each decision."""

    def __call__(self, results: Sequence[ExtractionResult]) -> list[ExtractionResult]: ...


@runtime_checkable
class Writer(Protocol):
    """Writes articles and their records to the graph in batched, idempotent transactions."""

    def __call__(
        self, articles: Sequence[StoredArticle], results: Sequence[ExtractionResult]
    ) -> WriteSummary: ...
