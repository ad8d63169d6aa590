// DUPLICATE_OF links (syndication, near-duplicates) touching an outlet's or an article's
// articles, in either direction.
CALL () {
  WITH 1 AS one WHERE $source_id IS NOT NULL
  MATCH (:Source {id: $source_id})<-[:PUBLISHED_BY]-(a:Article)
  RETURN a
  UNION
  WITH 1 AS one WHERE $article_id IS NOT NULL
  MATCH (a:Article {id: $article_id})
  RETURN a
}
MATCH (a)-[d:DUPLICATE_OF]-(o:Article)
WITH DISTINCT startNode(d) AS x, endNode(d) AS y, d.similarity AS similarity
LIMIT $limit
RETURN x {.id, .title, .url, .published, .status, outlet: x.source} AS article,
       y {.id, .title, .url, .published, .status, outlet: y.source} AS duplicate_of, similarity
