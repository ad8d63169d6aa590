"""Timelines: an entity's mentions and claims over time, bucketed by day, week or month.

Counts come from the write-time per-day counts (``EntityStats``); the claims listed for the
newest buckets come from the entity's ``NewestClaims`` lists (graph/newest_claims.py) where those
answer exactly, and are read from the listed days' claims only for the buckets they do not
reach (a hub's lists hold its 20 newest claims by and about it: one or two of its buckets)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

import queries
from graph import newest_claims
from graph.driver import Graph
from graph.errors import InvalidInput, NotFound
from graph.models import ClaimOut, Timeline
from graph.reads import claim_from_row, entity_ids_by_name, stats

# Claims listed in a timeline by default (newest buckets first; every claim is counted). Listing
# 500 with their evidence made a hub's timeline ~420 KB and most of its time (docs/api.md).
TIMELINE_CLAIM_CAP = 100
# An entity with more claims than this has its timeline's claims read from the listed days'
# claims (the sort key's index) rather than by walking all of its claims (a hub has thousands).
TIMELINE_FROM_DAYS = 500
# Off: every listed claim is read by the day scan or walk (tests compare both ways).
USE_LISTS = True
_KIND = {"m": 0, "a": 1, "c": 2}  # stored count prefix -> [mentions, articles, claims] slot


def _bucket(day: str, bucket: str) -> str:
    if bucket == "day" or not day:
        return day[:10]
    if bucket == "month":
        return day[:7]
    try:
        d = date.fromisoformat(day[:10])
    except ValueError:
        return day[:10]
    return date.fromordinal(d.toordinal() - d.weekday()).isoformat()  # the week's Monday


def _head(graph: Graph, ref: str) -> dict[str, Any]:
    """``timeline_head`` for an id or a name (the id first; the name lookup only when no
    entity has that id); NotFound when neither."""
    params = {"stored": newest_claims.N}
    rows = graph.read(queries.load("timeline_head"), id=ref, **params)
    if rows:
        return rows[0]
    ids = entity_ids_by_name(graph, ref, limit=1)
    if not ids:
        raise NotFound(f"no entity matches {ref!r}")
    rows = graph.read(queries.load("timeline_head"), id=ids[0], **params)
    if not rows:
        raise NotFound(f"no entity with id {ids[0]!r}")
    return rows[0]


def timeline(graph: Graph, ref: str, *, bucket: str = "month", date_from: str | None = None,
             date_to: str | None = None, claims_per_bucket: int = 10,
             claim_cap: int = TIMELINE_CLAIM_CAP) -> Timeline:
    """Mentions and claims over time (statement date, else publication date), bucketed, from
    the write-time per-day counts: every claim is counted; the claims themselves are listed for
    the newest buckets, up to ``claims_per_bucket`` each and ``claim_cap`` in all."""
    if bucket not in ("day", "week", "month"):
        raise InvalidInput("bucket must be day, week or month")
    row = _head(graph, ref)
    entity_id = row["entity"]["id"]
    buckets, days = _buckets(row["counts"], bucket, date_from, date_to)
    claim_counts = {period: b["claim_count"] for period, b in buckets.items()}
    wanted = _list_claims(graph, entity_id, claim_counts, days, claims_per_bucket, claim_cap,
                          row)
    for period, listed in wanted.items():
        buckets[period]["claims"] = sorted(
            listed, key=lambda c: (c.date or c.evidence.published or "", c.id), reverse=True)
    e = row["entity"]
    unlisted = [p for p, n in claim_counts.items() if n and p and p not in wanted]
    note = None
    if unlisted and claims_per_bucket and claim_cap:
        note = (f"claims are listed for the newest {len(wanted)} {bucket}s with claims only "
                f"(up to {claims_per_bucket} each, {claim_cap} in all); older ones through "
                f"GET /v1/claims?about={entity_id}&date_to=<date>, or raise claim_cap")
    return Timeline.model_validate({
        "entity": {"id": e["id"], "name": e.get("name") or e["id"],
                   "type": e.get("type") or "Entity"},
        "bucket": bucket, "buckets": [buckets[p] for p in sorted(buckets)],
        "capped": note is not None, "cap_note": note})


def _buckets(counts: dict[str, Any], bucket: str, date_from: str | None,
             date_to: str | None) -> tuple[dict[str, dict[str, Any]], dict[str, tuple[str, int]]]:
    """The buckets with counts (bucket -> its TimelineBucket fields, claims not yet listed) and
    the days with claims in range (day -> (its bucket, claims)), from the stored counts."""
    # Summed straight from the stored keys ("m<day>", "a<day>", "c<day>": stats.daily's input)
    # into plain lists, each day's range test and bucket computed once: a hub has thousands of
    # keys, and a model, or even a dict, per day took most of its timeline's CPU.
    sums: dict[str, list[int]] = {}  # bucket -> [mentions, articles, claims]
    days: dict[str, tuple[str, int]] = {}  # day with claims, in range -> (its bucket, claims)
    period_of_day: dict[str, str | None] = {}  # stored day -> its bucket (None: not counted)
    for key, value in counts.items():
        kind = _KIND.get(key[:1])
        if kind is None:
            continue
        stored = key[1:]
        if stored in period_of_day:
            period = period_of_day[stored]
        else:
            day = "" if stored == "none" else stored
            if (day and not day[:1].isdigit()) or not stats.in_range(day, date_from, date_to):
                period = None  # the totals, or out of range
            else:
                period = _bucket(day, bucket)
                if period not in sums:
                    sums[period] = [0, 0, 0]
            period_of_day[stored] = period
        if period is None:
            continue
        n = int(value)
        sums[period][kind] += n
        if kind == 2 and n and stored != "none":
            days[stored] = (period, n)
    # A day bucket per day: a hub has hundreds, so the buckets stay dicts and the whole
    # timeline is validated in one call at the end.
    return ({period: {"period": period, "mentions": m, "articles": a, "claim_count": c}
             for period, (m, a, c) in sums.items() if m or a or c}, days)


def _from_lists(head: dict[str, Any], period_of: dict[str, str], per_bucket: int
                ) -> dict[str, list[str]]:
    """The buckets the NewestClaims lists answer exactly: bucket -> its newest ``per_bucket``
    claim ids (``period_of``: the days holding each listed bucket's newest claims -> bucket).

    Each list holds its role's newest claims in the order key descending, then id; one shorter
    than ``newest_claims.N`` holds all of them, a full one everything ranking up to its last
    entry. So the two merged hold every claim by or about the entity down to the newest of the
    full lists' last entries, and a day after that entry's day is complete in them. A bucket is
    answered when all of its days in ``period_of`` are."""
    lists = head.get("lists")
    if not USE_LISTS or not lists:
        return {}
    keyed: dict[str, str] = {}
    bound: str | None = None  # the day on and before which the merged lists may lack claims
    for role in newest_claims.ROLES:
        ids, keys = lists[role], lists[role + "_k"]
        if ids is None or keys is None or len(ids) != len(keys):
            return {}
        keyed.update(zip(ids, keys, strict=True))
        if len(ids) >= newest_claims.N and keys:
            last = keys[-1][:10]
            bound = last if bound is None or last > bound else bound
    by_day: dict[str, list[tuple[str, str]]] = {}
    for cid, key in keyed.items():
        by_day.setdefault(key[:10], []).append((key, cid))
    periods: dict[str, list[str]] = {}
    for day, period in period_of.items():
        periods.setdefault(period, []).append(day)
    out: dict[str, list[str]] = {}
    for period, pdays in periods.items():
        if bound is not None and not all(d > bound for d in pdays):
            continue
        got = [x for d in pdays for x in by_day.get(d, [])]
        # key descending, then id ascending (a stable sort by key over the id order)
        got.sort(key=lambda x: x[1])
        got.sort(key=lambda x: x[0], reverse=True)
        out[period] = [cid for _, cid in got[:per_bucket]]
    return out


def _list_claims(graph: Graph, entity_id: str, claim_counts: dict[str, int],
                 days: dict[str, tuple[str, int]], per_bucket: int,
                 cap: int, head: dict[str, Any],
                 build: Callable[[dict[str, Any]], Any] = claim_from_row
                 ) -> dict[str, list[ClaimOut]]:
    """The claims of the newest buckets with claims (``claim_counts``: bucket -> claims),
    ``per_bucket`` each, ``cap`` in all. ``days`` (day -> (bucket, claims), the write-time
    counts) says which days hold each bucket's newest ``per_bucket`` claims: only those days
    are read. Buckets the lists answer (``head``: the timeline_head row) are fetched by id, or
    taken from the head's claims when it has them all; the others' days are read."""
    periods = sorted((p for p, n in claim_counts.items() if n and p), reverse=True)
    periods = periods[:max(0, cap // per_bucket)] if per_bucket else []
    chosen = set(periods)
    period_of: dict[str, str] = {}
    taken: dict[str, int] = {}
    for day in sorted(days, reverse=True):
        period, n = days[day]
        if period in chosen and taken.get(period, 0) < per_bucket:
            period_of[day] = period
            taken[period] = taken.get(period, 0) + n
    if not period_of:
        return {}
    answered = _from_lists(head, period_of, per_bucket)
    listed = {cid: period for period, ids in answered.items() for cid in ids}
    scan_of = {d: p for d, p in period_of.items() if p not in answered}
    wanted: dict[str, list[ClaimOut]] = {}
    if not scan_of and head.get("complete"):
        # Every claim came with the head: no second read.
        for r in head["claims"]:
            period = listed.get(r["claim"]["id"])
            if period is not None:
                wanted.setdefault(period, []).append(build(r))
        return wanted
    total = sum(n for _, n in days.values())
    for r in graph.read(queries.load("timeline_claim_rows"), id=entity_id, listed=listed,
                        scan_of=scan_of, per_bucket=per_bucket,
                        from_days=total > TIMELINE_FROM_DAYS):
        wanted.setdefault(r["period"], []).append(build(r))
    return wanted


__all__ = ["TIMELINE_CLAIM_CAP", "timeline"]
