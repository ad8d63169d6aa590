"""The ``kg`` command. Core commands live here; other packages add theirs through
``register(subparsers)`` in the modules listed in ``COMMAND_MODULES``. Heavy imports stay
inside the handlers so ``kg --help`` is instant."""

from __future__ import annotations

import argparse
import json
import logging
import sys
from importlib import import_module
from pathlib import Path
from typing import Any

from graph.errors import KGError

COMMAND_MODULES = ("ingest.commands", "api.export_commands")


def _server():  # noqa: ANN202
    from graph.server import LocalServer
    from graph.settings import get_settings

    return LocalServer(get_settings())


# `kg neo4j status` exit codes, as `pg_ctl status` and `neo4j status` have them, so that scripts
# can write `kg neo4j status >/dev/null || kg neo4j start`.
STATUS_RUNNING, STATUS_NOT_RUNNING = 0, 3


def _external_status(settings) -> dict[str, object]:  # noqa: ANN001
    from graph.driver import connect

    try:
        connect(settings).close()
        running, error = True, None
    except KGError as exc:
        running, error = False, str(exc)
    return {"profile": settings.profile, "uri": settings.neo4j_uri, "external": True,
            "running": running, "error": error}


def cmd_neo4j(args: argparse.Namespace) -> int:
    from graph.settings import get_settings

    settings = get_settings()
    if settings.neo4j_uri and args.action == "status":
        status = _external_status(settings)
        print(json.dumps(status, indent=2))
        return STATUS_RUNNING if status["running"] else STATUS_NOT_RUNNING
    if settings.neo4j_uri and args.action in ("start", "stop"):
        from graph.driver import connect

        connect(settings).close()  # an external server: only check that it answers
        print(f"using the external server at {settings.neo4j_uri} (KG_NEO4J_URI)")
        return 0
    server = _server()
    if args.action == "start":
        print(server.start())
    elif args.action == "stop":
        print("stopped" if server.stop() else "not running")
    else:
        status = server.status()
        print(json.dumps(status, indent=2))
        return STATUS_RUNNING if status["running"] else STATUS_NOT_RUNNING
    return 0


MAX_REQUEST_HEAD_BYTES = 1 << 20


def cmd_serve(args: argparse.Namespace) -> int:
    import uvicorn

    from api.app import create_app
    from graph.settings import get_settings

    settings = get_settings()
    # h11 with a 1 MiB bound on the request line and headers: an overlong URL (a 100k-character
    # ``q``) reaches the app and gets the JSON 422, instead of the parser's plain-text 400.
    options: dict[str, Any] = dict(
        host=args.host or settings.api_host, port=args.port or settings.api_port,
        log_level="info", http="h11", h11_max_incomplete_event_size=MAX_REQUEST_HEAD_BYTES)
    workers = args.workers or settings.api_workers
    if workers < 1:
        raise SystemExit("kg serve: --workers must be at least 1")
    if workers > 1:
        # Each worker process builds its own app from the environment: its own driver (the
        # lifespan), the migrations checked again (idempotent, safe to race: graph/schema.py).
        uvicorn.run("api.app:create_app", factory=True, workers=workers, **options)
    else:
        uvicorn.run(create_app(settings), **options)
    return 0


def cmd_extract(args: argparse.Namespace) -> int:
    from ingest.extract.jsonl import extract_jsonl

    if args.file in (None, "-"):
        extract_jsonl(sys.stdin, sys.stdout, batch_size=args.batch_size)
    else:
        with open(args.file, encoding="utf-8") as fh:
            extract_jsonl(fh, sys.stdout, batch_size=args.batch_size)
    return 0


def cmd_migrate(_: argparse.Namespace) -> int:
    from graph.driver import Graph, connect
    from graph.schema import current_version, migrate
    from graph.settings import get_settings

    settings = get_settings()
    graph = Graph(connect(settings), settings.neo4j_database)
    try:
        applied = migrate(graph)
        print(json.dumps({"applied": applied, "version": current_version(graph)}))
    finally:
        graph.close()
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="kg", description="Conflict-news knowledge graph")
    parser.add_argument("-v", "--verbose", action="store_true")
    sub = parser.add_subparsers(dest="command", required=True)

    p = sub.add_parser("neo4j", help="start, stop or inspect this profile's Neo4j server")
    p.add_argument("action", choices=["start", "stop", "status"])
    p.set_defaults(func=cmd_neo4j)

    p = sub.add_parser("serve", help="run the HTTP API and web page")
    p.add_argument("--host")
    p.add_argument("--port", type=int)
    p.add_argument("--workers", type=int, help="worker processes (default KG_API_WORKERS, 1)")
    p.set_defaults(func=cmd_serve)

    p = sub.add_parser("extract", help="JSONL articles in, one JSON extraction per line out")
    p.add_argument("file", nargs="?", default="-")
    p.add_argument("--batch-size", type=int)
    p.set_defaults(func=cmd_extract)

    p = sub.add_parser("migrate", help="apply constraints and indexes (idempotent)")
    p.set_defaults(func=cmd_migrate)

    for name in COMMAND_MODULES:
        import_module(name).register(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    logging.basicConfig(level=logging.INFO if args.verbose else logging.WARNING,
                        format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    try:
        return int(args.func(args) or 0)
    except KGError as exc:
        print(f"kg: error: {exc.message}", file=sys.stderr)
        return 2
    except BrokenPipeError:
        return 0


def repo_root() -> Path:
    return Path(__file__).resolve().parent.parent


if __name__ == "__main__":
    sys.exit(main())
