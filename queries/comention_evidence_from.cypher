// Evidence for co-mention edges, walking from the first entity of each pair (the caller puts
// the one with fewer articles first, so a hub's articles are never scanned): up to $per_pair
// of the newest of its first $article_cap articles that also mention the second, preferring
// those where both occur in one sentence (that sentence, and the first entity's offsets in it).
UNWIND $pairs AS pair
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
  ORDER BY size(shared) > 0 DESC, a.published DESC
  LIMIT $per_pair
}
WITH pair, a, mx, head(shared) AS i
RETURN pair.a AS a_id, pair.b AS b_id,
       a {.id, .title, .url, .source, .published} AS article,
       CASE WHEN i IS NULL THEN null
            ELSE substring(a.text, mx.sentence_starts[i],
                           mx.sentence_ends[i] - mx.sentence_starts[i]) END AS sentence,
       CASE WHEN i IS NULL THEN mx.starts[0] ELSE mx.starts[i] END AS start,
       CASE WHEN i IS NULL THEN mx.ends[0] ELSE mx.ends[i] END AS end,
       CASE WHEN i IS NULL THEN null ELSE mx.sentence_starts[i] END AS sentence_start,
       CASE WHEN i IS NULL THEN null ELSE mx.sentence_ends[i] END AS sentence_end
