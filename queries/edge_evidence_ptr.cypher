// Evidence for the edges a neighbourhood returns (one co-mention item, up to $claim_ids claim ids
// per edge), read through the evidence pointers the writer keeps on the aggregate edges
// (graph/agg_pointers.py): from the pointed article or claims, never from a hub's articles.
// Same pairs and result shape as edge_evidence.cypher (graph/reads/evidence.py falls back to it
// for a pair whose pointer is missing or dangling: such a pair is left out here).
// - claims: per (speaker, entity) 'claim' pair, the edge's `ev_claims` (the $claim_ids newest
//   claims, newest first), when it holds min(weight, $claim_ids) ids of existing claims;
// - co: per (a, b) 'co' pair, the edge's `ev_article` (both in one sentence, newest, greatest
//   id), its sentence shared by a and b and a's offsets in it, read from the article's two
//   MENTIONS edges;
// - roles: as in edge_evidence.cypher;
// - claim_rows: the first $claim_whole claims of each claim edge, whole (the shape of
//   claims_by_ids.cypher), so that the claims shown as evidence cost no second round trip;
//   with $claim_lean only the parts their evidence shows.
WITH $pairs AS pairs
// >>> evidence blocks (also read after a neighbourhood's first level: neighbors_d1_first)
CALL (pairs) {
  UNWIND pairs AS pair
  WITH pair WHERE pair.kind = 'claim'
  // The edge by its `pair` key (relationship index), not by expanding either entity.
  MATCH ()-[r:CLAIMED_ABOUT {pair: pair.a + '\u001f' + pair.b}]->()
  WITH pair, r.ev_claims AS ids, r.weight AS weight
  WITH pair, ids WHERE ids IS NOT NULL
    AND size(ids) = CASE WHEN weight < $claim_ids THEN weight ELSE $claim_ids END
    AND all(i IN ids WHERE EXISTS { MATCH (c:Claim {id: i}) })
  RETURN collect({a: pair.a, b: pair.b, ids: ids}) AS claims
}
CALL (pairs) {
  UNWIND pairs AS pair
  WITH pair WHERE pair.kind = 'co'
  // The edge by its `pair` key (lower id first; relationship index), then each step in its
  // own subquery, so that the planner looks the article up by id and expands from it rather
  // than from a hub's relationships.
  CALL (pair) {
    WITH pair, CASE WHEN pair.a < pair.b THEN pair.a + '\u001f' + pair.b
                    ELSE pair.b + '\u001f' + pair.a END AS key
    MATCH (lo:Entity)-[r:CO_MENTIONED {pair: key}]->(hi:Entity)
    RETURN r.ev_article AS aid, CASE WHEN lo.id = pair.a THEN lo ELSE hi END AS x,
           CASE WHEN lo.id = pair.a THEN hi ELSE lo END AS y
  }
  CALL (aid) {
    MATCH (a:Article {id: aid})
    RETURN a
  }
  CALL (a, x, y) {
    MATCH (a)-[mx:MENTIONS]->(x)
    MATCH (a)-[my:MENTIONS]->(y)
    RETURN mx, my
  }
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
CALL (pairs) {
  UNWIND pairs AS pair
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
CALL (claims) {
  UNWIND claims AS edge
  UNWIND edge.ids[..$claim_whole] AS cid
  WITH DISTINCT cid
  MATCH (c:Claim {id: cid})
  CALL (c) {
    // $claim_lean: only what a claim's evidence shows (the claim's sentence and offsets, the
    // article), for a caller that shows no claim: no speaker, entities or other properties.
    WITH c WHERE $claim_lean AND EXISTS { ()-[:SAID]->(c) }
    MATCH (c)-[:REPORTED_IN]->(a:Article)
    RETURN {claim: c {.id, .sentence, .content_start, .content_end, .sentence_start,
                      .sentence_end},
            article: a {.id, .title, .url, .source, .published}} AS row
    UNION
    WITH c WHERE NOT $claim_lean
    MATCH (s)-[:SAID]->(c)-[:REPORTED_IN]->(a:Article)
    OPTIONAL MATCH (c)-[:ABOUT]->(ab:Entity)
    OPTIONAL MATCH (c)-[:TARGETS]->(t:Entity)
    WITH s, c, a, collect(DISTINCT {id: ab.id, name: ab.name, type: ab.type}) AS about,
         head(collect(DISTINCT {id: t.id, name: t.name, type: t.type})) AS target
    RETURN {
      claim: c {.*, ingested_at: null},
      speaker: {id: s.id, name: coalesce(s.name, s.description),
                type: coalesce(s.type, 'AnonymousSource'), anonymous: s:AnonymousSource,
                description: s.description, affiliation: s.affiliation},
      about: [x IN about WHERE x.id IS NOT NULL], target: target,
      article: a {.id, .title, .url, .source, .published}} AS row
  }
  RETURN collect(row) AS claim_rows
}
// <<< evidence blocks
RETURN claims, co, roles, claim_rows
