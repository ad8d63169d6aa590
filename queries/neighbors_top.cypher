// One expansion step from the write-time top-K lists (graph/toplists.py) instead of every
// aggregate edge: for each frontier entity and list kind, the first $per_node listed neighbours
// (of the wanted $types), in list order (weight descending, then id), each looked up by id.
// `listed` is the list's length and `missing` says it is not there: graph/reads/network.py
// falls back to neighbors_agg when a full list gives fewer than $per_node after the type filter.
// $root (the first level: the entity asked for, else null): that entity too, as
// entities_by_ids.cypher reads it, so a neighbourhood needs no lookup of its own.
CALL () {
  UNWIND [x IN [$root] WHERE x IS NOT NULL] AS rid
  MATCH (e {id: rid})
  WHERE e:Entity OR e:AnonymousSource
  RETURN collect({entity: e {.id, .name, .type, .aliases, .lat, .lon, .country, .admin1,
                             .description},
                  mentions: COUNT { (e)<-[:MENTIONS]-() }}) AS root
}
UNWIND $ids AS eid
OPTIONAL MATCH (s:TopNeighbours {entity_id: eid})
UNWIND $kinds AS kind
WITH root, eid, kind, s['top_' + kind] AS ids, s['top_' + kind + '_w'] AS ws
CALL (ids, ws) {
  // Unfiltered, only the first $per_node entries are looked up; filtered, up to all K.
  WITH ids, ws, coalesce(size(ids), 0) AS n
  UNWIND range(0, CASE WHEN $types IS NULL AND n > $per_node THEN $per_node ELSE n END - 1) AS i
  MATCH (o:Entity {id: ids[i]})
  WHERE $types IS NULL OR o.type IN $types
  WITH o, ws[i] AS w, i ORDER BY i LIMIT $per_node
  RETURN collect({other: o {.id, .name, .type, .lat, .lon, .country}, weight: w,
                  mentions: COUNT { (o)<-[:MENTIONS]-() }}) AS got
}
RETURN eid AS id, kind, ids IS NULL AS missing, coalesce(size(ids), 0) AS listed, got,
       root
