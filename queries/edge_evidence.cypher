// Evidence for the edges a neighbourhood returns, in one round trip (graph/reads/evidence.py).
// $pairs: [{kind: 'claim' | 'co' | 'role', a, b}], one list rather than one per kind: Neo4j
// keys its plan cache on each list parameter's size class (empty, 1, 2-10, 11-100, ...), and
// three lists made dozens of variants of this query to plan (~0.3-0.8 s each) instead of four.
// - claims: per (speaker, entity) 'claim' pair, the ids of up to $claim_ids_per_edge
//   claims by the speaker about or targeting the entity, walking from the side with fewer
//   claims (relationship degrees: no scan) and stopping after $claim_scan, newest first among
//   those found;
// - co: per (a, b) 'co' pair (a: the side with fewer articles, so a hub's articles are
//   never scanned), up to $per_edge of the first $article_cap articles mentioning both,
//   preferring those where both occur in one sentence (that sentence, and a's offsets in it),
//   then the newest, then the greatest id (the order of the evidence pointers the writer
//   keeps, graph/agg_pointers.py; edge_evidence_ptr.cypher reads those when one item is wanted);
// - roles: per (person, organization) 'role' pair, up to $per_edge HAS_ROLE edges with
//   the sentence that attests them.
// Each part returns one list (empty when its pairs are), so the query returns one row.
CALL () {
  UNWIND $pairs AS pair
  WITH pair WHERE pair.kind = 'claim'
  MATCH (x:Entity {id: pair.a})
  MATCH (y:Entity {id: pair.b})
  CALL (x, y) {
    WITH x, y WHERE COUNT { (x)-[:SAID]->() } <= COUNT { (y)<-[:ABOUT|TARGETS]-() }
    MATCH (x)-[:SAID]->(c:Claim)
    WHERE EXISTS { (c)-[:ABOUT|TARGETS]->(y) }
    RETURN c LIMIT $claim_scan
    UNION
    WITH x, y WHERE COUNT { (x)-[:SAID]->() } > COUNT { (y)<-[:ABOUT|TARGETS]-() }
    MATCH (y)<-[:ABOUT|TARGETS]-(c:Claim)
    WHERE EXISTS { (x)-[:SAID]->(c) }
    RETURN DISTINCT c LIMIT $claim_scan
  }
  WITH pair, c ORDER BY coalesce(c.date, c.published, '') DESC, c.id
  WITH pair, collect(c.id)[..$claim_ids_per_edge] AS ids
  RETURN collect({a: pair.a, b: pair.b, ids: ids}) AS claims
}
CALL () {
  UNWIND $pairs AS pair
  WITH pair WHERE pair.kind = 'co'
  MATCH (x:Entity {id: pair.a})
  MATCH (y:Entity {id: pair.b})
  CALL (x, y) {
    MATCH (x)<-[mx:MENTIONS]-(a:Article)
    WHERE EXISTS { (a)-[:MENTIONS]->(y) }
    WITH a, mx LIMIT $article_cap
    MATCH (a)-[my:MENTIONS]->(y)
    WITH a, mx, [i IN range(0, size(mx.sentence_starts) - 1)
                 WHERE mx.sentence_starts[i] >= 0
                   AND mx.sentence_starts[i] IN my.sentence_starts] AS shared
    RETURN a, mx, shared
    ORDER BY size(shared) > 0 DESC, coalesce(a.published, '') DESC, a.id DESC
    LIMIT $per_edge
  }
  WITH pair, a, mx, head(shared) AS i
  RETURN collect({
    a_id: pair.a, b_id: pair.b,
    article: a {.id, .title, .url, .source, .published},
    sentence: CASE WHEN i IS NULL THEN null
                   ELSE substring(a.text, mx.sentence_starts[i],
                                  mx.sentence_ends[i] - mx.sentence_starts[i]) END,
    start: CASE WHEN i IS NULL THEN mx.starts[0] ELSE mx.starts[i] END,
    end: CASE WHEN i IS NULL THEN mx.ends[0] ELSE mx.ends[i] END,
    sentence_start: CASE WHEN i IS NULL THEN null ELSE mx.sentence_starts[i] END,
    sentence_end: CASE WHEN i IS NULL THEN null ELSE mx.sentence_ends[i] END
  }) AS co
}
CALL () {
  UNWIND $pairs AS pair
  WITH pair WHERE pair.kind = 'role'
  MATCH (p:Entity {id: pair.a})
  MATCH (o:Entity {id: pair.b})
  CALL (p, o) {
    MATCH (p)-[r:HAS_ROLE]->(o)
    RETURN r LIMIT $per_edge
  }
  OPTIONAL MATCH (a:Article {id: r.article_id})
  RETURN collect({
    a: pair.a, b: pair.b, person: p {.id, .name, .type},
    organization: o {.id, .name, .type}, title: r.title,
    article: a {.id, .title, .url, .source, .published},
    sentence: CASE WHEN a IS NULL OR r.sentence_start IS NULL THEN null
                   ELSE substring(a.text, r.sentence_start, r.sentence_end - r.sentence_start)
              END,
    start: r.start, end: r.end, sentence_start: r.sentence_start,
    sentence_end: r.sentence_end
  }) AS roles
}
RETURN claims, co, roles
