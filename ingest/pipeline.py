"""Wires Extractor -> Resolver -> Writer over batches. It only wires: no logic of its own."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from itertools import islice
from typing import Any

from graph.models import ArticleStatus, StoredArticle, WriteSummary
from ingest.stages import Extractor, Resolver, Writer


def batched(items: Iterable[StoredArticle], n: int) -> Iterator[list[StoredArticle]]:
    it = iter(items)
    while batch := list(islice(it, n)):
        yield batch


class Pipeline:
    def __init__(
        self, extractor: Extractor, resolver: Resolver, writer: Writer, *, batch_size: int = 32
    ) -> None:
        self.extract, self.resolve, self.write = extractor, resolver, writer
        self.batch_size = batch_size

    def process(self, batch: Sequence[StoredArticle]) -> WriteSummary:
        """Extract the usable articles; write all of them (unusable ones keep their status)."""
        usable = [a for a in batch if a.status is ArticleStatus.OK]
        results = self.resolve(self.extract(usable)) if usable else []
        return self.write(batch, results)

    def run(self, articles: Iterable[StoredArticle]) -> WriteSummary:
        total = WriteSummary()
        for batch in batched(articles, self.batch_size):
            total.add(self.process(batch))
        return total


def build_pipeline(graph: Any, settings: Any) -> Pipeline:
    """The production stages (imports inside: loading spaCy is for workers only)."""
    from graph.writer import Neo4jWriter
    from ingest.extract import SpacyExtractor
    from ingest.resolve import CanonicalResolver

    return Pipeline(SpacyExtractor(settings.spacy_model), CanonicalResolver(), Neo4jWriter(graph),
                    batch_size=settings.spacy_batch_size)
