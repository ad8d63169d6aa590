"""A small hand-built graph for the query-API tests, written through the real Neo4jWriter.

Fictional names and a ``t5`` id prefix keep it apart from the seed article and from other test
modules sharing the session database. Offsets are computed from the texts, so every claim's
evidence points at the exact sentence and content in the stored article.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import pytest

from graph.driver import Graph
from graph.models import (
    ArticleStatus,
    ClaimRecord,
    EntityRecord,
    EntityType,
    ExtractionResult,
    Mention,
    QuoteType,
    RelationRecord,
    SpeakerRef,
    Stance,
    StoredArticle,
    content_hash,
)
from graph.writer import Neo4jWriter

VARGA, PETRENKO = "t5:person:olena-varga", "t5:person:marko-petrenko"
MINISTRY, AUREL = "t5:org:ministry-of-tidewater", "t5:place:port-aurel"
BRIGADE, LONER = "t5:group:northern-brigade", "t5:person:ivo-loner"
HARBOR, COASTAL = "Harbor Times T5", "Coastal Wire T5"

ENTITIES: dict[str, tuple[EntityType, str, list[str], list[str]]] = {
    # id: (type, name, aliases, surface forms searched in the texts)
    VARGA: (EntityType.PERSON, "Olena Varga", ["Varga", "Olena Vargova"],
            ["Olena Varga", "Varga"]),
    PETRENKO: (EntityType.PERSON, "Marko Petrenko", ["Petrenko"], ["Marko Petrenko", "Petrenko"]),
    MINISTRY: (EntityType.ORGANIZATION, "Ministry of Tidewater", ["Tidewater Ministry"],
               ["Ministry of Tidewater"]),
    AUREL: (EntityType.PLACE, "Port Aurel", ["Aurelport", "Porto Aurelio"], ["Port Aurel"]),
    BRIGADE: (EntityType.GROUP, "Northern Brigade", [], ["Northern Brigade"]),
    LONER: (EntityType.PERSON, "Ivo Loner", [], ["Ivo Loner"]),
}

TEXTS = {
    "t5-art-1": (
        HARBOR, "2025-01-10",
        "Olena Varga said the harbour of Port Aurel would reopen next week. "
        "Marko Petrenko, spokesperson for the Ministry of Tidewater, accused Varga of misleading "
        "the public. Petrenko denied that Port Aurel was ever closed to shipping.",
    ),
    "t5-art-2": (
        COASTAL, "2025-02-03",
        "Varga said the Northern Brigade had left Port Aurel overnight. A local official, "
        "speaking on condition of anonymity, said shelling continued near Port Aurel.",
    ),
    "t5-art-3": (
        COASTAL, "2025-02-04",
        "Olena Varga said the harbour of Port Aurel would reopen next week. "
        "Marko Petrenko, spokesperson for the Ministry of Tidewater, accused Varga of misleading "
        "the public. Petrenko denied that Port Aurel was ever closed to shipping. Syndicated.",
    ),
    "t5-art-4": (
        HARBOR, "2025-03-20",
        " ".join(f"Varga said convoy number {n} reached Port Aurel safely." for n in range(1, 7))
    ),
    "t5-art-5": (HARBOR, "2025-03-21", "Ivo Loner walked alone along the empty pier."),
}

# (article, speaker, cue, content, about, target, date, quote type)
CLAIMS = [
    ("t5-art-1", VARGA, "say", "the harbour of Port Aurel would reopen next week", [AUREL], None,
     "2025-01-09", QuoteType.INDIRECT),
    ("t5-art-1", PETRENKO, "accuse", "Varga of misleading the public", [VARGA], VARGA,
     "2025-01-10", QuoteType.INDIRECT),
    ("t5-art-1", PETRENKO, "deny", "that Port Aurel was ever closed to shipping", [AUREL], None,
     "2025-01-10", QuoteType.INDIRECT),
    ("t5-art-2", VARGA, "say", "the Northern Brigade had left Port Aurel overnight",
     [BRIGADE, AUREL], None, None, QuoteType.INDIRECT),
    ("t5-art-2", "t5-anon-1", "say", "shelling continued near Port Aurel", [AUREL], None, None,
     QuoteType.INDIRECT),
    *[("t5-art-4", VARGA, "say", f"convoy number {n} reached Port Aurel safely", [AUREL], None,
       f"2025-03-{n:02d}", QuoteType.INDIRECT) for n in range(1, 7)],
]


_STANCE = {"deny": Stance.DENIES, "accuse": Stance.ACCUSES}


@dataclass
class ApiGraph:
    graph: Graph
    claim_ids: dict[str, str]  # content -> claim id (the first article holding it)
    texts: dict[str, str]


def _sentence(text: str, pos: int) -> tuple[int, int]:
    for m in re.finditer(r"[^.]+\.", text):
        if m.start() <= pos < m.end():
            start = m.start() + (len(m.group()) - len(m.group().lstrip()))
            return start, m.end()
    raise ValueError(pos)


def _mentions(text: str, forms: list[str]) -> list[Mention]:
    taken: list[tuple[int, int]] = []
    for form in forms:  # longest first: "Olena Varga" before "Varga"
        for m in re.finditer(re.escape(form), text):
            if any(s <= m.start() < e for s, e in taken):
                continue
            taken.append((m.start(), m.end()))
    out = []
    for s, e in sorted(taken):
        ss, se = _sentence(text, s)
        out.append(Mention(start=s, end=e, text=text[s:e], sentence_start=ss, sentence_end=se))
    return out


def build(graph: Graph) -> ApiGraph:
    articles, results, claim_ids = [], [], {}
    for art_id, (outlet, published, text) in TEXTS.items():
        dup = art_id == "t5-art-3"
        articles.append(StoredArticle(
            id=art_id, text=text, title=f"T5 {art_id} report", source=outlet,
            url=f"https://example.org/{art_id}", published=published,
            content_hash=content_hash(text), language="en",
            status=ArticleStatus.NEAR_DUPLICATE if dup else ArticleStatus.OK,
            duplicate_of="t5-art-1" if dup else None, similarity=0.93 if dup else None,
        ))
        ents = []
        for eid, (etype, name, aliases, forms) in ENTITIES.items():
            ms = _mentions(text, forms)
            if ms:
                extra = {"lat": 46.5, "lon": 30.7, "country": "ZZ", "admin1": "Tide"} \
                    if eid == AUREL else {}
                ents.append(EntityRecord(id=eid, type=etype, name=name, aliases=aliases,
                                         mentions=ms, **extra))
        claims = []
        for i, (cart, spk, cue, content, about, target, date, qt) in enumerate(CLAIMS):
            if cart != art_id and not (dup and cart == "t5-art-1"):
                continue
            s = text.index(content)
            cid = f"t5-claim-{art_id}-{i}"
            claim_ids.setdefault(content, cid)
            anon = spk.startswith("t5-anon")
            speaker = SpeakerRef(id=spk, name="a local official" if anon else ENTITIES[spk][1],
                                 type="AnonymousSource" if anon else "Person", anonymous=anon,
                                 description="a local official" if anon else None)
            cue_at = text.rfind(cue[:3], 0, s)
            claims.append(ClaimRecord(
                id=cid, speaker=speaker, cue=cue,
                cue_span=(cue_at, cue_at + len(cue)) if cue_at >= 0 else None,
                content=content, content_span=(s, s + len(content)),
                sentence_span=_sentence(text, s), quote_type=qt, about=about, target=target,
                date=date, stance=_STANCE.get(cue, Stance.ASSERTS),
            ))
        relations = []
        if "spokesperson for the Ministry" in text:
            s = text.index("spokesperson for the Ministry of Tidewater")
            relations.append(RelationRecord(type="HAS_ROLE", source=PETRENKO, target=MINISTRY,
                                            title="spokesperson", span=(s, s + 12),
                                            sentence_span=_sentence(text, s)))
        results.append(ExtractionResult(id=art_id, extractor_version="t5-hand-1", entities=ents,
                                        claims=claims, relations=relations))
    # Write the original first: DUPLICATE_OF needs its target to exist.
    writer = Neo4jWriter(graph)
    writer(articles[:1], results[:1])
    writer(articles[1:], results[1:])
    return ApiGraph(graph=graph, claim_ids=claim_ids,
                    texts={k: v[2] for k, v in TEXTS.items()})


@pytest.fixture(scope="session")
def api_graph(graph: Graph) -> ApiGraph:
    return build(graph)
