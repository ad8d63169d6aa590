// Evidence for co-mention edges whose shared articles are already known: per article, the
// sentence both entities occur in (when there is one) and the first entity's offsets in it.
UNWIND $items AS it
UNWIND it.article_ids AS art_id
MATCH (a:Article {id: art_id})-[mx:MENTIONS]->(:Entity {id: it.a})
MATCH (a)-[my:MENTIONS]->(:Entity {id: it.b})
WITH it, a, mx, [i IN range(0, size(mx.sentence_starts) - 1)
                 WHERE mx.sentence_starts[i] >= 0
                   AND mx.sentence_starts[i] IN my.sentence_starts] AS shared
WITH it, a, mx, head(shared) AS i
RETURN it.a AS a_id, it.b AS b_id,
       a {.id, .title, .url, .source, .published} AS article,
       CASE WHEN i IS NULL THEN null
            ELSE substring(a.text, mx.sentence_starts[i],
                           mx.sentence_ends[i] - mx.sentence_starts[i]) END AS sentence,
       CASE WHEN i IS NULL THEN mx.starts[0] ELSE mx.starts[i] END AS start,
       CASE WHEN i IS NULL THEN mx.ends[0] ELSE mx.ends[i] END AS end,
       CASE WHEN i IS NULL THEN null ELSE mx.sentence_starts[i] END AS sentence_start,
       CASE WHEN i IS NULL THEN null ELSE mx.sentence_ends[i] END AS sentence_end
