// Evidence pointers of a few aggregate edges recomputed from their evidence (graph/
// agg_pointers.py): only for the pairs whose pointed article or claim a re-extraction or a
// deletion just took away. The order is the one the pointers keep and the reads use:
// - CO_MENTIONED: the shared article with both entities in one sentence, newest, greatest id;
// - CLAIMED_ABOUT: the $claims newest claims (coalesce(date, published, '') desc, id).
UNWIND $rows AS row
MATCH (x:Entity {id: row.a})-[r:$(row.type)]->(y:Entity {id: row.b})
SET r.ev_article = null, r.ev_shared = null, r.ev_published = null, r.ev_claims = null,
    r.ev_claim_keys = null
WITH x, y, r, row
CALL (x, y, r, row) {
  WITH x, y, r, row WHERE row.type = 'CO_MENTIONED'
  MATCH (x)<-[mx:MENTIONS]-(a:Article)-[my:MENTIONS]->(y)
  WITH r, a, any(s IN mx.sentence_starts WHERE s >= 0 AND s IN my.sentence_starts) AS shared
  ORDER BY shared DESC, coalesce(a.published, '') DESC, a.id DESC
  LIMIT 1
  SET r.ev_article = a.id, r.ev_shared = shared, r.ev_published = coalesce(a.published, '')
}
CALL (x, y, r, row) {
  WITH x, y, r, row WHERE row.type = 'CLAIMED_ABOUT'
  MATCH (x)-[:SAID]->(c:Claim)-[:ABOUT|TARGETS]->(y)
  WITH DISTINCT r, c.id AS id, coalesce(c.date, c.published, '') AS k
  ORDER BY k DESC, id
  WITH r, collect(id)[..$claims] AS ids, collect(k)[..$claims] AS keys
  SET r.ev_claims = ids, r.ev_claim_keys = keys
}
RETURN count(r) AS n
