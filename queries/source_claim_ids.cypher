// The claims an outlet carries, from its newest articles (ids; fetched with claims_by_ids).
// Walking the newest articles first keeps a large outlet's answer bounded.
MATCH (s:Source {id: $id})<-[:PUBLISHED_BY]-(a:Article)
WITH a ORDER BY a.published DESC LIMIT $limit * 5
MATCH (a)<-[:REPORTED_IN]-(c:Claim)
WITH c ORDER BY coalesce(c.date, c.published, '') DESC, c.id LIMIT $limit
RETURN collect(c.id) AS ids
