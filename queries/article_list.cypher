// Stored articles, optionally by status, keyset-paginated on id (the Article id is unique).
MATCH (a:Article)
WHERE ($status IS NULL OR a.status = $status)
  AND ($after_id IS NULL OR a.id > $after_id)
WITH a ORDER BY a.id LIMIT $limit
OPTIONAL MATCH (a)-[d:DUPLICATE_OF]->(o:Article)
RETURN a {.id, .title, .url, .source, .author, .published, .language, .fetched_at,
          .content_hash, .status, .error} AS article,
       o.id AS duplicate_of, d.similarity AS similarity
ORDER BY a.id
