// Export: canonical entities with their roles and locations, keyset-paginated on id, plus the
// first date they were mentioned (GEXF's dynamic "start") and how often.
MATCH (e:Entity)
WHERE e.id > $after
  AND ($ids IS NULL OR e.id IN $ids)
  AND (NOT $dated OR EXISTS {
    MATCH (e)-[:SAID|ABOUT|TARGETS]-(c:Claim)
    WHERE ($date_from IS NULL OR left(coalesce(c.date, c.published, ''), 10) >= $date_from)
      AND ($date_to IS NULL OR left(coalesce(c.date, c.published, ''), 10) <= $date_to)
  })
WITH e ORDER BY e.id LIMIT $limit
CALL (e) {
  OPTIONAL MATCH (e)-[r:HAS_ROLE|LOCATED_IN]->(t:Entity)
  WHERE ($ids IS NULL OR t.id IN $ids)
    AND (NOT $dated OR EXISTS {
      MATCH (t)-[:SAID|ABOUT|TARGETS]-(c:Claim)
      WHERE ($date_from IS NULL OR left(coalesce(c.date, c.published, ''), 10) >= $date_from)
        AND ($date_to IS NULL OR left(coalesce(c.date, c.published, ''), 10) <= $date_to)
    })
  RETURN collect(CASE WHEN t IS NOT NULL THEN {
    type: type(r), target: t.id, target_labels: labels(t), title: r.title, article_id: r.article_id,
    start: r.start, end: r.end} END) AS links
}
CALL (e) {
  OPTIONAL MATCH (a:Article)-[m:MENTIONS]->(e)
  RETURN min(left(m.published, 10)) AS first_seen, sum(m.count) AS mention_count
}
RETURN e.id AS id, [l IN labels(e) WHERE l <> 'Entity'] AS labels,
       e {.*, created_at: toString(e.created_at)} AS props, links, first_seen, mention_count
ORDER BY id
