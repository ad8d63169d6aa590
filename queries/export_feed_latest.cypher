// Feed: the newest claim's position, for consumers that start from "now".
MATCH (c:Claim)
WHERE c.ingested_at IS NOT NULL
RETURN toString(c.ingested_at) AS ingested_at, c.id AS id
ORDER BY c.ingested_at DESC, c.id DESC
LIMIT 1
