// One claim for its detail page, in one read: the claim whole (the shape of claims_by_ids),
// its reviews (oldest first, as reviews_for_claims) and the same speaker's other claims on its
// entities (ids and sort keys, $scan at most: nearest in time first in graph/reads, fetched
// whole with the disputes). Disputes come from claim_dispute_candidates + graph/disputes.py.
// No row when no claim has that id.
MATCH (s)-[:SAID]->(c:Claim {id: $id})-[:REPORTED_IN]->(a:Article)
WITH s, c, a LIMIT 1
CALL (c) {
  OPTIONAL MATCH (c)-[:ABOUT]->(ab:Entity)
  RETURN [x IN collect(DISTINCT {id: ab.id, name: ab.name, type: ab.type})
          WHERE x.id IS NOT NULL] AS about
}
CALL (c) {
  OPTIONAL MATCH (c)-[:TARGETS]->(t:Entity)
  RETURN head(collect(DISTINCT {id: t.id, name: t.name, type: t.type})) AS target
}
CALL (c) {
  OPTIONAL MATCH (r:ClaimReview {claim_id: c.id})-[:REVIEWS]->(c)
  WITH r ORDER BY r.created_at, r.id
  RETURN collect(r {.*}) AS reviews
}
CALL (s, c) {
  OPTIONAL MATCH (c)-[:ABOUT|TARGETS]->(e:Entity)
  WITH s, c, collect(DISTINCT e) AS ents
  OPTIONAL CALL (s, c, ents) {
    UNWIND ents AS e
    MATCH (e)<-[:ABOUT|TARGETS]-(o:Claim)<-[:SAID]-(s)
    WHERE o <> c
    RETURN DISTINCT o
    LIMIT $scan
  }
  RETURN collect({id: o.id, reason: 'same_speaker', key: coalesce(o.date, o.published, '')})
           [..$limit] AS same
}
RETURN c {.*, ingested_at: null} AS claim,
       {id: s.id, name: coalesce(s.name, s.description), type: coalesce(s.type, 'AnonymousSource'),
        anonymous: s:AnonymousSource, description: s.description, affiliation: s.affiliation}
         AS speaker,
       about, target, a {.id, .title, .url, .source, .published} AS article, reviews, same,
       coalesce(c.date, c.published, '') AS key
