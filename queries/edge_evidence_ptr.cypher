// Evidence for the edges a neighbourhood returns when one item per edge is wanted, read through
// the evidence pointers the writer keeps on the aggregate edges (graph/agg_pointers.py): from
// the pointed article or claims, never from a hub's articles. Same pairs and result shape as
// edge_evidence.cypher (graph/reads/evidence.py falls back to it for a pair whose pointer is
// missing or dangling: such a pair is left out here).
// - claims: per (speaker, entity) 'claim' pair, the edge's `ev_claims` (the $claim_ids newest
//   claims, newest first), when it holds min(weight, $claim_ids) ids of existing claims;
// - co: per (a, b) 'co' pair, the edge's `ev_article` (both in one sentence, newest, greatest
//   id), its sentence shared by a and b and a's offsets in it, read from the article's two
//   MENTIONS edges;
// - roles: as in edge_evidence.cypher.
CALL () {
  UNWIND $pairs AS pair
  WITH pair WHERE pair.kind = 'claim'
  MATCH (:Entity {id: pair.a})-[r:CLAIMED_ABOUT]->(:Entity {id: pair.b})
  WITH pair, r.ev_claims AS ids, r.weight AS weight
  WHERE ids IS NOT NULL
    AND size(ids) = CASE WHEN weight < $claim_ids THEN weight ELSE $claim_ids END
    AND all(i IN ids WHERE EXISTS { MATCH (c:Claim {id: i}) })
  RETURN collect({a: pair.a, b: pair.b, ids: ids}) AS claims
}
CALL () {
  UNWIND $pairs AS pair
  WITH pair WHERE pair.kind = 'co'
  MATCH (x:Entity {id: pair.a})-[r:CO_MENTIONED]-(y:Entity {id: pair.b})
  MATCH (a:Article {id: r.ev_article})
  MATCH (a)-[mx:MENTIONS]->(x)
  MATCH (a)-[my:MENTIONS]->(y)
  WITH pair, a, mx, head([i IN range(0, size(mx.sentence_starts) - 1)
                          WHERE mx.sentence_starts[i] >= 0
                            AND mx.sentence_starts[i] IN my.sentence_starts]) AS i
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
    RETURN r LIMIT 1
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
