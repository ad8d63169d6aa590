"""Our own JSON-LD context, versioned, served at ``/ns/context.jsonld`` and inlined in every
JSON-LD answer: consumers (rdflib, pyld, a fact-checker's pipeline) never need the network to
turn our JSON-LD into triples, and the terms cannot change under them when schema.org's remote
context does.

The ``kg:`` vocabulary lives under the configured public base URL (``KG_PUBLIC_BASE_URL``),
never the host a request happened to use, so a claim's predicates are the same IRIs whichever
way it was fetched.
"""

from __future__ import annotations

from typing import Any

from rdflib import XSD, Namespace

SDO = Namespace("https://schema.org/")
PROV = Namespace("http://www.w3.org/ns/prov#")

# Bump when a term's meaning or coercion changes; old versions stay served unchanged.
CONTEXT_VERSION = "1"
CONTEXT_PATH = "/ns/context.jsonld"


def base_iri(base_url: str) -> str:
    return base_url.rstrip("/")


def kg_ns(base_url: str) -> Namespace:
    return Namespace(f"{base_iri(base_url)}/ns#")


def jsonld_context(base_url: str) -> dict[str, Any]:
    """The context object (what goes under ``@context``)."""
    return {
        "@vocab": str(SDO), "schema": str(SDO), "prov": str(PROV), "xsd": str(XSD),
        "kg": str(kg_ns(base_url)),
        # schema.org's own context types these as IRIs; a plain string would be a literal.
        "url": {"@id": "schema:url", "@type": "@id"},
        "sameAs": {"@id": "schema:sameAs", "@type": "@id"},
        "additionalType": {"@id": "schema:additionalType", "@type": "@id"},
    }


def context_document(base_url: str) -> dict[str, Any]:
    """The document served at ``/ns/context.jsonld`` (a JSON-LD context document)."""
    return {"@context": jsonld_context(base_url)}
