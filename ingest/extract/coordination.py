"""Types from coordination: names joined by 'and', 'or' or commas are usually of one kind.

'Along with the GMB and Unison, the TGWU …': the model tags 'Unison' GPE, but no reference
data knows a place of that name, and its conjuncts are organizations -- so it is one too.
Only a Place that nothing resolved (``place.kind == 'unresolved'``) is retyped: a country,
region or city that some list knows keeps its type ('Kyiv and the EU')."""

from __future__ import annotations

from spacy.tokens import Doc

from graph.models import EntityType
from ingest.extract.entity_rules import Ment
from ingest.extract.gazetteer import slug

_JOINERS = {"and", "or", ",", "the", "&"}


def _conjunct(doc: Doc, a: Ment, b: Ment) -> bool:
    """``a`` ends before ``b`` starts with only joiners (at least one 'and'/'or'/comma)."""
    between = [t.lower_ for t in doc[a.end_tok : b.start_tok]]
    return bool(between) and all(w in _JOINERS for w in between) \
        and any(w in ("and", "or", ",", "&") for w in between)


def unresolved_places_among_organizations(doc: Doc, ments: list[Ment]) -> None:
    """Retype an unresolved Place whose neighbour in a coordination is an Organization."""
    order = sorted(ments, key=lambda m: m.start_tok)
    for i, m in enumerate(order):
        if m.type is not EntityType.PLACE or m.place is None or m.place.kind != "unresolved" \
                or m.end_tok - m.start_tok > 3:
            continue
        prev = order[i - 1] if i > 0 else None
        nxt = order[i + 1] if i + 1 < len(order) else None
        if (prev is not None and prev.type is EntityType.ORGANIZATION
                and _conjunct(doc, prev, m)) or (
                nxt is not None and nxt.type is EntityType.ORGANIZATION
                and _conjunct(doc, m, nxt)):
            old = m.key
            for x in ments:
                if x.key == old and x.type is EntityType.PLACE:
                    x.type, x.place, x.key = EntityType.ORGANIZATION, None, f"org:{slug(x.text)}"
                    x.name = x.text
