"""Repeats folded across articles: the same named speaker with near-identical content in two
articles (a wire copy, a reprint, a live blog's next update) is one claim.

The earliest appearance (publication time, then article id, then claim id) stays a ``Claim``;
each other one keeps its node, offsets and article but is relabelled ``ClaimRepeat`` with a
``REPEAT_OF`` edge to it. Everything that counts or lists reads ``:Claim``, so counts, lists,
the feed and the write-time aggregates see the statement once, while the claim's detail lists
every appearance. Keeping the repeat's node is what makes a delete or re-ingest exact: the
folds that touch the changed articles are undone, then computed again from what is left.

Work per written claim is bounded: candidates come from its repeat keys (unique-index seeks,
at most ``PER_KEY`` claims each, graph/repeat_keys.py), never from the speaker's
other claims. The caller reads the aggregate contribution of ``articles()`` before ``dissolve``
and after ``fold``, so a canonical claim that moves to another article moves its counts too.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

import queries
from graph.repeat_keys import repeat_keys, same_words, words

PER_KEY = 50  # claims read per key: a slogan a speaker repeats daily cannot make a write slow
_UNDATED = "\uffff"  # undated appearances sort after dated ones


@dataclass(frozen=True)
class Member:
    id: str
    article_id: str
    speaker_id: str | None
    anonymous: bool
    words: tuple[str, ...]
    published: str | None

    @property
    def order(self) -> tuple[str, str, str]:
        return (self.published or _UNDATED, self.article_id, self.id)


def member(row: dict[str, Any]) -> Member:
    return Member(id=row["id"], article_id=row["article_id"], speaker_id=row.get("speaker_id"),
                  anonymous=bool(row.get("anonymous")),
                  words=tuple(words(row.get("content") or "")), published=row.get("published"))


def assign(members: Iterable[Member]) -> dict[str, str]:
    """Repeat id -> canonical id (pure: tested without a database). In order of appearance,
    a claim folds into the first earlier canonical claim of the same named speaker, in
    another article, whose words pass ``same_words``; otherwise it is canonical itself."""
    canon: dict[str | None, list[Member]] = {}
    out: dict[str, str] = {}
    for m in sorted(members, key=lambda m: m.order):
        if m.anonymous or not m.speaker_id:
            continue
        mine = canon.setdefault(m.speaker_id, [])
        first = next((k for k in mine if k.article_id != m.article_id
                      and same_words(list(k.words), list(m.words))), None)
        if first is None:
            mine.append(m)
        else:
            out[m.id] = first.id
    return out


class Refold:
    """One write's (or delete's) fold: ``plan`` (reads only), then ``dissolve``, then the
    caller's writes, then ``fold`` with the articles' new claims."""

    def __init__(self, article_ids: Sequence[str], existing: list[Member]) -> None:
        self.article_ids = set(article_ids)
        self.existing = existing
        self.repeats: list[str] = []  # ids of the current ClaimRepeat nodes among them

    @classmethod
    def plan(cls, tx: Any, article_ids: Sequence[str], keys: Sequence[str],
             new: Sequence[Member] = ()) -> Refold:
        """The fold groups to redo: those holding a claim of the articles, and those holding
        a claim that passes ``same_words`` with one of ``new`` (a shared key alone only
        proposes: a group it wrongly proposed is left alone, its articles untouched)."""
        ids = [r["id"] for r in tx.run(queries.load("repeat_seeds"), article_ids=list(
            article_ids), keys=sorted(set(keys)), per_key=PER_KEY).data()]
        rows = tx.run(queries.load("repeat_groups"), ids=ids).data() if ids else []
        arts = set(article_ids)
        by_speaker: dict[str, list[Member]] = {}
        for m in new:
            if m.speaker_id and not m.anonymous:
                by_speaker.setdefault(m.speaker_id, []).append(m)
        wanted = set()
        for r in rows:
            m = member(r)
            if m.article_id in arts or any(
                    n.article_id != m.article_id and same_words(list(n.words), list(m.words))
                    for n in by_speaker.get(m.speaker_id or "", ())):
                wanted.add(r["group_id"])
        rows = [r for r in rows if r["group_id"] in wanted]
        out = cls(article_ids, [member(r) for r in rows])
        out.repeats = [r["id"] for r in rows if r["repeat"]]
        return out

    def articles(self) -> list[str]:
        """The other articles whose claims may change label: their aggregates move too."""
        return sorted({m.article_id for m in self.existing} - self.article_ids)

    def dissolve(self, tx: Any) -> None:
        if self.repeats:
            tx.run(queries.load("repeat_dissolve"), ids=self.repeats).consume()

    def fold(self, tx: Any, new: Sequence[Member]) -> dict[str, str]:
        """Fold the kept claims of other articles with the articles' new ones (``new``
        replaces whatever the articles held before)."""
        kept = [m for m in self.existing if m.article_id not in self.article_ids]
        plan = assign([*kept, *new])
        if plan:
            rows = [{"id": r, "canonical": k} for r, k in sorted(plan.items())]
            tx.run(queries.load("repeat_fold"), rows=rows).consume()
        return plan


def write_keys(tx: Any, rows: Sequence[dict[str, Any]]) -> None:
    """``rows``: {id, keys} per claim just written (an empty list drops its old keys)."""
    if rows:
        tx.run(queries.load("repeat_keys_write"), rows=list(rows)).consume()


def rebuild_batch(tx: Any, article_ids: Sequence[str]) -> int:
    """Build the repeat keys of some articles' claims and fold them with what earlier batches
    built (``kg migrate`` on an existing graph, one batch of articles per transaction): the
    same key lookups as a write, no pairwise scan. Returns the claims keyed."""
    from graph import aggregates  # aggregates imports this module

    rows = tx.run(queries.load("repeat_article_claims"), ids=list(article_ids)).data()
    key_rows = [{"id": r["id"], "keys": repeat_keys(r["speaker_id"] or "", r["content"] or "",
                                                     anonymous=bool(r["anonymous"]))}
                for r in rows]
    new = [member(r) for r in rows]
    refold = Refold.plan(tx, article_ids, [k for r in key_rows for k in r["keys"]], new)
    touched = sorted({*article_ids, *refold.articles()})
    before = aggregates.read_contribution(tx, touched)
    refold.dissolve(tx)
    write_keys(tx, key_rows)
    refold.fold(tx, new)
    aggregates.apply(tx, before, aggregates.read_contribution(tx, touched))
    return len(rows)


def backfill(graph: Any, *, batch: int = 200, log: Any = None) -> object:
    from graph.aggregates import each_article_batch

    done = each_article_batch(graph, rebuild_batch, batch=batch, log=log, what="repeat keys")
    return {"articles": done}
