"""``kg export`` (the graph to a file, streamed page by page with a progress bar) and
``kg webhooks`` (push new claims to the URLs in KG_WEBHOOK_URLS, signed with
KG_WEBHOOK_SECRET)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

FORMATS = ("turtle", "jsonld", "nt", "graphml", "gexf", "csv", "ftm")


def cmd_export(args: argparse.Namespace) -> int:
    from tqdm import tqdm

    from graph.driver import Graph, connect
    from graph.export import Scope, render
    from graph.export.stream import Node
    from graph.models import NodeLabel
    from graph.settings import get_settings

    settings = get_settings()
    graph = Graph(connect(settings), settings.neo4j_database)
    try:
        base_url = args.base_url or settings.public_base_url.rstrip("/")
        scope = Scope(args.entity, args.depth, args.date_from, args.date_to)
        part = args.part or ("zip" if args.format == "csv" and args.out != "-" else "nodes")
        out = render(graph, args.format, scope=scope, base_url=base_url, part=part,
                     page_size=args.page_size)
        # Progress counts nodes as pages go by (a two-pass format counts them twice).
        total = out.export.total_nodes()
        passes = 2 if args.format in ("graphml", "gexf") or out.filename.endswith(".zip") else 1
        bar = tqdm(total=total * passes if total is not None else None, unit="node",
                   disable=args.quiet, file=sys.stderr, desc=f"export {args.format}")
        # Reviews ride along with their claim: not counted in the total, not counted here.
        out.export.on_page = lambda page: bar.update(sum(
            1 for r in page if isinstance(r, Node) and r.kind is not NodeLabel.CLAIM_REVIEW))
        if args.out == "-":
            sink = sys.stdout.buffer
            _write(out.chunks, sink)
        else:
            path = Path(args.out)
            path.parent.mkdir(parents=True, exist_ok=True)
            with path.open("wb") as sink:
                _write(out.chunks, sink)
        bar.close()
    finally:
        graph.close()
    return 0


def _write(chunks, sink) -> None:  # noqa: ANN001 - an iterator and a binary file
    for chunk in chunks:
        sink.write(chunk.encode("utf-8") if isinstance(chunk, str) else chunk)


def cmd_webhooks(args: argparse.Namespace) -> int:
    import logging

    from api.delivery.webhooks import WebhookDispatcher
    from graph.driver import Graph, connect
    from graph.settings import get_settings

    settings = get_settings()
    urls = [u.strip() for u in (args.url or settings.webhook_urls.split(",")) if u.strip()]
    if not urls:
        print("kg webhooks: no URLs (set KG_WEBHOOK_URLS or pass --url)", file=sys.stderr)
        return 2
    logging.getLogger("kg.webhooks").setLevel(logging.INFO)
    graph = Graph(connect(settings), settings.neo4j_database)
    try:
        dispatcher = WebhookDispatcher(
            graph, urls, settings.webhook_secret.get_secret_value(),
            Path(args.state or settings.profile_dir / "webhooks.json"),
            batch=args.batch, start=args.start,
        )
        if args.once:
            print(dispatcher.run_once())
        else:
            dispatcher.run_forever(args.interval)
    finally:
        graph.close()
    return 0


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("export", help="export the graph (RDF, GraphML, GEXF, CSV, FtM)")
    p.add_argument("--format", "-f", choices=FORMATS, required=True)
    p.add_argument("--out", "-o", required=True, help="file path, or - for stdout")
    p.add_argument("--entity", help="export this node's neighbourhood only")
    p.add_argument("--depth", type=int, default=1)
    p.add_argument("--date-from", help="claims from this ISO date (and what they touch)")
    p.add_argument("--date-to", help="claims up to this ISO date")
    p.add_argument("--part", choices=["nodes", "edges", "zip"], help="CSV: which file")
    p.add_argument("--base-url", help="IRI base for RDF (default: KG_PUBLIC_BASE_URL)")
    p.add_argument("--page-size", type=int, default=500)
    p.add_argument("--quiet", "-q", action="store_true", help="no progress bar")
    p.set_defaults(func=cmd_export)

    p = sub.add_parser("webhooks", help="push new claims to webhook URLs (signed, retried)")
    p.add_argument("--url", action="append", help="override KG_WEBHOOK_URLS (repeatable)")
    p.add_argument("--once", action="store_true", help="one delivery round, then exit")
    p.add_argument("--interval", type=float, default=5.0, help="seconds between polls")
    p.add_argument("--batch", type=int, default=100)
    p.add_argument("--start", choices=["now"], help="new URLs start from now, not the beginning")
    p.add_argument("--state", help="cursor state file (default: <profile dir>/webhooks.json)")
    p.set_defaults(func=cmd_webhooks)
