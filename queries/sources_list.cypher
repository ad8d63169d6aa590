// Outlets, by name; keyset on (name, id). Counts use the degree store (cheap) for articles.
MATCH (s:Source)
WHERE $after_name IS NULL OR coalesce(s.name, '') > $after_name
   OR (coalesce(s.name, '') = $after_name AND s.id > $after_id)
WITH s ORDER BY coalesce(s.name, '') ASC, s.id ASC LIMIT $limit
RETURN s.id AS id, s.name AS name,
       COUNT { (s)<-[:PUBLISHED_BY]-(:Article) } AS articles,
       COUNT { (s)<-[:PUBLISHED_BY]-(:Article)<-[:REPORTED_IN]-(:Claim) } AS claims
ORDER BY coalesce(name, '') ASC, id ASC
