// An entity with its write-time counts (EntityStats: "m<day>" mentions, "a<day>" articles,
// "c<day>" claims by or about it) and, when $limit > 0, its heaviest co-mentions (exact): from
// its top-K list (TopNeighbours, graph/toplists.py) when the list answers — it holds every
// co-mention (shorter than $k) or at least $limit of them — else weighed over every edge.
MATCH (e:Entity {id: $id})
OPTIONAL MATCH (s:EntityStats {entity_id: e.id})
OPTIONAL MATCH (t:TopNeighbours {entity_id: e.id})
WITH e, s, t, t.top_co IS NOT NULL AND (size(t.top_co) < $k OR size(t.top_co) >= $limit) AS listed
CALL (t, listed) {
  WITH t WHERE $limit > 0 AND listed
  UNWIND range(0, size(t.top_co) - 1) AS i
  WITH t, i WHERE i < $limit
  MATCH (o:Entity {id: t.top_co[i]})
  WITH o, t.top_co_w[i] AS shared, i ORDER BY i
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
RETURN e {.*} AS entity, CASE WHEN s IS NULL THEN {} ELSE properties(s) END AS counts,
       CASE WHEN listed THEN listed_co ELSE scanned_co END AS co
