// Top speakers about some entities from the CLAIMED_ABOUT aggregates: claims per speaker,
// in whole months [$m_from, $m_to] when $dated. One extra row tells the caller it was capped.
UNWIND $about_ids AS aid
MATCH (s:Entity)-[r:CLAIMED_ABOUT]->(:Entity {id: aid})
WITH s, CASE WHEN $dated THEN reduce(n = 0, k IN keys(r) |
          n + CASE WHEN k >= $m_from AND k <= $m_to THEN r[k] ELSE 0 END)
        ELSE r.weight END AS w
WITH s, sum(w) AS claims
WHERE claims > 0
RETURN s {.id, .name, .type} AS entity, claims
ORDER BY claims DESC, entity.id
LIMIT $limit
