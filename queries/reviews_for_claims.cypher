// The reviews of the given claims, oldest first per claim.
UNWIND $ids AS cid
MATCH (r:ClaimReview {claim_id: cid})-[:REVIEWS]->(:Claim {id: cid})
RETURN cid AS claim_id, r {.*} AS review
ORDER BY cid, r.created_at, r.id
