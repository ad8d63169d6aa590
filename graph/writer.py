"""The batched writer: articles and their extraction records into Neo4j.

Every statement is ``UNWIND $rows ... MERGE`` on a constraint-backed key, so a batch written
twice changes nothing, and each batch is one transaction (retried by the driver on transient
errors such as deadlocks between two workers merging the same entity).
"""

from __future__ import annotations

import logging
from collections.abc import Iterator, Sequence
from datetime import UTC, datetime
from typing import Any

import queries
from graph import aggregates, checkworthiness
from graph.driver import Graph
from graph.judgement_remap import apply_judgements
from graph.models import (
    EntityType,
    ExtractionResult,
    NodeLabel,
    RelType,
    StoredArticle,
    WriteSummary,
    stable_id,
)

log = logging.getLogger("kg.writer")
_ENTITY_LABELS = {t.value: t.label.value for t in EntityType}


def _or_minus1(value: int | None) -> int:
    return -1 if value is None else value


def source_id(name: str) -> str:
    return "source:" + "-".join(name.casefold().split())


def article_row(art: StoredArticle) -> dict[str, Any]:
    props = art.model_dump(mode="json", exclude={"id", "duplicate_of", "similarity"})
    props["fetched_at"] = props["fetched_at"] or datetime.now(UTC).isoformat()
    return {
        "id": art.id,
        "props": {k: v for k, v in props.items() if v is not None},
        "source_id": source_id(art.source) if art.source else None,
        "source_name": art.source,
        "duplicate_of": art.duplicate_of,
        "similarity": art.similarity,
    }


def entity_rows(res: ExtractionResult) -> Iterator[dict[str, Any]]:
    for ent in res.entities:
        label = _ENTITY_LABELS[ent.type.value]
        assert label in NodeLabel._value2member_map_  # labels only ever come from the enum
        yield {
            "id": ent.id, "name": ent.name, "type": ent.type.value, "label": label,
            "aliases": sorted({ent.name, *ent.aliases}),
            "geonames_id": ent.geonames_id, "lat": ent.lat, "lon": ent.lon,
            "country": ent.country, "admin1": ent.admin1,
            "article_id": res.id, "extractor_version": res.extractor_version,
            "starts": [m.start for m in ent.mentions], "ends": [m.end for m in ent.mentions],
            "texts": [m.text for m in ent.mentions],
            # Neo4j lists cannot hold nulls: -1 marks a mention without a sentence span.
            "sentence_starts": [_or_minus1(m.sentence_start) for m in ent.mentions],
            "sentence_ends": [_or_minus1(m.sentence_end) for m in ent.mentions],
        }


def resolution_rows(res: ExtractionResult) -> Iterator[dict[str, Any]]:
    for ent in res.entities:
        dec = ent.resolution
        if not dec:
            continue
        yield {
            "id": stable_id(res.id, ent.id, dec.get("method"), dec.get("matched"), prefix="res-"),
            "entity_id": ent.id, "article_id": res.id, "method": str(dec.get("method")),
            "score": float(dec.get("score") or 0.0), "matched": str(dec.get("matched") or ""),
            "at": str(dec.get("at") or datetime.now(UTC).isoformat()),
        }


