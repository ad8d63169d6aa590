// Fold each repeat into its canonical claim: it leaves the Claim label (counts, lists and
// aggregates read :Claim) and points at the canonical one.
UNWIND $rows AS row
MATCH (c:Claim {id: row.id})
MATCH (k:Claim {id: row.canonical})
REMOVE c:Claim
SET c:ClaimRepeat, c.repeat_of = k.id
MERGE (c)-[:REPEAT_OF]->(k)
RETURN count(c) AS n
