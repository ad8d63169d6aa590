// Store one fact-checker's review of a claim (a new node each time: reviews sit side by side).
MATCH (c:Claim {id: $claim_id})
MERGE (r:ClaimReview {id: $id})
  ON CREATE SET r.created_at = toString(datetime())
SET r += $props, r.claim_id = $claim_id
MERGE (r)-[:REVIEWS]->(c)
RETURN r {.*} AS review
