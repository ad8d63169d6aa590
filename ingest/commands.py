"""``kg ingest``: the CLI side of ingestion."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path


def build_pipeline(graph, settings):  # noqa: ANN001, ANN201 - wiring only
    from graph.writer import Neo4jWriter
    from ingest.extract import SpacyExtractor
    from ingest.pipeline import Pipeline
    from ingest.resolve import CanonicalResolver

    return Pipeline(SpacyExtractor(settings.spacy_model), CanonicalResolver(), Neo4jWriter(graph),
                    batch_size=settings.spacy_batch_size)


def cmd_ingest(args: argparse.Namespace) -> int:
    from graph.driver import Graph, connect
    from graph.models import ArticleIn
    from graph.schema import migrate
    from graph.settings import get_settings
    from ingest.articles import prepare

    settings = get_settings()
    graph = Graph(connect(settings), settings.neo4j_database)
    try:
        migrate(graph)
        pipeline = build_pipeline(graph, settings)
        articles = []
        for path in args.paths:
            text = Path(path).read_text(encoding="utf-8")
            articles.append(prepare(ArticleIn(text=text, source=args.source)))
        summary = pipeline.run(articles)
        json.dump(summary.__dict__, sys.stdout)
        print()
    finally:
        graph.close()
    return 0


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("ingest", help="ingest article files into the graph")
    p.add_argument("paths", nargs="+")
    p.add_argument("--source", help="outlet name for these articles")
    p.set_defaults(func=cmd_ingest)
