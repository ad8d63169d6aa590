"""Streaming reads for exports: the graph in pages, never whole.

Every export walks the same sections in the same order (outlets, articles, entities, anonymous
sources, claims), each keyset-paginated on its unique ``id`` index, so memory is bounded by one
page whatever the size of the graph. A page is a list of ``Node`` and ``Edge`` records; each
node's outgoing edges travel in the page of the node. Serializers in this package turn pages
into text chunks.

A ``Scope`` narrows the export: a date range (claims whose statement date, else publication date,
falls in it, and what they touch) and/or an entity's neighbourhood (ids within ``depth`` hops,
computed up front and capped).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

import queries
from graph.driver import Graph
from graph.errors import InvalidInput, NotFound
from graph.models import NodeLabel, RelType

DEFAULT_PAGE_SIZE = 500
MAX_NEIGHBOURHOOD = 50_000  # ids held in memory for a neighbourhood export
MAX_DEPTH = 4
ARTICLE_PAGE_SIZE = 100  # articles per page (each with its mention edges)
TEXT_PAGE_SIZE = 50  # ... when their full text travels too (FtM bodyText)


@dataclass(frozen=True)
class Scope:
    entity: str | None = None  # start node of a neighbourhood (entity, claim, article id)
    depth: int = 1
    date_from: str | None = None  # ISO date, inclusive
    date_to: str | None = None

    @property
    def dated(self) -> bool:
        return bool(self.date_from or self.date_to)


@dataclass
class Node:
    kind: NodeLabel  # Source, Article, Person, Organization, Place, Group, AnonymousSource, Claim
    id: str
    props: dict[str, Any]


@dataclass
class Edge:
    type: RelType
    source: str
    target: str
    props: dict[str, Any] = field(default_factory=dict)


Record = Node | Edge
Page = list[Record]
PageSource = Callable[[], Iterator[Page]]  # serializers that need two passes call it twice

_ENTITY_KINDS = {NodeLabel.PERSON, NodeLabel.ORGANIZATION, NodeLabel.PLACE, NodeLabel.GROUP,
                 NodeLabel.FACILITY, NodeLabel.EQUIPMENT}


def _plain(value: Any) -> Any:
    """Neo4j temporal values become ISO strings; everything else is already JSON-able."""
    if hasattr(value, "iso_format"):
        return value.iso_format()
    return value


def _props(raw: dict[str, Any]) -> dict[str, Any]:
    return {k: _plain(v) for k, v in raw.items() if v is not None}


def _entity_kind(labels: list[str]) -> NodeLabel:
    for label in labels:
        if label in NodeLabel._value2member_map_ and NodeLabel(label) in _ENTITY_KINDS:
            return NodeLabel(label)
    return NodeLabel.ORGANIZATION  # an Entity without a type label: the writer never does this


def _check_date(value: str | None, name: str) -> str | None:
    if value is None or value == "":
        return None
    import datetime as dt

    try:
        return dt.date.fromisoformat(value[:10]).isoformat()
    except ValueError as exc:
        raise InvalidInput(f"{name} must be an ISO date (YYYY-MM-DD)", detail=value) from exc


def node_kind(graph: Graph, node_id: str) -> str | None:
    """'entity', 'claim', 'article', 'anonymous' or 'source' (the IRI segment), or None."""
    return graph.read(queries.load("export_scope_start"), id=node_id)[0]["kind"]


def neighbourhood_ids(graph: Graph, start: str, depth: int) -> set[str]:
    """Ids within ``depth`` hops of ``start`` (breadth-first, one query per hop), plus outlets."""
    if not 0 <= depth <= MAX_DEPTH:
        raise InvalidInput(f"depth must be between 0 and {MAX_DEPTH}", detail=depth)
    if not graph.read(queries.load("export_scope_start"), id=start)[0]["id"]:
        raise NotFound(f"no entity, claim or article with id {start!r}", detail=start)
    seen, frontier = {start}, [start]
    for _ in range(depth):
        if not frontier:
            break
        rows = graph.read(
            queries.load("export_neighbours"), frontier=frontier, limit=MAX_NEIGHBOURHOOD + 1
        )
        frontier = [r["id"] for r in rows if r["id"] not in seen]
        seen.update(frontier)
        if len(seen) > MAX_NEIGHBOURHOOD:
            raise InvalidInput(
                f"the neighbourhood has more than {MAX_NEIGHBOURHOOD} nodes: lower the depth "
                "or export by date range",
                detail={"entity": start, "depth": depth},
            )
    rows = graph.read(queries.load("export_scope_sources"), ids=list(seen))
    return seen | {r["id"] for r in rows}


class GraphExport:
    """Pages of records for one scope. ``pages()`` can be called again for a second pass."""

    def __init__(
        self,
        graph: Graph,
        scope: Scope | None = None,
        *,
        page_size: int = DEFAULT_PAGE_SIZE,
        with_text: bool = False,
        with_reviews: bool = False,
    ) -> None:
        self.graph = graph
        self.scope = scope or Scope()
        self.page_size = page_size
        self.with_text = with_text
        # Fact-checkers' reviews travel with their claim (RDF formats: schema:ClaimReview).
        self.with_reviews = with_reviews
        self.on_page: Callable[[Page], None] | None = None  # e.g. a progress bar
        date_from = _check_date(self.scope.date_from, "date_from")
        date_to = _check_date(self.scope.date_to, "date_to")
        # Computed once: a neighbourhood is a bounded id set; a date range stays a predicate.
        self.ids = neighbourhood_ids(graph, self.scope.entity, self.scope.depth) if (
            self.scope.entity
        ) else None
        self.params: dict[str, Any] = {
            "ids": sorted(self.ids) if self.ids is not None else None,
            "dated": bool(date_from or date_to), "date_from": date_from, "date_to": date_to,
        }

    def total_nodes(self) -> int | None:
        """How many nodes the export holds, when cheap to know (for progress bars)."""
        if self.ids is not None:
            return len(self.ids)
        if self.params["dated"]:
            return None
        return int(self.graph.read(queries.load("export_counts"))[0]["total"])

    def pages(self) -> Iterator[Page]:
        sections: list[tuple[str, Callable[[dict[str, Any]], Page]]] = [
            ("export_sources", self._source), ("export_articles", self._article),
            ("export_entities", self._entity), ("export_anonymous", self._anonymous),
            ("export_claims", self._claim),
        ]
        for query, convert in sections:
            for rows in self._keyset(query):
                page: Page = []
                for row in rows:
                    page.extend(convert(row))
                if self.on_page is not None:
                    self.on_page(page)
                yield page

    def __call__(self) -> Iterator[Page]:
        return self.pages()

    # ------------------------------------------------------------------ paging

    def _keyset(self, query: str) -> Iterator[list[dict[str, Any]]]:
        after = ""  # every id sorts after "": the index range seek starts at the beginning
        size = self.page_size
        if query == "export_articles":
            # An article row carries all its mention edges (offset lists), with FtM its text:
            # the heaviest rows of all, so fewer of them a page.
            size = min(size, TEXT_PAGE_SIZE if self.with_text else ARTICLE_PAGE_SIZE)
        while True:
            rows = self.graph.read(
                queries.load(query), after=after, limit=size,
                with_text=self.with_text, **self.params,
            )
            if not rows:
                return
            yield rows
            if len(rows) < size:
                return
            after = rows[-1]["id"]

    def _in_scope(self, node_id: str | None) -> bool:
        return node_id is not None and (self.ids is None or node_id in self.ids)

    # ------------------------------------------------------------------ rows -> records

    def _source(self, row: dict[str, Any]) -> Page:
        return [Node(NodeLabel.SOURCE, row["id"], _props(row["props"]))]

    def _article(self, row: dict[str, Any]) -> Page:
        out: Page = [Node(NodeLabel.ARTICLE, row["id"], _props(row["props"]))]
        if self._in_scope(row["source_id"]):
            out.append(Edge(RelType.PUBLISHED_BY, row["id"], row["source_id"]))
        for d in row["duplicates"]:
            out.append(Edge(RelType.DUPLICATE_OF, row["id"], d["target"], _props(d)))
        for m in row["mentions"]:
            props = _props({k: v for k, v in m.items() if k not in ("target", "target_labels")})
            props["target_kind"] = _entity_kind(m["target_labels"]).value
            out.append(Edge(RelType.MENTIONS, row["id"], m["target"], props))
        return out

    def _entity(self, row: dict[str, Any]) -> Page:
        props = _props(row["props"])
        props.pop("alias_text", None)  # a search-index helper, not data
        if row["first_seen"]:
            props["first_seen"] = row["first_seen"]
        props["mention_count"] = row["mention_count"] or 0
        out: Page = [Node(_entity_kind(row["labels"]), row["id"], props)]
        for link in row["links"]:
            rel = RelType(link["type"])
            lp = _props({k: v for k, v in link.items()
                         if k not in ("type", "target", "target_labels")})
            lp["target_kind"] = _entity_kind(link["target_labels"]).value
            out.append(Edge(rel, row["id"], link["target"], lp))
        return out

    def _anonymous(self, row: dict[str, Any]) -> Page:
        return [Node(NodeLabel.ANONYMOUS_SOURCE, row["id"], _props(row["props"]))]

    def _claim(self, row: dict[str, Any]) -> Page:
        cid = row["id"]
        props = _props(row["props"])
        out: Page = [Node(NodeLabel.CLAIM, cid, props)]
        date = {"date": props["date"]} if props.get("date") else {}
        if self._in_scope(row["speaker_id"]):
            out.append(Edge(RelType.SAID, row["speaker_id"], cid, dict(date)))
        if self._in_scope(row["article_id"]):
            out.append(Edge(RelType.REPORTED_IN, cid, row["article_id"], dict(date)))
        out.extend(Edge(RelType.ABOUT, cid, e, dict(date)) for e in row["about"]
                   if self._in_scope(e))
        out.extend(Edge(RelType.TARGETS, cid, t, dict(date)) for t in row["targets"]
                   if self._in_scope(t))
        if self.with_reviews:
            for review in row.get("reviews") or []:
                rp = _props(review)
                # What was reviewed: the reviewer's wording, else the claim's statement.
                rp.setdefault("claim_reviewed", props.get("statement") or props.get("content"))
                out.append(Node(NodeLabel.CLAIM_REVIEW, review["id"], rp))
        return out


def node_pages(pages: Iterator[Page]) -> Iterator[list[Node]]:
    """The nodes of each page, page by page (serializers yield one chunk per page)."""
    for page in pages:
        yield [r for r in page if isinstance(r, Node)]


def edge_pages(pages: Iterator[Page]) -> Iterator[list[Edge]]:
    for page in pages:
        yield [r for r in page if isinstance(r, Edge)]
