// Every neighbour of each entity with the strength of their link, for the exact path search
// (graph/reads/path_search.py) when an entity's top-K lists are full (a hub): the edges a path
// walks between two entities are the co-mention when there is one, else the `solo` claim and
// role edges (graph/agg_pointers.py); the strength is their total weight.
UNWIND $ids AS id
MATCH (:Entity {id: id})-[r:CO_MENTIONED|CLAIMED_ABOUT|HOLDS_ROLE]-(y:Entity)
WHERE r:CO_MENTIONED OR r.solo
WITH id, y.id AS other, sum(r.weight) AS w
RETURN id, collect(other) AS ids, collect(w) AS ws
