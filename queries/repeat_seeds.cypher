// The claims a repeat fold must look at (graph/repeats.py): every claim node of the given
// articles (canonical or repeat), and the claims of other articles that share a repeat key with
// one of the new claims. Each key is a unique-index seek; at most $per_key claims per key, so
// a speaker's 20,000 claims are never read.
CALL () {
  UNWIND $article_ids AS aid
  MATCH (c)-[:REPORTED_IN]->(:Article {id: aid})
  WHERE c:Claim OR c:ClaimRepeat
  RETURN c.id AS id
  UNION
  UNWIND $keys AS key
  CALL (key) {
    MATCH (:RepeatKey {id: key})<-[:HAS_REPEAT_KEY]-(c)
    WHERE NOT c.article_id IN $article_ids
    RETURN c LIMIT $per_key
  }
  RETURN c.id AS id
}
RETURN DISTINCT id
