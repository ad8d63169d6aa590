// An entity with its write-time counts (EntityStats: "m<day>" mentions, "a<day>" articles,
// "c<day>" claims by or about it) and, when $limit > 0, its heaviest co-mentions (exact): from
// its top-K list (graph/toplists.py) when the list answers — it holds every co-mention (shorter
// than $k) or at least $limit of them — else weighed over every CO_MENTIONED edge.
MATCH (e:Entity {id: $id})
OPTIONAL MATCH (s:EntityStats {entity_id: e.id})
WITH e, s, s.top_co IS NOT NULL AND (size(s.top_co) < $k OR size(s.top_co) >= $limit) AS listed
CALL (s, listed) {
  WITH s WHERE $limit > 0 AND listed
  UNWIND range(0, size(s.top_co) - 1) AS i
  WITH s, i WHERE i < $limit
  MATCH (o:Entity {id: s.top_co[i]})
  WITH o, s.top_co_w[i] AS shared, i ORDER BY i
  RETURN collect({entity: o {.id, .name, .type, .aliases, .lat, .lon, .country, .admin1},
                  articles: shared}) AS listed_co
}
CALL (e, listed) {
  MATCH (e)-[r:CO_MENTIONED]-(o:Entity)
  WHERE $limit > 0 AND NOT listed
  WITH o, r.weight AS shared
  ORDER BY shared DESC, o.id ASC
  LIMIT $limit
  RETURN collect({entity: o {.id, .name, .type, .aliases, .lat, .lon, .country, .admin1},
                  articles: shared}) AS scanned_co
}
// The counts without the lists (they are not counts, and a hub's are the largest values).
RETURN e {.*} AS entity,
       CASE WHEN s IS NULL THEN {} ELSE s {.*, top_co: null, top_co_w: null, top_out: null,
            top_out_w: null, top_in: null, top_in_w: null, top_rp: null, top_rp_w: null,
            top_ro: null, top_ro_w: null} END AS counts,
       CASE WHEN listed THEN listed_co ELSE scanned_co END AS co
