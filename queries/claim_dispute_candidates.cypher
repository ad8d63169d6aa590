// What graph/disputes.py needs to decide whether two claims really dispute each other: this
// claim and other speakers' claims on one of its entities (a figure's place is one of them),
// each with its speaker, stance, content, entities, target, date, the speaker's sides (role
// organizations/places, an anonymous source's affiliation) and its figure. Bounded by $scan.
MATCH (s)-[:SAID]->(c:Claim {id: $id})
OPTIONAL CALL (s, c) {
  MATCH (c)-[:ABOUT|TARGETS]->(e:Entity)<-[:ABOUT|TARGETS]-(o:Claim)<-[:SAID]-(os)
  WHERE os <> s AND o <> c
  RETURN DISTINCT o
  LIMIT $scan
  UNION
  // other speakers' claims in the same article: a denial may only point back ('denied the
  // allegations') and share no entity
  MATCH (c)-[:REPORTED_IN]->(:Article)<-[:REPORTED_IN]-(o:Claim)<-[:SAID]-(os)
  WHERE os <> s AND o <> c
  RETURN DISTINCT o
  LIMIT $scan
}
WITH c, collect(o) AS others
UNWIND [c] + others AS x
MATCH (xs)-[:SAID]->(x)
RETURN x.id AS id, xs.id AS speaker_id, coalesce(x.stance, 'asserts') AS stance,
       x.content AS content,
       COLLECT { MATCH (x)-[:ABOUT|TARGETS]->(e:Entity) RETURN DISTINCT e.id } AS entities,
       COLLECT { MATCH (x)-[:TARGETS]->(t:Entity) RETURN t.id }[0] AS target,
       coalesce(x.date, x.published) AS date,
       COLLECT { MATCH (xs)-[:HAS_ROLE]->(g:Entity) RETURN DISTINCT g.id }
         + CASE WHEN xs.affiliation IS NULL THEN [] ELSE [toLower(xs.affiliation)] END AS sides,
       x.quantity_counted AS counted, coalesce(x.quantity_low, x.quantity_value) AS low,
       coalesce(x.quantity_high, x.quantity_value) AS high, x.quantity_where AS where,
       x.quantity_when AS when, x.article_id AS article_id, x.content_start AS start,
       x.content_end AS end
