// agg_apply_pairs for CO_MENTIONED rows only (most of an article's rows: one per pair of the
// entities it mentions), same row shape and same result. With one static type there is no
// per-row UNION subquery, and the month counts and the evidence pointer are set by FOREACH
// instead of CALL subqueries: the planner then materializes the rows once instead of once per
// subquery (Eager), which made the general statement 2-3x slower per row.
UNWIND $rows AS row
MATCH (x:Entity {id: row.a})
MATCH (y:Entity {id: row.b})
MERGE (x)-[r:CO_MENTIONED]->(y)
  ON CREATE SET r.pair = x.id + '\u001f' + y.id
WITH r, row, r.weight IS NULL AS born, coalesce(r.weight, 0) + row.weight AS w,
     coalesce(r.ev_article IN row.ev_drop, false) AS repoint, head(row.ev) AS c
SET r.weight = w,
    r.first = CASE WHEN row.add_min IS NOT NULL AND (r.first IS NULL OR row.add_min < r.first)
                   THEN row.add_min ELSE r.first END,
    r.last = CASE WHEN row.add_max IS NOT NULL AND (r.last IS NULL OR row.add_max > r.last)
                  THEN row.add_max ELSE r.last END
FOREACH (i IN range(0, size(row.months) - 1) |
  SET r[row.months[i]] = CASE WHEN coalesce(r[row.months[i]], 0) + row.deltas[i] = 0 THEN null
                              ELSE coalesce(r[row.months[i]], 0) + row.deltas[i] END)
// A pointer to an article the new contribution no longer has is recomputed (repoint), not
// max-merged (graph/agg_pointers.py).
FOREACH (_ IN CASE WHEN NOT repoint AND c IS NOT NULL AND (r.ev_article IS NULL
                        OR [c.s, c.p, c.id] > [r.ev_shared, r.ev_published, r.ev_article])
                   THEN [1] ELSE [] END |
  SET r.ev_article = c.id, r.ev_shared = c.s, r.ev_published = c.p)
WITH r, row, born, repoint, w <= 0 AS gone,
     w > 0 AND row.rem_min IS NOT NULL
       AND (r.first IS NULL OR row.rem_min <= r.first OR row.rem_max >= r.last) AS stale
FOREACH (_ IN CASE WHEN gone THEN [1] ELSE [] END | DELETE r)
WITH row, stale, repoint AND NOT gone AS repoint, born <> gone AS solo
WHERE stale OR repoint OR solo
RETURN row.type AS type, row.a AS a, row.b AS b, stale, repoint, solo