def claim_rows(res: ExtractionResult, art: StoredArticle) -> Iterator[dict[str, Any]]:
    text = art.text
    for c in res.claims:
        ss, se = c.sentence_span
        props = {
            "content": c.content, "cue": c.cue, "quote_type": c.quote_type.value,
            "direct": c.direct, "date": c.date, "sentence": text[ss:se],
            "content_start": c.content_span[0], "content_end": c.content_span[1],
            "sentence_start": ss, "sentence_end": se,
            "cue_start": c.cue_span[0] if c.cue_span else None,
            "cue_end": c.cue_span[1] if c.cue_span else None,
            "speaker_start": c.speaker_span[0] if c.speaker_span else None,
            "speaker_end": c.speaker_span[1] if c.speaker_span else None,
            "speaker_id": c.speaker.id, "speaker_name": c.speaker.name,
            "anonymous": c.speaker.anonymous, "article_id": res.id,
            "published": art.published, "outlet": art.source,
            "extractor_version": res.extractor_version,
            "stance": c.stance.value, "statement": c.statement,
        }
        if c.reported_by is not None:
            props |= {"reported_by_name": c.reported_by.name, "reported_by_role":
                      c.reported_by.role, "reported_by_id": c.reported_by.id,
                      "reported_by_type": c.reported_by.type}
        if c.quantity is not None:
            props |= {f"quantity_{k}": v for k, v in c.quantity.model_dump().items()}
        if c.appearances:  # repeats folded into this claim (Neo4j lists hold no pairs)
            props |= {"appearance_starts": [s for s, _ in c.appearances],
                      "appearance_ends": [e for _, e in c.appearances]}
        props["checkworthiness"], props["checkworthiness_reasons"] = checkworthiness.score(
            c.content, c.cue, len(set(c.about)), c.quote_type.value
        )
        yield {
            "id": c.id, "article_id": res.id, "anonymous": c.speaker.anonymous,
            "speaker_id": c.speaker.id, "speaker_name": c.speaker.name,
            "speaker_description": c.speaker.description,
            "speaker_affiliation": c.speaker.affiliation,
            # AnonymousSource, or DocumentSource for a report nobody is named as writing
            "speaker_type": c.speaker.type if c.speaker.anonymous else None,
            "about": list(dict.fromkeys(c.about)), "target": c.target,
            "props": {k: v for k, v in props.items() if v is not None},
        }


def relation_rows(res: ExtractionResult) -> Iterator[dict[str, Any]]:
    for r in res.relations:
        yield {
            "type": RelType(r.type).value, "source": r.source, "target": r.target,
            "title": r.title, "article_id": res.id, "start": r.span[0], "end": r.span[1],
            "sentence_start": r.sentence_span[0], "sentence_end": r.sentence_span[1],
            "extractor_version": res.extractor_version,
        }


class Neo4jWriter:
    """Implements the ``Writer`` stage. One transaction per call; callers size the batches."""

    def __init__(self, graph: Graph) -> None:
        self.graph = graph
        # Transactions the driver ran again after a transient error (a deadlock between two
        # workers, say): execute_write retries silently, so the worker reports this count.
        self.retries = 0

    def __call__(
        self, articles: Sequence[StoredArticle], results: Sequence[ExtractionResult]
    ) -> WriteSummary:
        results = apply_judgements(self.graph, articles, results)  # analysts' merges/splits
        by_id = {a.id: a for a in articles}
        arts = sorted((article_row(a) for a in articles), key=lambda r: r["id"])
        ents = sorted((r for res in results for r in entity_rows(res)), key=lambda r: r["id"])
        decs = [r for res in results for r in resolution_rows(res)]
        claims = [r for res in results for r in claim_rows(res, by_id[res.id])]
        rels = [r for res in results for r in relation_rows(res)]
        roles = [r for r in rels if r["target"]]
        titles = [r for r in rels if not r["target"] and r["title"]]
        statements = [
            ("write_articles", arts), ("write_entities", ents),
            ("write_resolutions", decs), ("write_claims", claims),
            ("write_roles", roles), ("write_titles", titles),
        ]

        ids = [r["id"] for r in arts]

        tries = 0

        def work(tx: Any) -> None:
            nonlocal tries
            tries += 1
            # Aggregates move by the difference between the articles' edges before and after.
            before = aggregates.read_contribution(tx, ids)
            aggregates.prune(tx, results)
            for name, rows in statements:
                if rows:
                    tx.run(queries.load(name), rows=rows).consume()
            aggregates.apply(tx, before, aggregates.read_contribution(tx, ids))

        try:
            with self.graph.session() as session:
                session.execute_write(work)
        finally:
            if tries > 1:
                self.retries += tries - 1
                log.info("write of %d articles retried %d times", len(arts), tries - 1)
        return WriteSummary(articles=len(arts), entities=len(ents), claims=len(claims),
                            relations=len(rels))
