// Adds a delta to entity-to-entity aggregates: the total weight, the per-month counts (one
// dynamic property "m<YYYY-MM>" each, removed at zero) and first/last day seen. A relationship
// whose weight falls to zero is deleted. Returns the pairs whose first/last may have moved
// because a boundary day was taken away (graph/aggregates.py recomputes those).
// It also max-merges the evidence pointers (graph/agg_pointers.py: row.ev, the new candidates;
// a pointer to one of row.ev_drop, which the new contribution no longer has, is returned as
// `repoint` and recomputed instead) and returns `solo` for the pairs whose co-mention edge, or
// claim/role edge, was created or deleted (their one-kind-per-pair flag is then refreshed).
// A new co-mention or claim edge gets its `pair` key (start id, U+001F, end id), which a
// relationship index serves to readers that look one edge up by its two entities.
UNWIND $rows AS row
MATCH (x:Entity {id: row.a})
MATCH (y:Entity {id: row.b})
// One static type per branch: a dynamic type would make MERGE expand every relationship
// between the two entities instead of one type's.
CALL (x, y, row) {
  WITH x, y, row WHERE row.type = 'CO_MENTIONED'
  MERGE (x)-[r:CO_MENTIONED]->(y)
    ON CREATE SET r.pair = x.id + '\u001f' + y.id
  RETURN r
  UNION
  WITH x, y, row WHERE row.type = 'CLAIMED_ABOUT'
  MERGE (x)-[r:CLAIMED_ABOUT]->(y)
    ON CREATE SET r.pair = x.id + '\u001f' + y.id
  RETURN r
  UNION
  WITH x, y, row WHERE row.type = 'HOLDS_ROLE'
  MERGE (x)-[r:HOLDS_ROLE]->(y)
  RETURN r
}
WITH x, y, r, row, r.weight IS NULL AS born
SET r.weight = coalesce(r.weight, 0) + row.weight,
    r.about = CASE WHEN row.about IS NULL THEN r.about ELSE coalesce(r.about, 0) + row.about END,
    r.target = CASE WHEN row.target IS NULL THEN r.target
                    ELSE coalesce(r.target, 0) + row.target END
WITH r, row, born
CALL (r, row) {
  UNWIND range(0, size(row.months) - 1) AS i
  WITH r, row.months[i] AS k, coalesce(r[row.months[i]], 0) + row.deltas[i] AS v
  SET r[k] = CASE WHEN v = 0 THEN null ELSE v END
}
SET r.first = CASE WHEN row.add_min IS NOT NULL AND (r.first IS NULL OR row.add_min < r.first)
                   THEN row.add_min ELSE r.first END,
    r.last = CASE WHEN row.add_max IS NOT NULL AND (r.last IS NULL OR row.add_max > r.last)
                  THEN row.add_max ELSE r.last END
WITH r, row, born,
     coalesce(r.ev_article IN row.ev_drop, false)
       OR any(c IN coalesce(r.ev_claims, []) WHERE c IN row.ev_drop) AS repoint
CALL (r, row, repoint) {
  WITH r, row, head(row.ev) AS c
  WHERE NOT repoint AND row.type = 'CO_MENTIONED' AND c IS NOT NULL
    AND (r.ev_article IS NULL OR [c.s, c.p, c.id] > [r.ev_shared, r.ev_published, r.ev_article])
  SET r.ev_article = c.id, r.ev_shared = c.s, r.ev_published = c.p
}
CALL (r, row, repoint) {
  WITH r, row WHERE NOT repoint AND row.type = 'CLAIMED_ABOUT' AND size(row.ev) > 0
  UNWIND [i IN range(0, size(coalesce(r.ev_claims, [])) - 1)
          | {k: r.ev_claim_keys[i], id: r.ev_claims[i]}] + row.ev AS c
  WITH r, c ORDER BY c.k DESC, c.id
  WITH r, collect(DISTINCT c)[..$keep] AS top
  SET r.ev_claims = [c IN top | c.id], r.ev_claim_keys = [c IN top | c.k]
}
WITH r, row, born, repoint, r.weight <= 0 AS gone,
     r.weight > 0 AND row.rem_min IS NOT NULL
       AND (r.first IS NULL OR row.rem_min <= r.first OR row.rem_max >= r.last) AS stale
FOREACH (_ IN CASE WHEN gone THEN [1] ELSE [] END | DELETE r)
WITH row, stale, repoint AND NOT gone AS repoint, born <> gone AS solo
WHERE stale OR repoint OR solo
RETURN row.type AS type, row.a AS a, row.b AS b, stale, repoint, solo
