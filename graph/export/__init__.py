"""Exports of the graph: RDF (Turtle, N-Triples, JSON-LD), GraphML, GEXF, CSV, FollowTheMoney.

``render(graph, fmt, ...)`` returns the media type, a file name and an iterator of text/bytes
chunks that pages through Neo4j as it is consumed: callers stream it (HTTP, a file) and memory
stays bounded by one page whatever the size of the graph.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from graph.driver import Graph
from graph.errors import InvalidInput
from graph.export.stream import DEFAULT_PAGE_SIZE, GraphExport, Scope

FORMATS = ("turtle", "jsonld", "nt", "graphml", "gexf", "csv", "ftm")
ALIASES = {"json-ld": "jsonld", "ttl": "turtle", "ntriples": "nt", "n-triples": "nt"}
CSV_PARTS = ("nodes", "edges", "zip")

MEDIA = {
    "turtle": ("text/turtle; charset=utf-8", "ttl"),
    "nt": ("application/n-triples; charset=utf-8", "nt"),
    "jsonld": ("application/ld+json; charset=utf-8", "jsonld"),
    "graphml": ("application/graphml+xml; charset=utf-8", "graphml"),
    "gexf": ("application/gexf+xml; charset=utf-8", "gexf"),
    "ftm": ("application/x-ndjson; charset=utf-8", "ftm.json"),
    "csv": ("text/csv; charset=utf-8", "csv"),
}


@dataclass
class Rendered:
    media_type: str
    filename: str
    chunks: Iterator[str | bytes]
    export: GraphExport


def normalize_format(fmt: str) -> str:
    fmt = ALIASES.get(fmt.lower(), fmt.lower())
    if fmt not in FORMATS:
        raise InvalidInput(f"unknown export format {fmt!r}", detail={"formats": list(FORMATS)})
    return fmt


def render(
    graph: Graph,
    fmt: str,
    *,
    scope: Scope | None = None,
    base_url: str = "http://localhost:8000",
    part: str = "zip",
    page_size: int = DEFAULT_PAGE_SIZE,
) -> Rendered:
    """Validate everything up front (so errors are answered before streaming starts)."""
    fmt = normalize_format(fmt)
    if fmt == "csv" and part not in CSV_PARTS:
        raise InvalidInput(f"part must be one of {', '.join(CSV_PARTS)}", detail=part)
    exp = GraphExport(graph, scope, page_size=page_size, with_text=fmt == "ftm",
                      with_reviews=fmt in ("turtle", "nt", "jsonld"))
    media, ext = MEDIA[fmt]
    chunks: Iterator[str | bytes]
    # Serializer modules are imported on demand: followthemoney alone takes seconds to load.
    if fmt in ("turtle", "nt"):
        from graph.export.rdf_writers import serialize_rdf

        chunks = serialize_rdf(exp, base_url, fmt)
    elif fmt == "jsonld":
        from graph.export.rdf_writers import serialize_jsonld

        chunks = serialize_jsonld(exp, base_url)
    elif fmt == "graphml":
        from graph.export.graphml import serialize_graphml

        chunks = serialize_graphml(exp)
    elif fmt == "gexf":
        from graph.export.gexf import serialize_gexf

        chunks = serialize_gexf(exp)
    elif fmt == "ftm":
        from graph.export.ftm import serialize_ftm

        chunks = serialize_ftm(exp)
    else:
        from graph.export.csv import serialize_csv, serialize_csv_zip

        if part == "zip":
            media, ext = "application/zip", "csv.zip"
            chunks = serialize_csv_zip(exp)
        else:
            ext = f"{part}.csv"
            chunks = serialize_csv(exp, part)
    return Rendered(media, f"conflict-kg.{ext}", chunks, exp)


__all__ = ["FORMATS", "GraphExport", "Rendered", "Scope", "normalize_format", "render"]
