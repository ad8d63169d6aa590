// For one claim: the same speaker's other claims on the same entities (bounded, nearest in
// time first in graph/reads.py). Disputes come from claim_dispute_candidates + graph/disputes.py.
MATCH (s)-[:SAID]->(c:Claim {id: $id})
OPTIONAL MATCH (c)-[:ABOUT|TARGETS]->(e:Entity)
WITH s, c, collect(DISTINCT e) AS ents, coalesce(c.date, c.published, '') AS key
OPTIONAL CALL (s, c, ents) {
  UNWIND ents AS e
  MATCH (e)<-[:ABOUT|TARGETS]-(o:Claim)<-[:SAID]-(s)
  WHERE o <> c
  RETURN DISTINCT o, 'same_speaker' AS reason
  LIMIT $scan
}
WITH key, collect({id: o.id, reason: reason, key: coalesce(o.date, o.published, '')})[..$limit]
     AS same
RETURN same, key
