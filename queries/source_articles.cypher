// An outlet's articles, newest first; keyset on (published, id).
MATCH (s:Source {id: $id})<-[:PUBLISHED_BY]-(a:Article)
WITH a, coalesce(a.published, '') AS key
WHERE $after_key IS NULL OR key < $after_key OR (key = $after_key AND a.id > $after_id)
WITH a, key ORDER BY key DESC, a.id ASC LIMIT $limit
RETURN a {.id, .title, .url, .published, .status, outlet: a.source} AS article, key,
       COUNT { (a)<-[:REPORTED_IN]-(:Claim) } AS claims
ORDER BY key DESC, article.id ASC
