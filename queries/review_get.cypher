// One review by id, with the claim it reviews.
MATCH (r:ClaimReview {id: $id})-[:REVIEWS]->(c:Claim)
RETURN r {.*} AS review, c.id AS claim_id
