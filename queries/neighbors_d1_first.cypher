// A one-level neighbourhood of an entity by id in one read (graph/reads/network.py; undated,
// no type filter, one evidence item per edge): what neighbors_top.cypher reads for it (the
// entity, then each list kind's first $per_node neighbours from its TopNeighbours lists), the
// rows ranked and cut to $limit nodes as neighbors() does, and `pairs`, the evidence wanted for
// the edges kept, which the evidence blocks of edge_evidence_ptr.cypher (appended to this text
// by graph/reads/evidence.py) then read. `fallback`: a list is missing, or a full list gave
// fewer than $per_node (the caller then reads level and evidence apart; pairs is empty).
CALL () {
  MATCH (e {id: $id})
  WHERE e:Entity OR e:AnonymousSource
  RETURN collect({entity: e {.id, .name, .type, .aliases, .lat, .lon, .country, .admin1,
                             .description},
                  mentions: COUNT { (e)<-[:MENTIONS]-() }}) AS root
}
OPTIONAL MATCH (s:TopNeighbours {entity_id: $id})
CALL (s) {
  UNWIND $kinds AS kind
  WITH kind, s['top_' + kind] AS ids, s['top_' + kind + '_w'] AS ws
  CALL (ids, ws) {
    WITH ids, ws, coalesce(size(ids), 0) AS n
    UNWIND range(0, CASE WHEN n > $per_node THEN $per_node ELSE n END - 1) AS i
    MATCH (o:Entity {id: ids[i]})
    WITH o, ws[i] AS w, i ORDER BY i LIMIT $per_node
    RETURN collect({other: o {.id, .name, .type, .lat, .lon, .country}, weight: w,
                    mentions: COUNT { (o)<-[:MENTIONS]-() }}) AS got
  }
  RETURN collect({kind: kind, missing: ids IS NULL, listed: coalesce(size(ids), 0),
                  got: got}) AS lists
}
WITH root, lists,
     size(root) = 0 OR any(l IN lists WHERE l.missing
                                            OR (l.listed >= $k AND size(l.got) < $per_node))
       AS fallback
// Rows as network._step makes them: roles in both directions ranked together and cut.
CALL (lists) {
  UNWIND lists AS l
  UNWIND l.got AS g
  WITH l.kind AS kind, g, l.kind IN ['co', 'out', 'rp'] AS outgoing
  WITH kind IN ['rp', 'ro'] AS role, {
    type: CASE kind WHEN 'co' THEN 'CO_MENTIONED' WHEN 'out' THEN 'CLAIM_ABOUT'
                    WHEN 'in' THEN 'CLAIM_ABOUT' ELSE 'HAS_ROLE' END,
    source: CASE WHEN outgoing THEN $id ELSE g.other.id END,
    target: CASE WHEN outgoing THEN g.other.id ELSE $id END,
    weight: g.weight, other: g.other, other_mentions: g.mentions} AS r
  ORDER BY r.weight DESC, r.other.id
  WITH role, collect(r) AS rs
  RETURN collect(CASE WHEN role THEN rs[..$per_node] ELSE rs END) AS parts
}
// Ranked as neighbors() ranks them; the first $limit - 1 other entities are kept.
CALL (parts) {
  UNWIND parts AS part
  UNWIND part AS r
  WITH r ORDER BY r.weight DESC, r.type, r.source, r.target
  RETURN collect(r) AS rows
}
WITH root, rows, fallback, root[0].mentions AS root_m,
     reduce(acc = [], r IN rows |
       CASE WHEN r.other.id = $id OR r.other.id IN acc OR size(acc) >= $limit - 1 THEN acc
            ELSE acc + r.other.id END) AS kept
WITH root, rows, fallback, root_m,
     [r IN rows WHERE r.other.id = $id OR r.other.id IN kept] AS edges
WITH root, rows, fallback,
     CASE WHEN fallback THEN [] ELSE
       [r IN edges WHERE r.type = 'CLAIM_ABOUT' | {kind: 'claim', a: r.source, b: r.target}] +
       [r IN edges WHERE r.type = 'CO_MENTIONED' |
          CASE WHEN root_m <= r.other_mentions THEN {kind: 'co', a: r.source, b: r.target}
               ELSE {kind: 'co', a: r.target, b: r.source} END] +
       [r IN edges WHERE r.type = 'HAS_ROLE' | {kind: 'role', a: r.source, b: r.target}]
     END AS pairs
