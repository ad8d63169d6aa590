// One expansion step of the neighborhood: for each frontier entity, its strongest edges to
// other entities — claims it made about them (CLAIM_ABOUT), claims they made about it, roles
// (HAS_ROLE) and co-mentions (CO_MENTIONED, weight = shared articles). A hub is sampled: its
// first $article_cap articles and $claim_cap claims in storage order (newest written first),
// with no sort, so a step costs O(caps) per entity whatever its degree. Every kind is capped
// per entity at $per_node.
UNWIND $ids AS eid
MATCH (e:Entity {id: eid})
CALL (e) {
  WITH e WHERE 'CLAIM_ABOUT' IN $rel_types
  MATCH (e)-[:SAID]->(c:Claim)
  WHERE ($date_from IS NULL OR coalesce(c.date, c.published) >= $date_from)
    AND ($date_to IS NULL OR substring(coalesce(c.date, c.published), 0, size($date_to)) <= $date_to)
  WITH e, c LIMIT $claim_cap
  MATCH (c)-[:ABOUT|TARGETS]->(o:Entity)
  WHERE o <> e
  WITH e, o, collect(DISTINCT c.id) AS claim_ids
  ORDER BY size(claim_ids) DESC LIMIT $per_node
  RETURN e.id AS source, o AS other, o.id AS target, 'CLAIM_ABOUT' AS type,
         size(claim_ids) AS weight, claim_ids[..$evidence_cap] AS claim_ids, null AS title,
         [] AS article_ids
  UNION
  WITH e WHERE 'CLAIM_ABOUT' IN $rel_types
  MATCH (e)<-[:ABOUT|TARGETS]-(c:Claim)
  WHERE ($date_from IS NULL OR coalesce(c.date, c.published) >= $date_from)
    AND ($date_to IS NULL OR substring(coalesce(c.date, c.published), 0, size($date_to)) <= $date_to)
  WITH DISTINCT e, c LIMIT $claim_cap
  MATCH (c)<-[:SAID]-(o:Entity)
  WHERE o <> e
  WITH e, o, collect(DISTINCT c.id) AS claim_ids
  ORDER BY size(claim_ids) DESC LIMIT $per_node
  RETURN o.id AS source, o AS other, e.id AS target, 'CLAIM_ABOUT' AS type,
         size(claim_ids) AS weight, claim_ids[..$evidence_cap] AS claim_ids, null AS title,
         [] AS article_ids
  UNION
  WITH e WHERE 'HAS_ROLE' IN $rel_types
  MATCH (e)-[r:HAS_ROLE]-(o:Entity)
  WITH e, o, startNode(r) AS p, endNode(r) AS org, collect(r.title)[0] AS title, count(r) AS n
  LIMIT $per_node
  RETURN p.id AS source, o AS other, org.id AS target, 'HAS_ROLE' AS type, n AS weight,
         [] AS claim_ids, title, [] AS article_ids
  UNION
  WITH e WHERE 'CO_MENTIONED' IN $rel_types
  MATCH (e)<-[m:MENTIONS]-(a:Article)
  WHERE ($date_from IS NULL OR m.published >= $date_from)
    AND ($date_to IS NULL OR substring(m.published, 0, size($date_to)) <= $date_to)
  WITH e, a LIMIT $article_cap
  MATCH (a)-[:MENTIONS]->(o:Entity)
  WHERE o <> e
  WITH e, o, count(a) AS shared, collect(a.id)[..$evidence_cap] AS article_ids
  ORDER BY shared DESC, o.id ASC LIMIT $per_node
  RETURN e.id AS source, o AS other, o.id AS target, 'CO_MENTIONED' AS type, shared AS weight,
         [] AS claim_ids, null AS title, article_ids
}
WITH source, target, type, weight, claim_ids, title, article_ids, other
WHERE $types IS NULL OR other.type IN $types
RETURN source, target, type, weight, claim_ids, title, article_ids,
       other {.id, .name, .type, .lat, .lon, .country} AS other,
       COUNT { (other)<-[:MENTIONS]-() } AS other_mentions
