// The newest claims an outlet carries (ids; fetched with claims_by_ids).
MATCH (s:Source {id: $id})<-[:PUBLISHED_BY]-(a:Article)<-[:REPORTED_IN]-(c:Claim)
WITH c ORDER BY coalesce(c.date, c.published, '') DESC, c.id LIMIT $limit
RETURN collect(c.id) AS ids
