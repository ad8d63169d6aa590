// Export scope: the nodes one hop from a frontier of ids (claims, entities, articles, anonymous
// sources). Outlets and resolution decisions are not walked through: an outlet is a hub that
// would pull in every article it published.
UNWIND $frontier AS fid
CALL (fid) {
  MATCH (n:Entity {id: fid}) RETURN n
  UNION
  MATCH (n:Claim {id: fid}) RETURN n
  UNION
  MATCH (n:Article {id: fid}) RETURN n
  UNION
  MATCH (n:AnonymousSource {id: fid}) RETURN n
}
MATCH (n)-[r:MENTIONS|SAID|ABOUT|TARGETS|REPORTED_IN|HAS_ROLE|LOCATED_IN|DUPLICATE_OF|DISPUTES]-(m)
WHERE m:Entity OR m:Claim OR m:Article OR m:AnonymousSource
RETURN DISTINCT m.id AS id
LIMIT $limit
