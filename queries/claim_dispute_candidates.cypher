// What graph/disputes.py needs to decide whether two claims really dispute each other: this
// claim, other speakers' claims on one of its entities (a figure's place is one of them) dated
// within $window days of it (or undated), rarest entity first, and every claim of its own
// article (a denial may only point back, 'denied the allegations', and share no entity). Each
// row: speaker, stance, content, entities, target, date, what side_keys needs for the speaker
// and the target (ids, names: affiliation, a named speaker's, its role organizations';
// countries) and the figure.
// Bounded: $scan per branch, no scan over all claims.
MATCH (s)-[:SAID]->(c:Claim {id: $id})
WITH s, c, coalesce(c.date, c.published) AS key
OPTIONAL CALL (s, c, key) {
  MATCH (c)-[:ABOUT|TARGETS]->(e:Entity)
  WITH DISTINCT e ORDER BY COUNT { (e)<-[:ABOUT|TARGETS]-() } ASC  // degree: no scan
  MATCH (e)<-[:ABOUT|TARGETS]-(o:Claim)<-[:SAID]-(os)
  WHERE os <> s AND o <> c
  WITH o, key, coalesce(o.date, o.published) AS okey
  WHERE key IS NULL OR okey IS NULL OR NOT key =~ '\\d{4}-\\d{2}-\\d{2}.*'
        OR NOT okey =~ '\\d{4}-\\d{2}-\\d{2}.*'
        OR abs(duration.inDays(date(substring(key, 0, 10)),
                               date(substring(okey, 0, 10))).days) <= $window
  RETURN DISTINCT o
  LIMIT $scan
  UNION
  MATCH (c)-[:REPORTED_IN]->(:Article)<-[:REPORTED_IN]-(o:Claim)
  WHERE o <> c
  RETURN DISTINCT o
  LIMIT $scan
}
WITH c, collect(o) AS others
UNWIND [c] + others AS x
MATCH (xs)-[:SAID]->(x)
OPTIONAL MATCH (x)-[:TARGETS]->(t:Entity)
RETURN x.id AS id, xs.id AS speaker_id, coalesce(x.stance, 'asserts') AS stance,
       x.content AS content,
       COLLECT { MATCH (x)-[:ABOUT|TARGETS]->(e:Entity) RETURN DISTINCT e.id } AS entities,
       t.id AS target,
       coalesce(x.date, x.published) AS date,
       COLLECT { MATCH (xs)-[:HAS_ROLE]->(g:Entity) RETURN DISTINCT g.id } AS side_ids,
       [n IN [xs.affiliation, CASE WHEN xs:AnonymousSource THEN null ELSE xs.name END]
        WHERE n IS NOT NULL] + COLLECT { MATCH (xs)-[:HAS_ROLE]->(g:Entity) RETURN g.name }
         AS side_names,
       [xs.country] + COLLECT { MATCH (xs)-[:HAS_ROLE]->(g:Entity) RETURN g.country }
         AS side_countries,
       CASE WHEN t IS NULL THEN [] ELSE
         COLLECT { MATCH (t)-[:HAS_ROLE]->(g:Entity) RETURN DISTINCT g.id } END
         AS target_side_ids,
       CASE WHEN t IS NULL THEN [] ELSE [t.country] + COLLECT {
         MATCH (t)-[:HAS_ROLE]->(g:Entity) RETURN g.country } END AS target_side_countries,
       x.quantity_counted AS counted, coalesce(x.quantity_low, x.quantity_value) AS low,
       coalesce(x.quantity_high, x.quantity_value) AS high, x.quantity_where AS where,
       x.quantity_when AS when, x.quantity_unit AS unit, x.article_id AS article_id,
       x.content_start AS start, x.content_end AS end, x.sentence_start AS sentence_start,
       x.sentence_end AS sentence_end
