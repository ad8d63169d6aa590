// Shortest paths between two entities over the write-time aggregate edges, with Neo4j 5's
// SHORTEST: exact, no neighbour cap. Between a pair of entities only one edge kind is walked
// (a co-mention when there is one), so paths are distinct entity sequences, not the same
// sequence through parallel edges; callers keep the first $k with at most $max_hops hops.
MATCH (a:Entity {id: $a}), (b:Entity {id: $b})
MATCH p = SHORTEST 12 (a)(
  (x:Entity)-[r:CO_MENTIONED|CLAIMED_ABOUT|HOLDS_ROLE]-(y:Entity)
  WHERE r:CO_MENTIONED OR NOT EXISTS { (x)-[:CO_MENTIONED]-(y) }
){1,4}(b)
WHERE length(p) <= $max_hops
RETURN [n IN nodes(p) | n.id] AS ids
