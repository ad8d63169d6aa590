"""Who is quoted most (and who is targeted most) about an entity in a period."""

from __future__ import annotations

import queries
from graph.driver import Graph
from graph.models import EntityRef, SpeakerCount, SpeakerStats
from graph.reads import _known_ids
from graph.reads.entities import entities_by_ids
from graph.reads.evidence import month_range


def _whole_months(date_from: str | None, date_to: str | None) -> bool:
    """The aggregates count per month: exact for dates no finer than a month."""
    return all(d is None or len(d) <= 7 for d in (date_from, date_to))


def _ref(graph: Graph, ids: list[str] | None) -> EntityRef | None:
    if not ids:
        return None
    e = entities_by_ids(graph, ids[:1]).get(ids[0])
    return EntityRef(id=e.id, name=e.name, type=e.type) if e else None


def top(graph: Graph, by: str, *, about: str | None = None, speaker: str | None = None,
        date_from: str | None = None, date_to: str | None = None,
        limit: int = 20) -> SpeakerStats:
    """Top named speakers (``by="speaker"``) or targets (``by="target"``) of claims, optionally
    about an entity and by a speaker, in a period. Unknown names are NotFound with suggestions."""
    notes: list[str] = []
    about_ids = _known_ids(graph, about, "about", notes) if about else None
    speaker_ids = _known_ids(graph, speaker, "speaker", notes) if speaker else None
    use_aggregates = (by == "speaker" and about_ids is not None and speaker_ids is None
                      and _whole_months(date_from, date_to))
    if use_aggregates:
        rows = graph.read(queries.load("stats_speakers_agg"), about_ids=about_ids,
                          limit=limit + 1, **month_range(date_from, date_to))
    else:
        rows = graph.read(queries.load("stats_claims_recount"), by=by, about_ids=about_ids,
                          speaker_ids=speaker_ids, date_from=date_from, date_to=date_to,
                          limit=limit + 1)
    items = [SpeakerCount(entity=EntityRef(id=r["entity"]["id"],
                                           name=r["entity"].get("name") or r["entity"]["id"],
                                           type=r["entity"].get("type") or "Entity"),
                          claims=r["claims"]) for r in rows[:limit]]
    return SpeakerStats(about=_ref(graph, about_ids), speaker=_ref(graph, speaker_ids),
                        date_from=date_from, date_to=date_to, items=items,
                        counted_from="aggregates" if use_aggregates else "recount",
                        capped=len(rows) > limit)
