// Export: articles with their outgoing edges (PUBLISHED_BY, DUPLICATE_OF, MENTIONS), one page
// keyset-paginated on id. The text travels only when asked ($with_text): it dwarfs the rest.
MATCH (a:Article)
WHERE a.id > $after
  AND ($ids IS NULL OR a.id IN $ids)
  AND (NOT $dated OR EXISTS {
    MATCH (a)<-[:REPORTED_IN]-(c:Claim)
    WHERE ($date_from IS NULL OR left(coalesce(c.date, c.published, ''), 10) >= $date_from)
      AND ($date_to IS NULL OR left(coalesce(c.date, c.published, ''), 10) <= $date_to)
  })
WITH a ORDER BY a.id LIMIT $limit
CALL (a) {
  OPTIONAL MATCH (a)-[:PUBLISHED_BY]->(s:Source)
  RETURN head(collect(s.id)) AS source_id
}
CALL (a) {
  OPTIONAL MATCH (a)-[d:DUPLICATE_OF]->(o:Article)
  WHERE ($ids IS NULL OR o.id IN $ids)
    AND (NOT $dated OR EXISTS {
      MATCH (o)<-[:REPORTED_IN]-(c:Claim)
      WHERE ($date_from IS NULL OR left(coalesce(c.date, c.published, ''), 10) >= $date_from)
        AND ($date_to IS NULL OR left(coalesce(c.date, c.published, ''), 10) <= $date_to)
    })
  RETURN collect(CASE WHEN o IS NOT NULL THEN {target: o.id, similarity: d.similarity} END)
         AS duplicates
}
CALL (a) {
  OPTIONAL MATCH (a)-[m:MENTIONS]->(e:Entity)
  WHERE ($ids IS NULL OR e.id IN $ids)
    AND (NOT $dated OR EXISTS {
      MATCH (e)-[:SAID|ABOUT|TARGETS]-(c:Claim)
      WHERE ($date_from IS NULL OR left(coalesce(c.date, c.published, ''), 10) >= $date_from)
        AND ($date_to IS NULL OR left(coalesce(c.date, c.published, ''), 10) <= $date_to)
    })
  RETURN collect(CASE WHEN e IS NOT NULL THEN {
    target: e.id, target_labels: labels(e), target_name: e.name, count: m.count, starts: m.starts, ends: m.ends, texts: m.texts,
    published: m.published, extractor_version: m.extractor_version} END) AS mentions
}
RETURN a.id AS id,
       a {.id, .title, .url, .source, .author, .published, .language, .fetched_at,
          .content_hash, .status, .error, text: CASE WHEN $with_text THEN a.text END} AS props,
       source_id, duplicates, mentions
ORDER BY id
