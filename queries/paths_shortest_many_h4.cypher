// Shortest paths between two entities over the write-time aggregate edges, with Neo4j 5's
// SHORTEST: exact, no neighbour cap. Between a pair of entities only one edge kind is walked
// (a co-mention when there is one), so paths are distinct entity sequences, not the same
// sequence through parallel edges. `solo` (kept by the writer, graph/agg_pointers.py) marks a
// claim or role edge with no co-mention beside it: unlike a NOT EXISTS subquery, a property
// test is inlined into the SHORTEST search instead of filtering enumerated variants.
// The path count and the hop bound must be literals, so there is one file per pair:
// paths_shortest[_many][_h4] (graph/reads/paths.py picks it). This one: k > 3 (12: room for repeats), max_hops = 4.
// Asking for 12 paths or 4 hops when 3 paths within 3 hops are wanted made the search several
// times slower between hubs. The k shortest, less those over $max_hops, are the k shortest
// within $max_hops.
MATCH (a:Entity {id: $a}), (b:Entity {id: $b})
MATCH p = SHORTEST 12 (a)(
  (x:Entity)-[r:CO_MENTIONED|CLAIMED_ABOUT|HOLDS_ROLE]-(y:Entity)
  WHERE r:CO_MENTIONED OR r.solo
){1,4}(b)
WHERE length(p) <= $max_hops
RETURN [n IN nodes(p) | n.id] AS ids
