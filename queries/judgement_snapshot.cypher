// The exact state of some entities: labels, properties and every relationship (with the key of
// the node at its other end), plus the few properties of that node a split decides by.
UNWIND $ids AS eid
MATCH (n:Entity {id: eid})
OPTIONAL MATCH (n)-[r]-(x)
  WHERE NOT type(r) IN $derived  // write-time aggregates follow the articles' own edges
WITH n, collect(CASE WHEN r IS NULL THEN null ELSE {
  eid: elementId(r), type: type(r), out: startNode(r) = n, props: properties(r),
  other_id: x.id, other_labels: labels(x),
  ctx: x {.article_id, .speaker_start, .speaker_end, .sentence_start, .sentence_end,
          .sentence, .matched, .method, .score, .at, .speaker_id, .speaker_name}
} END) AS rels
RETURN n.id AS id, labels(n) AS labels, properties(n) AS props, rels
