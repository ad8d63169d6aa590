// Evidence for co-mention edges: for each pair, articles mentioning both, preferring articles
// where both occur in the same sentence (that sentence and the first entity's offsets in it).
// At most $article_cap shared articles are looked at (no sort before that cap: bounded).
UNWIND $pairs AS pair
MATCH (x:Entity {id: pair.a})
MATCH (y:Entity {id: pair.b})
CALL (x, y) {
  MATCH (x)<-[mx:MENTIONS]-(a:Article)-[my:MENTIONS]->(y)
  WITH a, mx, my LIMIT $article_cap
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
