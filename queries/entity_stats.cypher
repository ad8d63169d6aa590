// An entity with its write-time counts (EntityStats: "m<day>" mentions, "a<day>" articles,
// "c<day>" claims by or about it) and, when $limit > 0, its heaviest co-mentions (exact).
MATCH (e:Entity {id: $id})
OPTIONAL MATCH (s:EntityStats {entity_id: e.id})
CALL (e) {
  MATCH (e)-[r:CO_MENTIONED]-(o:Entity)
  WHERE $limit > 0
  WITH o, r.weight AS shared
  ORDER BY shared DESC, o.id ASC
  LIMIT $limit
  RETURN collect({entity: o {.id, .name, .type, .aliases, .lat, .lon, .country, .admin1},
                  articles: shared}) AS co
}
RETURN e {.*} AS entity, CASE WHEN s IS NULL THEN {} ELSE properties(s) END AS counts, co
