"""The small ``kg:`` vocabulary (``{KG_PUBLIC_BASE_URL}/ns#``), described in RDF so that its
terms dereference too (``GET /ns``): what schema.org and PROV-O do not cover."""

from __future__ import annotations

from rdflib import RDF, RDFS, Graph, Literal, URIRef

from graph.export.context import SDO, base_iri, kg_ns

# term: (is a class, comment)
TERMS: dict[str, tuple[bool, str]] = {
    "AnonymousSource": (True, "A source quoted without a name ('a senior U.S. official'), one "
                              "per article: never merged with a named person."),
    "Group": (True, "An armed or political group (also a schema:Organization)."),
    "id": (False, "The node's id in the graph."),
    "affiliation": (False, "What an anonymous source is said to belong to, as written."),
    "checkworthiness": (False, "How worth fact-checking a claim is, 0 to 1 (rule-based)."),
    "checkworthinessReason": (False, "One reason behind the check-worthiness score."),
    "contentStart": (False, "Character offset where the claim text starts in the article."),
    "contentEnd": (False, "Character offset where the claim text ends in the article."),
    "sentenceStart": (False, "Character offset where the claim's sentence starts."),
    "sentenceEnd": (False, "Character offset where the claim's sentence ends."),
    "sentence": (False, "The sentence the claim was read from."),
    "cue": (False, "The reporting verb's lemma (say, accuse, deny, ...)."),
    "quoteType": (False, "direct, indirect or mixed quotation."),
    "targets": (False, "The entity a claim accuses, criticizes or denies."),
    "contentHash": (False, "Hash of the stored article text."),
    "status": (False, "The article's processing status."),
    "duplicateOf": (False, "A near-duplicate article's original."),
    "country": (False, "ISO 3166 country code of a place."),
    "admin1": (False, "First-order administrative region of a place."),
    "firstSeen": (False, "Date of the first article mentioning the entity."),
    "hasRole": (False, "A person's role (a schema:OrganizationRole) as an article states it."),
    "roleIn": (False, "The organization or place a role is in."),
}


def vocabulary(base_url: str) -> Graph:
    kg = kg_ns(base_url)
    doc = URIRef(f"{base_iri(base_url)}/ns")
    g = Graph()
    g.bind("kg", kg)
    g.bind("schema", SDO)
    g.add((doc, RDF.type, URIRef("http://www.w3.org/2002/07/owl#Ontology")))
    g.add((doc, RDFS.label, Literal("conflict-news knowledge graph vocabulary")))
    for name, (is_class, comment) in TERMS.items():
        term = kg[name]
        g.add((term, RDF.type, RDFS.Class if is_class else RDF.Property))
        g.add((term, RDFS.label, Literal(name)))
        g.add((term, RDFS.comment, Literal(comment)))
        g.add((term, RDFS.isDefinedBy, doc))
    return g
