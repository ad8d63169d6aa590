// Each entity's write-time top-K neighbour lists (graph/toplists.py), read by the exact path
// search (graph/reads/path_search.py): a list shorter than K holds every edge of its kind, so a
// tail entity's whole neighbourhood, with weights, comes from one node and no expansion. No
// TopNeighbours node: the entity has no aggregate edge (every list empty). `deg` (the node's
// stored degree, no expansion) is what expanding it would cost.
UNWIND $ids AS id
OPTIONAL MATCH (t:TopNeighbours {entity_id: id})
OPTIONAL MATCH (e:Entity {id: id})
RETURN id, t IS NOT NULL AS listed,
       COUNT { (e)-[:CO_MENTIONED|CLAIMED_ABOUT|HOLDS_ROLE]-() } AS deg,
       t.top_co AS co, t.top_co_w AS co_w, t.top_out AS out, t.top_out_w AS out_w,
       t.top_in AS in, t.top_in_w AS in_w, t.top_rp AS rp, t.top_rp_w AS rp_w,
       t.top_ro AS ro, t.top_ro_w AS ro_w
