// Outlets, by name; keyset on (name, id). The article count is the relationship degree (no
// property reads); claims are counted in source_get, for one outlet at a time.
MATCH (s:Source)
WHERE $after_name IS NULL OR coalesce(s.name, '') > $after_name
   OR (coalesce(s.name, '') = $after_name AND s.id > $after_id)
WITH s ORDER BY coalesce(s.name, '') ASC, s.id ASC LIMIT $limit
RETURN s.id AS id, s.name AS name, COUNT { (s)<-[:PUBLISHED_BY]-() } AS articles
ORDER BY coalesce(name, '') ASC, id ASC
