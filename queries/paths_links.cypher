// Which of these pairs of entities are linked, and how strongly, for the exact path search
// (graph/reads/path_search.py), by seeks instead of expanding either entity (both may be hubs):
// a co-mention's and a claim's `pair` key (start id, U+001F, end id; relationship indexes,
// migration 7), a role through the person's few HOLDS_ROLE edges (Expand(Into) walks the
// lower-degree end). Strength as in paths_expand: the co-mention, else the `solo` edges' total.
// $pairs: {u, v, uv: u + U+001F + v, vu: v + U+001F + u}, u < v (a co-mention's direction).
UNWIND $pairs AS p
CALL (p) {
  MATCH ()-[r:CO_MENTIONED {pair: p.uv}]->()
  RETURN r.weight AS w
  UNION ALL
  MATCH ()-[r:CLAIMED_ABOUT {pair: p.uv}]->()
  WHERE r.solo
  RETURN r.weight AS w
  UNION ALL
  MATCH ()-[r:CLAIMED_ABOUT {pair: p.vu}]->()
  WHERE r.solo
  RETURN r.weight AS w
  UNION ALL
  MATCH (x:Entity {id: p.u})-[r:HOLDS_ROLE]-(y:Entity {id: p.v})
  WHERE r.solo
  RETURN r.weight AS w
}
WITH p, sum(w) AS w
WHERE w > 0
RETURN p.u AS u, p.v AS v, w
