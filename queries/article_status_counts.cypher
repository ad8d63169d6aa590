// How many articles are stored with each status.
MATCH (a:Article)
RETURN coalesce(a.status, 'unknown') AS status, count(*) AS n
ORDER BY status
