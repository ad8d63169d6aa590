// The aggregate edges joining consecutive entities of a path: their kinds and weights, and a
// claim edge's newest claims (its `ev_claims` pointers, graph/agg_pointers.py), by `pair`-key
// seeks rather than expanding from either entity (hops often join two hubs); a role through
// the person's few HOLDS_ROLE edges. $pairs: {a, b, co: the co-mention's key (lower id first),
// ab: a + U+001F + b, ba: b + U+001F + a}. `forward`: the edge runs from a to b.
UNWIND $pairs AS p
CALL (p) {
  MATCH ()-[r:CO_MENTIONED {pair: p.co}]->()
  RETURN 'CO_MENTIONED' AS type, true AS forward, r.weight AS weight, null AS claims
  UNION ALL
  MATCH ()-[r:CLAIMED_ABOUT {pair: p.ab}]->()
  RETURN 'CLAIMED_ABOUT' AS type, true AS forward, r.weight AS weight, r.ev_claims AS claims
  UNION ALL
  MATCH ()-[r:CLAIMED_ABOUT {pair: p.ba}]->()
  RETURN 'CLAIMED_ABOUT' AS type, false AS forward, r.weight AS weight, r.ev_claims AS claims
  UNION ALL
  MATCH (x:Entity {id: p.a})-[r:HOLDS_ROLE]-(:Entity {id: p.b})
  RETURN 'HOLDS_ROLE' AS type, startNode(r) = x AS forward, r.weight AS weight, null AS claims
}
RETURN p.a AS a, p.b AS b, type, forward, weight, claims
