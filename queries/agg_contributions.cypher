// What each article contributes to the write-time aggregates (graph/aggregates.py), read from
// the article's own edges: the entities it mentions (with their mention counts), its claims
// (Entity speaker, subjects, targets, statement day) and the HAS_ROLE edges it is evidence for;
// with the evidence pointers' sort keys (graph/agg_pointers.py): the mentions' sentence starts,
// the publication time, each claim's id and coalesce(date, published, '').
UNWIND $ids AS aid
MATCH (a:Article {id: aid})
RETURN a.id AS id, substring(coalesce(a.published, ''), 0, 10) AS day,
       coalesce(a.published, '') AS published,
       [(a)-[m:MENTIONS]->(e:Entity) | {id: e.id, n: coalesce(m.count, 0),
                                        s: m.sentence_starts}] AS mentions,
       [(c:Claim)-[:REPORTED_IN]->(a) | {
          id: c.id, key: coalesce(c.date, c.published, ''),
          day: substring(coalesce(c.date, c.published, ''), 0, 10),
          speaker: [(s:Entity)-[:SAID]->(c) | s.id],
          about: [(c)-[:ABOUT]->(o:Entity) | o.id],
          target: [(c)-[:TARGETS]->(o:Entity) | o.id]}] AS claims,
       [(a)-[:MENTIONS]->(p:Entity)-[r:HAS_ROLE]->(o:Entity) WHERE r.article_id = a.id
          | [p.id, o.id]] AS roles
