// Shortest connections between two entities through articles (co-mentions), claims
// (SAID/ABOUT/TARGETS) and roles. SHORTEST needs literal bounds: up to 20 candidate paths of
// at most 8 relationships (4 entity hops); graph/reads_graph.py trims to max_hops and k.
MATCH (x:Entity {id: $from_id}), (y:Entity {id: $to_id})
MATCH p = SHORTEST 20 (x)-[:MENTIONS|SAID|ABOUT|TARGETS|HAS_ROLE]-{1,8}(y)
WHERE length(p) <= $max_rels
RETURN [n IN nodes(p) | n {.id, .name, .type, .title, .url, .source, .published, .content,
                           .lat, .lon, .country, labels: labels(n)}] AS nodes,
       [r IN relationships(p) | {type: type(r), start: startNode(r).id, end: endNode(r).id,
                                 title: r.title, article_id: r.article_id}] AS rels
ORDER BY length(p)
