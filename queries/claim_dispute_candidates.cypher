// What graph/disputes.py needs to decide whether two claims really dispute each other: this
// claim, other speakers' claims on one of its entities (a figure's place is one of them) dated
// within $window days of it (or undated), rarest entity first, and every claim of its own
// article (a denial may only point back, 'denied the allegations', and share no entity). Each
// row: speaker, stance, content, entities, target, date, what side_keys needs for the speaker
// and the target (ids, names: affiliation, a named speaker's, its role organizations';
// countries) and the figure.
// Bounded: $scan per branch, no scan over all claims. The window is compared as ISO day
// strings (bounds computed once, not a date parse per candidate), and each speaker's and
// target's sides are read once per distinct speaker or target, not once per candidate row (a
// speaker quoted in many articles has thousands of HAS_ROLE evidence edges).
MATCH (s)-[:SAID]->(c:Claim {id: $id})
WITH s, c, coalesce(c.date, c.published) AS key
WITH s, c, CASE WHEN key =~ '\\d{4}-\\d{2}-\\d{2}.*' THEN date(substring(key, 0, 10)) END AS day
WITH s, c, toString(day - duration({days: $window})) AS lo,
     toString(day + duration({days: $window})) AS hi
OPTIONAL CALL (s, c, lo, hi) {
  MATCH (c)-[:ABOUT|TARGETS]->(e:Entity)
  WITH DISTINCT e ORDER BY COUNT { (e)<-[:ABOUT|TARGETS]-() } ASC  // degree: no scan
  MATCH (e)<-[:ABOUT|TARGETS]-(o:Claim)
  WHERE o <> c
  WITH o, coalesce(o.date, o.published) AS okey
  WHERE lo IS NULL OR okey IS NULL OR NOT okey =~ '\\d{4}-\\d{2}-\\d{2}.*'
        OR lo <= substring(okey, 0, 10) <= hi
  MATCH (o)<-[:SAID]-(os)
  WHERE os <> s
  RETURN DISTINCT o
  LIMIT $scan
  UNION
  MATCH (c)-[:REPORTED_IN]->(:Article)<-[:REPORTED_IN]-(o:Claim)
  WHERE o <> c
  RETURN DISTINCT o
  LIMIT $scan
}
WITH c, collect(o) AS others
WITH [c] + others AS xs
UNWIND range(0, size(xs) - 1) AS i
WITH i, xs[i] AS x
MATCH (xs)-[:SAID]->(x)
OPTIONAL MATCH (x)-[:TARGETS]->(t:Entity)
WITH xs, collect({i: i, x: x, t: t}) AS items
CALL (xs) {
  OPTIONAL MATCH (xs)-[:HAS_ROLE]->(g:Entity)
  WITH DISTINCT g
  RETURN collect(g.id) AS side_ids, collect(g.name) AS g_names, collect(g.country) AS g_countries
}
UNWIND items AS item
WITH xs, item.i AS i, item.x AS x, item.t AS t, side_ids,
     [n IN [xs.affiliation, CASE WHEN xs:AnonymousSource THEN null ELSE xs.name END]
      WHERE n IS NOT NULL] + g_names AS side_names,
     [xs.country] + g_countries AS side_countries
WITH t, collect({xs: xs, i: i, x: x, side_ids: side_ids, side_names: side_names,
                 side_countries: side_countries}) AS items
CALL (t) {
  OPTIONAL MATCH (t)-[:HAS_ROLE]->(g:Entity)
  WITH DISTINCT g
  RETURN collect(g.id) AS t_ids, collect(g.country) AS t_countries
}
UNWIND items AS item
WITH item, item.x AS x, item.xs AS xs, t, t_ids, t_countries
ORDER BY item.i
RETURN x.id AS id, xs.id AS speaker_id, coalesce(x.stance, 'asserts') AS stance,
       x.content AS content,
       COLLECT { MATCH (x)-[:ABOUT|TARGETS]->(e:Entity) RETURN DISTINCT e.id } AS entities,
       t.id AS target,
       coalesce(x.date, x.published) AS date,
       item.side_ids AS side_ids, item.side_names AS side_names,
       item.side_countries AS side_countries,
       CASE WHEN t IS NULL THEN [] ELSE t_ids END AS target_side_ids,
       CASE WHEN t IS NULL THEN [] ELSE [t.country] + t_countries END AS target_side_countries,
       x.quantity_counted AS counted, coalesce(x.quantity_low, x.quantity_value) AS low,
       coalesce(x.quantity_high, x.quantity_value) AS high, x.quantity_where AS where,
       x.quantity_when AS when, x.quantity_unit AS unit, x.article_id AS article_id,
       x.content_start AS start, x.content_end AS end, x.sentence_start AS sentence_start,
       x.sentence_end AS sentence_end
