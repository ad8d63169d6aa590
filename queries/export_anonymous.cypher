// Export: anonymous sources ("a U.S. official"), one node per article and span, never merged.
MATCH (s:AnonymousSource)
WHERE s.id > $after
  AND ($ids IS NULL OR s.id IN $ids)
  AND (NOT $dated OR EXISTS {
    MATCH (s)-[:SAID]->(c:Claim)
    WHERE ($date_from IS NULL OR left(coalesce(c.date, c.published, ''), 10) >= $date_from)
      AND ($date_to IS NULL OR left(coalesce(c.date, c.published, ''), 10) <= $date_to)
  })
RETURN s.id AS id, s {.*} AS props
ORDER BY s.id
LIMIT $limit
