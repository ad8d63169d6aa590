"""GEXF 1.2 for Gephi, in dynamic mode: each node and edge has a ``start`` date (statement or
publication date, an entity's first mention) so Gephi's timeline can replay the story."""

from __future__ import annotations

from collections.abc import Iterator
from itertools import count
from typing import Any
from xml.sax.saxutils import quoteattr

from graph.export.graphml import edge_values, node_values, xml_safe
from graph.export.stream import Edge, Node, PageSource, edge_pages, node_pages

_NODE_ATTRS = (("kind", "string"), ("url", "string"), ("checkworthiness", "double"),
               ("props", "string"))
_EDGE_ATTRS = (("type", "string"), ("title", "string"))


def _attvalues(values: dict[str, Any], names: tuple[tuple[str, str], ...]) -> str:
    vals = "".join(f'<attvalue for="{k}" value={quoteattr(xml_safe(values[k]))}/>'
                   for k, _ in names if values.get(k) is not None)
    return f"<attvalues>{vals}</attvalues>" if vals else ""


def serialize_gexf(source: PageSource) -> Iterator[str]:
    yield ('<?xml version="1.0" encoding="UTF-8"?>\n'
           '<gexf xmlns="http://www.gexf.net/1.2draft" version="1.2">\n'
           "<meta><creator>conflict-kg</creator>"
           "<description>conflict-news knowledge graph export</description></meta>\n"
           '<graph defaultedgetype="directed" mode="dynamic" timeformat="date">\n'
           '<attributes class="node" mode="static">\n')
    for k, t in _NODE_ATTRS:
        yield f'<attribute id="{k}" title="{k}" type="{t}"/>\n'
    yield '</attributes>\n<attributes class="edge" mode="static">\n'
    for k, t in _EDGE_ATTRS:
        yield f'<attribute id="{k}" title="{k}" type="{t}"/>\n'
    yield "</attributes>\n<nodes>\n"
    for nodes in node_pages(source()):
        yield "".join(_node(n) for n in nodes)
    yield "</nodes>\n<edges>\n"
    ids = count()
    for edges in edge_pages(source()):
        yield "".join(_edge(e, next(ids)) for e in edges)
    yield "</edges>\n</graph>\n</gexf>\n"


def _node(n: Node) -> str:
    v = node_values(n)
    start = f' start="{v["date"]}"' if v["date"] else ""
    label = quoteattr(xml_safe(v["label"]))
    return (f"<node id={quoteattr(xml_safe(n.id))} label={label}{start}>"
            f"{_attvalues(v, _NODE_ATTRS)}</node>\n")


def _edge(e: Edge, edge_id: int) -> str:
    v = edge_values(e)
    start = f' start="{v["date"]}"' if v["date"] else ""
    return (f'<edge id="{edge_id}" source={quoteattr(xml_safe(e.source))} '
            f"target={quoteattr(xml_safe(e.target))} label={quoteattr(v['type'])} "
            f'weight="{v["weight"]}"{start}>{_attvalues(v, _EDGE_ATTRS)}</edge>\n')
