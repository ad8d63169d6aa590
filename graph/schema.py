"""Constraints and indexes, applied idempotently by a versioned migration step.

Each migration is a list of statements with ``IF NOT EXISTS``; the database records the version
it is at as ``(:SchemaMigration {version})`` nodes, so startup applies only what is new and a
second run changes nothing. Labels here come from the ``NodeLabel`` enum.
"""

from __future__ import annotations

import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass

from graph.driver import Graph
from graph.errors import GraphError, GraphUnavailable, InvalidInput
from graph.models import AggRel
from graph.models import NodeLabel as L


@dataclass(frozen=True)
class Migration:
    version: int
    description: str
    statements: tuple[str, ...]
    # A data step run after the statements (e.g. building aggregates for an existing graph).
    backfill: Callable[[Graph], object] | None = None


def _build_aggregates(graph: Graph) -> object:
    from graph.aggregates import rebuild

    # The top-K lists are built by migration 6, once their key's constraint exists.
    return rebuild(graph, lists=False)


def _build_toplists(graph: Graph) -> object:
    from graph.toplists import build

    return {"entities": build(graph)}


def _claim_sort_keys(graph: Graph) -> object:
    """Claims written before migration 5 get the key the writer now stores."""
    total = 0
    while True:
        rows = graph.write(
            "MATCH (c:Claim) WHERE c.sort_key IS NULL WITH c LIMIT 5000 "
            "SET c.sort_key = coalesce(c.date, c.published, '') RETURN count(c) AS n")
        n = int(rows[0]["n"]) if rows else 0
        total += n
        if n == 0:
            return {"claims": total}


def _anonymous_names_lower(graph: Graph) -> object:
    """Anonymous sources written before migration 8 get the lowercased name the writer now
    stores (the name lookup's CONTAINS then uses the text index instead of a label scan)."""
    total = 0
    while True:
        rows = graph.write(
            "MATCH (s:AnonymousSource) WHERE s.name_lower IS NULL AND s.name IS NOT NULL "
            "WITH s LIMIT 5000 SET s.name_lower = toLower(s.name) RETURN count(s) AS n")
        n = int(rows[0]["n"]) if rows else 0
        total += n
        if n == 0:
            return {"anonymous_sources": total}


def _newest_claims(graph: Graph) -> object:
    from graph.newest_claims import build

    return {"entities": build(graph)}


def _evidence_pointers(graph: Graph) -> object:
    from graph.agg_pointers import backfill

    return backfill(graph)


def _unique(label: L, prop: str = "id") -> str:
    name = f"{label.value.lower()}_{prop}_unique"
    return (
        f"CREATE CONSTRAINT {name} IF NOT EXISTS "
        f"FOR (n:{label.value}) REQUIRE n.{prop} IS UNIQUE"
    )


def _index(label: L, prop: str) -> str:
    name = f"{label.value.lower()}_{prop}_idx"
    return f"CREATE INDEX {name} IF NOT EXISTS FOR (n:{label.value}) ON (n.{prop})"


MIGRATIONS: tuple[Migration, ...] = (
    Migration(
        1,
        "keys, lookup indexes and full-text indexes",
        (
            *(_unique(lbl) for lbl in (
                L.ARTICLE, L.SOURCE, L.ENTITY, L.PERSON, L.ORGANIZATION, L.PLACE, L.GROUP,
                L.CLAIM, L.ANONYMOUS_SOURCE, L.RESOLUTION,
            )),
            _unique(L.MIGRATION, "version"),
            _index(L.ARTICLE, "content_hash"),
            _index(L.ARTICLE, "published"),
            _index(L.ARTICLE, "status"),
            _index(L.ENTITY, "name"),
            _index(L.ENTITY, "type"),
            _index(L.CLAIM, "date"),
            _index(L.CLAIM, "published"),
            _index(L.CLAIM, "cue"),
            _index(L.CLAIM, "article_id"),
            _index(L.CLAIM, "ingested_at"),
            "CREATE FULLTEXT INDEX entity_names IF NOT EXISTS "
            "FOR (n:Entity) ON EACH [n.name, n.alias_text]",
            "CREATE FULLTEXT INDEX claim_text IF NOT EXISTS "
            "FOR (n:Claim) ON EACH [n.content, n.sentence]",
        ),
    ),
    Migration(
        2,
        "write-time aggregates: CO_MENTIONED, CLAIMED_ABOUT, HOLDS_ROLE edges, EntityStats",
        (_unique(L.ENTITY_STATS, "entity_id"),),
        backfill=_build_aggregates,
    ),
    Migration(3, "analyst judgements (merge/split) keyed by id",
              (_unique(L.JUDGEMENT), _index(L.JUDGEMENT, "created_at"))),
    Migration(
        4,
        "fact-checkers' claim reviews",
        (_unique(L.CLAIM_REVIEW), _index(L.CLAIM_REVIEW, "claim_id")),
    ),
    Migration(
        5,
        "the plain claim list's sort key stored on each claim, with its index",
        (_index(L.CLAIM, "sort_key"),),
        backfill=_claim_sort_keys,
    ),
    Migration(
        6,
        "each entity's top-K neighbour lists per edge kind (TopNeighbours)",
        (_unique(L.TOP_NEIGHBOURS, "entity_id"),),
        backfill=_build_toplists,
    ),
    Migration(
        7,
        "evidence pointers on aggregate edges and the one-kind-per-pair flag for paths",
        tuple(f"CREATE INDEX {t.value.lower()}_pair_idx IF NOT EXISTS "
              f"FOR ()-[r:{t.value}]-() ON (r.pair)"
              for t in (AggRel.CO_MENTIONED, AggRel.CLAIMED_ABOUT)),
        backfill=_evidence_pointers,
    ),
    Migration(
        8,
        "anonymous sources' lowercased name with a text index (name lookups by substring)",
        (f"CREATE TEXT INDEX anonymoussource_name_lower_text IF NOT EXISTS "
         f"FOR (s:{L.ANONYMOUS_SOURCE.value}) ON (s.name_lower)",),
        backfill=_anonymous_names_lower,
    ),
    Migration(
        9,
        "each entity's newest claims by and about it, kept by the writer (NewestClaims)",
        (_unique(L.NEWEST_CLAIMS, "entity_id"),),
        backfill=_newest_claims,
    ),
)

