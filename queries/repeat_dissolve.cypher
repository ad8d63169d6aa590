// Undo folds before they are computed again (graph/repeats.py): each repeat gets its Claim
// label back and loses its REPEAT_OF edge.
UNWIND $ids AS cid
MATCH (c:ClaimRepeat {id: cid})
OPTIONAL MATCH (c)-[r:REPEAT_OF]->()
DELETE r
REMOVE c:ClaimRepeat, c.repeat_of
SET c:Claim
RETURN count(DISTINCT c) AS n
