"""Text writers for RDF: Turtle, N-Triples and JSON-LD, written term by term one page at a
time (rdflib's serializers build and sort a store per call: several times slower on large
exports). Subjects and triples may recur across pages (an activity shared by many claims); RDF
graphs are sets, so a parser merges them."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from typing import Any

from rdflib import RDF, XSD, Literal, URIRef
from rdflib.term import Node as Term

from graph.export.context import PROV, SDO, jsonld_context, kg_ns
from graph.export.rdf import page_triples
from graph.export.stream import Page, PageSource


def _prefixes(base_url: str) -> list[tuple[str, str]]:
    return [("schema", str(SDO)), ("prov", str(PROV)), ("xsd", str(XSD)), ("rdf", str(RDF)),
            ("kg", str(kg_ns(base_url)))]


_LOCAL = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
_ESCAPES = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r", "\t": "\\t"}


def _escape(text: str) -> str:
    text = "".join(_ESCAPES.get(ch, ch) for ch in text) if any(
        ch in text for ch in _ESCAPES) else text
    return _CONTROL.sub(lambda m: f"\\u{ord(m.group()):04X}", text)


def term(t: Term) -> str:
    """A term as N-Triples writes it (one line; also valid Turtle)."""
    if isinstance(t, Literal):
        lex = f'"{_escape(str(t))}"'
        if t.language:
            return f"{lex}@{t.language}"
        if t.datatype is not None and t.datatype != XSD.string:
            return f"{lex}^^<{t.datatype}>"
        return lex
    return f"<{t}>"


def _curie(iri: str, prefixes: list[tuple[str, str]]) -> str | None:
    for prefix, ns in prefixes:
        if iri.startswith(ns) and _LOCAL.match(iri[len(ns):]):
            return f"{prefix}:{iri[len(ns):]}"
    return None


def _by_subject(page: Page, base_url: str) -> dict[Term, dict[Term, list[Term]]]:
    """Triples of one page grouped by subject then predicate, duplicates dropped."""
    out: dict[Term, dict[Term, dict[Term, None]]] = {}
    for s, p, o in page_triples(page, base_url):
        out.setdefault(s, {}).setdefault(p, {})[o] = None
    return {s: {p: list(objs) for p, objs in preds.items()} for s, preds in out.items()}


def serialize_rdf(source: PageSource, base_url: str, fmt: str) -> Iterator[str]:
    """Turtle (prefixes once, then subject blocks) or N-Triples, one chunk per page."""
    if fmt not in ("turtle", "nt"):
        raise ValueError(f"not an RDF text format: {fmt!r}")
    prefixes = _prefixes(base_url)
    if fmt == "turtle":
        yield "".join(f"@prefix {p}: <{ns}> .\n" for p, ns in prefixes) + "\n"
    for page in source():
        if not page:
            continue
        if fmt == "nt":
            triples = dict.fromkeys(page_triples(page, base_url))
            yield "".join(f"{term(s)} {term(p)} {term(o)} .\n" for s, p, o in triples)
            continue
        blocks = []
        for subj, preds in _by_subject(page, base_url).items():
            lines = []
            for pred, objs in preds.items():
                key = "a" if pred == RDF.type else (_curie(str(pred), prefixes) or term(pred))
                vals = ", ".join(
                    (_curie(str(o), prefixes) or term(o)) if isinstance(o, URIRef) else term(o)
                    for o in objs)
                lines.append(f"{key} {vals}")
            blocks.append(f"{term(subj)} " + " ;\n    ".join(lines) + " .\n")
        yield "\n".join(blocks) + "\n"


def _jsonld_value(o: Term, prefixes: list[tuple[str, str]]) -> Any:
    if isinstance(o, URIRef):
        return {"@id": str(o)}
    assert isinstance(o, Literal)
    if o.language:
        return {"@value": str(o), "@language": o.language}
    if o.datatype is None or o.datatype == XSD.string:
        return str(o)
    # Typed literals keep their exact lexical form (native JSON numbers would be re-written).
    return {"@value": str(o), "@type": _curie(str(o.datatype), prefixes) or str(o.datatype)}


def _jsonld_key(iri: str, prefixes: list[tuple[str, str]]) -> str:
    if iri.startswith(str(SDO)) and _LOCAL.match(iri[len(str(SDO)):]):
        return iri[len(str(SDO)):]  # @vocab
    return _curie(iri, prefixes) or iri


def serialize_jsonld(source: PageSource, base_url: str) -> Iterator[str]:
    """``{"@context": ..., "@graph": [ ... ]}`` streamed node object by node object."""
    ctx = jsonld_context(base_url)
    prefixes = _prefixes(base_url)
    yield '{"@context": ' + json.dumps(ctx) + ', "@graph": [\n'
    first = True
    for page in source():
        if not page:
            continue
        items = []
        for subj, preds in _by_subject(page, base_url).items():
            node: dict[str, Any] = {"@id": str(subj)}
            for pred, objs in preds.items():
                if pred == RDF.type:
                    types = [_jsonld_key(str(o), prefixes) for o in objs]
                    node["@type"] = types[0] if len(types) == 1 else types
                    continue
                vals = [_jsonld_value(o, prefixes) for o in objs]
                node[_jsonld_key(str(pred), prefixes)] = vals[0] if len(vals) == 1 else vals
            items.append(json.dumps(node, ensure_ascii=False))
        if items:
            yield ("" if first else ",\n") + ",\n".join(items)
            first = False
    yield "\n]}\n"
