"""A graph fingerprint: every node (labels, properties) and relationship (type, the keys of its
ends, properties) as a sorted list of strings, so that two states of the graph compare exactly.
Judgement nodes are left out: they are the record of the change, not the graph it changed."""

from __future__ import annotations

from typing import Any

from graph.driver import Graph

_NODES = """
MATCH (n) WHERE NOT n:Judgement
RETURN labels(n) AS labels, properties(n) AS props
"""
_RELS = """
MATCH (a)-[r]->(b) WHERE NOT a:Judgement AND NOT b:Judgement
RETURN labels(a) AS al, coalesce(a.id, a.version) AS a, type(r) AS t, properties(r) AS props,
       labels(b) AS bl, coalesce(b.id, b.version) AS b
"""


def _value(v: Any) -> str:
    return repr(sorted(v.items())) if isinstance(v, dict) else repr(v)


def fingerprint(graph: Graph) -> list[str]:
    nodes = [f"N {sorted(r['labels'])} {_value(r['props'])}" for r in graph.read(_NODES)]
    rels = [f"R {sorted(r['al'])}:{r['a']} -{r['t']}-> {sorted(r['bl'])}:{r['b']} "
            f"{_value(r['props'])}" for r in graph.read(_RELS)]
    return sorted(nodes + rels)