LATEST = MIGRATIONS[-1].version


def current_version(graph: Graph) -> int:
    # A migration whose backfill another process is still running is not applied yet.
    rows = graph.read(
        "MATCH (m:SchemaMigration) WHERE m.applied_at IS NOT NULL "
        "RETURN coalesce(max(m.version), 0) AS v"
    )
    return int(rows[0]["v"]) if rows else 0


def _schema(graph: Graph, stmt: str) -> None:
    """Run one ``IF NOT EXISTS`` schema statement. Several processes (two workers starting on a
    new database) may race: Neo4j then refuses the loser as an equivalent rule or a deadlock,
    although the index it wanted now exists. Retried once the winner has committed."""
    for attempt in range(5):
        try:
            graph.write(stmt)
            return
        except (InvalidInput, GraphUnavailable) as exc:
            text = str(exc).lower()
            if "already exists" not in text and "deadlock" not in text or attempt == 4:
                raise
            time.sleep(0.2 * (attempt + 1))


def _claim(graph: Graph, mig: Migration) -> bool:
    """Whether this process runs ``mig``'s backfill: the unique SchemaMigration version key
    lets exactly one concurrent MERGE create the node (migration 1 made the constraint)."""
    token = uuid.uuid4().hex
    rows = graph.write(
        "MERGE (m:SchemaMigration {version: $v}) ON CREATE SET m.claimed_by = $t "
        "RETURN m.claimed_by = $t AS mine", v=mig.version, t=token)
    return bool(rows and rows[0]["mine"])


def _wait_applied(graph: Graph, version: int, timeout_s: float = 1800.0) -> None:
    deadline = time.monotonic() + timeout_s
    while current_version(graph) < version:
        if time.monotonic() > deadline:
            raise GraphError(f"migration {version} was claimed by another process that has "
                             "not finished it; delete its SchemaMigration node to retry")
        time.sleep(1.0)


def migrate(graph: Graph) -> list[int]:
    """Apply every migration newer than the database's version; return those applied.
    Safe when several processes start at once: schema statements are idempotent and retried,
    and a backfill (which is not idempotent) runs in exactly one of them."""
    applied: list[int] = []
    have = current_version(graph)
    for mig in MIGRATIONS:
        if mig.version <= have:
            continue
        for stmt in mig.statements:  # schema statements cannot share a transaction with data
            _schema(graph, stmt)
        if mig.backfill is not None:
            if not _claim(graph, mig):
                _wait_applied(graph, mig.version)
                continue
            # Only the process that runs the backfill waits for the indexes: a waiter's
            # awaitIndexes could block the backfill's first use of a new label or relationship
            # type (its token creation) until the waiter's transaction timed out.
            graph.write("CALL db.awaitIndexes(300)")
            mig.backfill(graph)
        graph.write(
            "MERGE (m:SchemaMigration {version: $v}) "
            "SET m.description = $d, m.applied_at = coalesce(m.applied_at, datetime())",
            v=mig.version,
            d=mig.description,
        )
        applied.append(mig.version)
    graph.write("CALL db.awaitIndexes(300)")
    return applied
