"""GraphML for yEd, Cytoscape, networkx: streamed, nodes first (one pass), then edges.

Attributes are a fixed, declared set so every tool reads them with their types; the full
property set of a node travels as JSON in ``props`` for whoever needs the rest.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from itertools import count
from typing import Any
from xml.sax.saxutils import escape, quoteattr

from graph.export.stream import Edge, Node, PageSource, edge_pages, node_pages
from graph.models import NodeLabel

_XML_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def xml_safe(value: object) -> str:
    """XML 1.0 cannot carry most control characters, even escaped: scraped text has some."""
    return _XML_INVALID.sub(" ", str(value))


# (key, for, attr.type) — declared once in the header.
NODE_ATTRS = (("label", "string"), ("kind", "string"), ("date", "string"),
              ("url", "string"), ("checkworthiness", "double"), ("props", "string"))
EDGE_ATTRS = (("type", "string"), ("date", "string"), ("weight", "double"), ("title", "string"))


def node_label(n: Node) -> str:
    p = n.props
    if n.kind is NodeLabel.CLAIM:
        who = p.get("speaker_name") or "?"
        text = str(p.get("content", ""))
        return f"{who}: {text[:120]}{'…' if len(text) > 120 else ''}"
    if n.kind is NodeLabel.ARTICLE:
        return str(p.get("title") or n.id)
    if n.kind is NodeLabel.ANONYMOUS_SOURCE:
        return str(p.get("description") or p.get("name") or n.id)
    return str(p.get("name") or n.id)


def _day(value: Any) -> str | None:
    s = str(value or "")[:10]
    return s if len(s) == 10 and s[4] == "-" and s[7] == "-" else None


def node_date(n: Node) -> str | None:
    """When a node enters the story: statement date, publication date, first mention."""
    p = n.props
    if n.kind is NodeLabel.CLAIM:
        return _day(p.get("date")) or _day(p.get("published"))
    if n.kind is NodeLabel.ARTICLE:
        return _day(p.get("published"))
    return _day(p.get("first_seen"))


def edge_date(e: Edge) -> str | None:
    return _day(e.props.get("date")) or _day(e.props.get("published"))


def node_values(n: Node) -> dict[str, Any]:
    return {
        "label": node_label(n), "kind": n.kind.value, "date": node_date(n),
        "url": n.props.get("url"), "checkworthiness": n.props.get("checkworthiness"),
        "props": json.dumps(n.props, ensure_ascii=False, sort_keys=True, default=str),
    }


def edge_values(e: Edge) -> dict[str, Any]:
    return {"type": e.type.value, "date": edge_date(e),
            "weight": float(e.props.get("count") or 1), "title": e.props.get("title")}


def _data(values: dict[str, Any], prefix: str) -> str:
    return "".join(f'<data key="{prefix}_{k}">{escape(xml_safe(v))}</data>'
                   for k, v in values.items() if v is not None)


def serialize_graphml(source: PageSource) -> Iterator[str]:
    yield ('<?xml version="1.0" encoding="UTF-8"?>\n'
           '<graphml xmlns="http://graphml.graphdrawing.org/xmlns">\n')
    for k, t in NODE_ATTRS:
        yield f'<key id="n_{k}" for="node" attr.name="{k}" attr.type="{t}"/>\n'
    for k, t in EDGE_ATTRS:
        yield f'<key id="e_{k}" for="edge" attr.name="{k}" attr.type="{t}"/>\n'
    yield '<graph id="conflict-kg" edgedefault="directed">\n'
    for nodes in node_pages(source()):
        yield "".join(f"<node id={quoteattr(xml_safe(n.id))}>{_data(node_values(n), 'n')}"
                      "</node>\n" for n in nodes)
    ids = count()
    for edges in edge_pages(source()):
        yield "".join(f'<edge id="e{next(ids)}" source={quoteattr(xml_safe(e.source))} '
                      f"target={quoteattr(xml_safe(e.target))}>"
                      f"{_data(edge_values(e), 'e')}</edge>\n" for e in edges)
    yield "</graph>\n</graphml>\n"
