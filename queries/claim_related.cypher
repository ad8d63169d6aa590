// For one claim: the same speaker's other claims on the same entities, and the claims that
// dispute it. A dispute is a claim by another speaker that (a) shares an about/target entity and
// has a disputing cue (deny, reject, accuse, ...) and does not target what this claim targets,
// or (b) this claim targets its speaker, or
// (c) it targets this claim's speaker. Each list is bounded; nearest in time first.
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
WITH s, c, ents, key, collect({id: o.id, reason: reason,
     key: coalesce(o.date, o.published, '')})[..$limit] AS same
OPTIONAL CALL (s, c, ents) {
  UNWIND ents AS e
  MATCH (e)<-[:ABOUT|TARGETS]-(o:Claim)<-[:SAID]-(os)
  WHERE os <> s AND any(stem IN $stems WHERE toLower(o.cue) STARTS WITH stem)
    // two accusations of the same target side with each other: not a dispute
    AND NOT EXISTS { (o)-[:TARGETS]->(t:Entity)<-[:TARGETS]-(c) }
  RETURN DISTINCT o, 'disputing_cue' AS reason
  LIMIT $scan
  UNION
  MATCH (c)-[:TARGETS]->(t:Entity)-[:SAID]->(o:Claim)
  WHERE t <> s
  RETURN DISTINCT o, 'targeted_by_this_claim' AS reason
  LIMIT $scan
  UNION
  MATCH (s)<-[:TARGETS]-(o:Claim)<-[:SAID]-(os)
  WHERE os <> s
  RETURN DISTINCT o, 'targets_this_speaker' AS reason
  LIMIT $scan
}
WITH same, key, o, collect(reason)[0] AS reason
WITH same, key, collect({id: o.id, reason: reason, key: coalesce(o.date, o.published, '')})
     AS disputes
RETURN same, disputes, key
