// Export: outlets (Source nodes), keyset-paginated on id. A date range keeps the outlets of
// articles that report a claim in the range; $ids keeps a computed neighbourhood.
MATCH (s:Source)
WHERE s.id > $after
  AND ($ids IS NULL OR s.id IN $ids)
  AND (NOT $dated OR EXISTS {
    MATCH (s)<-[:PUBLISHED_BY]-(:Article)<-[:REPORTED_IN]-(c:Claim)
    WHERE ($date_from IS NULL OR left(coalesce(c.date, c.published, ''), 10) >= $date_from)
      AND ($date_to IS NULL OR left(coalesce(c.date, c.published, ''), 10) <= $date_to)
  })
RETURN s.id AS id, s {.*} AS props
ORDER BY s.id
LIMIT $limit
