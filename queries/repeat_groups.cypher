// The whole fold group of each seed claim: its canonical claim (itself, or what it is a
// REPEAT_OF) and that claim's repeats, with what graph/repeats.py needs to fold them again.
UNWIND $ids AS cid
CALL (cid) {
  MATCH (c:Claim {id: cid}) RETURN c
  UNION
  MATCH (c:ClaimRepeat {id: cid}) RETURN c
}
OPTIONAL MATCH (c)-[:REPEAT_OF]->(k:Claim)
WITH coalesce(k, c) AS canon
CALL (canon) {
  RETURN canon AS m
  UNION
  MATCH (m:ClaimRepeat)-[:REPEAT_OF]->(canon) RETURN m
}
WITH DISTINCT canon, m
RETURN canon.id AS group_id, m.id AS id, m.article_id AS article_id, m.content AS content,
       coalesce(m.anonymous, false) AS anonymous, m.published AS published,
       [(s:Entity)-[:SAID]->(m) | s.id][0] AS speaker_id, m:ClaimRepeat AS repeat
